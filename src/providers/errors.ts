// Maps whatever an SDK throws to a ProviderError whose kind drives fallback and whose message a user can act on.
import { providerInfo, type ProviderId } from '../core/models/providers';
import { redactSecrets } from '../core/log/logger';
import { ProviderError, type FailureKind, type PartialResult } from '../core/calls/providerError';
import { errorText } from '../core/format/errorText';
import { CrossOriginRedirectError } from './sameOriginFetch';

type Ctor = abstract new (...args: never[]) => Error;

/** The SDK's error classes (both SDKs export the same names); passed in because the SDK is loaded lazily. */
export interface SdkErrorClasses {
  readonly APIError: Ctor;
  readonly APIConnectionError: Ctor;
  readonly APIConnectionTimeoutError: Ctor;
  readonly APIUserAbortError: Ctor;
}

/** What the adapter knew when the call failed. */
export interface FailureContext {
  readonly provider: ProviderId;
  /** The key and the gateway header values: redacted from every message (lazySdk.ts clientSecrets). */
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
  /** True once any answer text arrived: a break after that is 'mid-stream'. */
  readonly textStarted: boolean;
  readonly timeoutMs?: number;
  /** The request id seen before the failure, for errors that do not carry one. */
  readonly requestId?: string;
  readonly partial?: PartialResult;
  /** The stream went silent for longer than the timeout after it began, and was closed. */
  readonly stalled?: boolean;
}

/** The fields an SDK APIError carries (both SDKs). */
interface ApiErrorShape {
  status?: number;
  headers?: { get(name: string): string | null };
  requestID?: string | null;
  type?: string | null;
  error?: unknown;
}

const BAD_REQUEST = new Set([400, 404, 413, 422]);

export function toProviderError(err: unknown, sdk: SdkErrorClasses, ctx: FailureContext): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = providerInfo(ctx.provider).displayName;
  const make = (kind: FailureKind, message: string, status?: number, ownRequestId?: string) => {
    const requestId = ownRequestId ?? ctx.requestId;
    return new ProviderError(ctx.provider, kind, redactSecrets(withRequestId(message, requestId), ctx.secrets), {
      ...(status !== undefined ? { status } : {}),
      ...(requestId ? { requestId } : {}),
      ...(ctx.partial ? { partial: ctx.partial } : {}),
    });
  };

  const cancelled = () => make('cancelled', `The ${name} request was cancelled.`);
  if (ctx.signal?.aborted) return cancelled();
  // The watchdog closes a silent stream by aborting it: a timeout to the user, not a cancel.
  if (ctx.stalled) {
    const after = ctx.timeoutMs ? ` for ${formatSeconds(ctx.timeoutMs)}` : '';
    return make('timeout', `${name} stopped sending in the middle of the answer (nothing arrived${after}). Try again; raise the timeout in the settings if this keeps happening.`);
  }
  if (err instanceof sdk.APIUserAbortError) return cancelled();
  // The SDK reports what its fetch threw as a connection error, with the refusal as the cause.
  const redirect = [err, (err as { cause?: unknown } | undefined)?.cause].find((e) => e instanceof CrossOriginRedirectError);
  if (redirect) return make('bad-request', `${name}: ${redirect.message}`);
  if (err instanceof sdk.APIConnectionTimeoutError) {
    const after = ctx.timeoutMs ? ` within ${formatSeconds(ctx.timeoutMs)}` : '';
    return make('timeout', `${name} did not answer${after}. Try again, or raise the timeout in the settings if this keeps happening.`);
  }
  if (err instanceof sdk.APIConnectionError) {
    if (ctx.textStarted) return make('mid-stream', `The connection to ${name} broke in the middle of the answer. What arrived was kept; try again.`);
    return make('connection', `Could not reach ${name}${causeOf(err)}. Check your network, proxy and the ${name} base URL setting.`);
  }
  if (err instanceof sdk.APIError) return fromApiError(err as Error & ApiErrorShape, name, make);
  const detail = errorText(err);
  if (ctx.textStarted) return make('mid-stream', `The ${name} answer broke off in the middle (${detail}). What arrived was kept; try again.`);
  return make('server', `The call to ${name} failed unexpectedly (${detail}). Try again.`);
}

/** The SDK module itself would not load (a broken install or bundle). */
export function sdkLoadError(provider: ProviderId, err: unknown): ProviderError {
  const name = providerInfo(provider).displayName;
  const detail = redactSecrets(errorText(err), []);
  return new ProviderError(provider, 'server', `Tandem could not load the ${name} SDK (${detail}). Reinstall or update the extension.`);
}

function fromApiError(
  err: Error & ApiErrorShape,
  name: string,
  make: (kind: FailureKind, message: string, status?: number, requestId?: string) => ProviderError,
): ProviderError {
  const status = typeof err.status === 'number' ? err.status : undefined;
  const requestId = err.requestID ?? undefined;
  const type = err.type ?? errorTypeOf(err.error);
  const said = providerText(err);
  const detail = said ? ` ${name} said: "${said}".` : '';
  if (status === 529 || type === 'overloaded_error') {
    return make('overloaded', `${name} is overloaded right now${status ? ` (${status})` : ''}. Try again in a moment.`, status, requestId);
  }
  if (status === undefined) {
    // An `error` event inside a 200 stream: the answer was cut off by the provider.
    return make('mid-stream', `The ${name} answer broke off in the middle.${detail} What arrived was kept; try again.`, undefined, requestId);
  }
  if (status === 429) {
    const wait = retryAfterSeconds(err.headers);
    const hint = wait !== undefined ? ` It asks to wait ${wait} s.` : '';
    return make('rate-limit', `${name} is rate-limiting requests (429).${hint} Wait a moment and try again, or check your plan's limits.`, status, requestId);
  }
  if (status === 401) return make('auth', `${name} rejected the API key (401). Run 'Tandem: Set API Key…' to enter a valid key.`, status, requestId);
  if (status === 403) {
    return make('auth', `${name} refused this API key access (403).${detail} Check the key's permissions, or run 'Tandem: Set API Key…'.`, status, requestId);
  }
  if (status === 402) return make('billing', `${name} refused the request for billing reasons (402).${detail} Check your ${name} account's credit.`, status, requestId);
  if (status === 408) return make('timeout', `${name} timed out answering (408). Try again.`, status, requestId);
  if (status >= 500) return make('server', `${name} had a server error (${status}). Try again in a moment.`, status, requestId);
  if (BAD_REQUEST.has(status) || status >= 400) {
    return make('bad-request', `${name} rejected the request (${status}).${detail} This is a problem with the request or the model name in the settings.`, status, requestId);
  }
  return make('server', `${name} answered with an unexpected status (${status}).${detail}`, status, requestId);
}

function withRequestId(message: string, requestId?: string): string {
  return requestId ? `${message} (request id ${requestId})` : message;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function causeOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? ` (${code})` : '';
}

function errorTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const inner = (body as { error?: unknown }).error;
  const t = typeof inner === 'object' && inner !== null ? (inner as { type?: unknown }).type : (body as { type?: unknown }).type;
  return typeof t === 'string' ? t : undefined;
}

/** The provider's own error message (OpenAI: body.message; Anthropic: body.error.message), trimmed. */
function providerText(err: ApiErrorShape): string {
  const body = err.error;
  if (typeof body !== 'object' || body === null) return '';
  const inner = (body as { error?: unknown }).error;
  const source = typeof inner === 'object' && inner !== null ? inner : body;
  const message = (source as { message?: unknown }).message;
  if (typeof message !== 'string') return '';
  const trimmed = message.trim().replace(/\.$/, '');
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

function retryAfterSeconds(headers: ApiErrorShape['headers']): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const s = Number(headers?.get('retry-after') ?? NaN);
  return Number.isFinite(s) && s >= 0 ? Math.ceil(s) : undefined;
}
