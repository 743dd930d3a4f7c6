import * as vscode from 'vscode';
import { parseBudgetSettings } from '../../core/cost/budget';
import type { SettingsSnapshot } from '../../core/calls/settingsSnapshot';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../core/models/modelTable';
import { applyModelOverrides } from '../../core/models/catalog';
import { applyRoutingOverrides } from '../../core/models/overrides';
import type { ProviderId } from '../../core/models/providers';
import { resolveEndpoint, type Endpoint } from '../../core/endpoints/endpoint';
import { parseTrustedOrigins, type OriginPattern } from '../../core/endpoints/origin';
import type { ClientConfig } from '../../core/calls/modelClient';

/** A provider's endpoint as Tandem resolved it, and the extra headers of the user's settings. */
export interface EndpointSettings {
  readonly endpoint: Endpoint;
  readonly headers: Readonly<Record<string, string>>;
}

/** The user's endpoint settings, read together and kept like the model settings. */
interface EndpointSnapshot {
  readonly baseUrls: Readonly<Record<ProviderId, unknown>>;
  readonly headers: Readonly<Record<ProviderId, Readonly<Record<string, string>>>>;
  readonly trusted: readonly OriginPattern[];
}

/**
 * Tandem's settings. The model settings are read once and kept until a `tandem.*` setting changes: reading
 * them takes several `inspect()` calls (user values only), too slow to repeat for every status bar render
 * and every request. Impossible values are reported once per distinct problem and the defaults are kept.
 */
export class TandemSettings implements vscode.Disposable {
  private readonly reported = new Set<string>();
  private snapshot: SettingsSnapshot | undefined;
  private endpoints: EndpointSnapshot | undefined;
  // Registered when the model layer is built, before any feature's listener: those read fresh values.
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('tandem')) return;
    this.snapshot = undefined;
    this.endpoints = undefined;
  });

  /**
   * `env` is the extension host's environment, read at every use (not copied): it is where a dev
   * container's `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` come from.
   */
  constructor(
    private readonly report: (problems: string[]) => void,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  models(): SettingsSnapshot {
    this.snapshot ??= this.readModels();
    return this.snapshot;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private readModels(): SettingsSnapshot {
    const config = vscode.workspace.getConfiguration('tandem');
    // Prices, the catalog and budgets come from the user's settings only, so a cloned repository cannot make
    // calls free or lift a cap. Their application scope already makes VS Code drop a workspace value (it is
    // not even reported by inspect()); reading the user's value keeps that true whatever the declared scope.
    const models = applyModelOverrides(DEFAULT_MODELS, userValue(config, 'models'));
    const routing = config.inspect<Record<string, unknown>>('routing');
    const workspaceRoutes = { ...routing?.workspaceValue, ...routing?.workspaceFolderValue };
    const routes = applyRoutingOverrides(DEFAULT_ROUTES, config.get('routing'), models.table, (task) => Object.hasOwn(workspaceRoutes, task));
    const budget = parseBudgetSettings({
      session: userValue(config, 'budget.session'),
      daily: userValue(config, 'budget.daily'),
      monthly: userValue(config, 'budget.monthly'),
      mode: userValue(config, 'budget.mode'),
    });
    this.reportOnce([...models.problems, ...routes.problems, ...budget.problems]);
    return {
      models: models.table,
      routes: routes.table,
      fallbackEnabled: config.get<boolean>('fallback.enabled', true),
      budget: { caps: budget.caps, mode: budget.mode },
    };
  }

  /**
   * The endpoint of a provider (its setting, else the environment, else the provider's own; see
   * core/endpoints) and the headers of the user's settings. Endpoint settings come from user settings
   * only: a workspace's own value is ignored even if VS Code would offer it, so a cloned repository can
   * never send the user's key to another server.
   */
  endpoint(provider: ProviderId): EndpointSettings {
    const snapshot = this.endpointSnapshot();
    const { endpoint, problems } = resolveEndpoint(provider, snapshot.baseUrls[provider], this.env);
    this.reportOnce(problems);
    return { endpoint, headers: snapshot.headers[provider] };
  }

  /** `tandem.trustedEndpoints` from the user's settings. */
  trustedEndpoints(): readonly OriginPattern[] {
    return this.endpointSnapshot().trusted;
  }

  /** Per-attempt timeout and the SDK's retries. */
  requestLimits(): Pick<ClientConfig, 'timeoutMs' | 'maxRetries'> {
    const config = vscode.workspace.getConfiguration('tandem');
    return {
      timeoutMs: Math.max(1, config.get<number>('requestTimeoutSeconds', 120)) * 1000,
      maxRetries: Math.max(0, Math.floor(config.get<number>('maxRetries', 2))),
    };
  }

  private endpointSnapshot(): EndpointSnapshot {
    if (this.endpoints) return this.endpoints;
    const config = vscode.workspace.getConfiguration('tandem');
    const problems: string[] = [];
    const headersOf = (provider: ProviderId): Record<string, string> => {
      const clean: Record<string, string> = {};
      for (const [name, value] of Object.entries(userValue<Record<string, unknown>>(config, `${provider}.headers`) ?? {})) {
        if (typeof value === 'string') clean[name] = value;
        else problems.push(`tandem.${provider}.headers["${name}"] must be a string; it is ignored.`);
      }
      return clean;
    };
    const trusted = parseTrustedOrigins(userValue(config, 'trustedEndpoints'));
    this.endpoints = {
      baseUrls: { openai: userValue(config, 'openai.baseUrl'), anthropic: userValue(config, 'anthropic.baseUrl') },
      headers: { openai: headersOf('openai'), anthropic: headersOf('anthropic') },
      trusted: trusted.patterns,
    };
    this.reportOnce([...problems, ...trusted.problems]);
    return this.endpoints;
  }

  private reportOnce(problems: string[]): void {
    const fresh = problems.filter((p) => !this.reported.has(p));
    fresh.forEach((p) => this.reported.add(p));
    if (fresh.length > 0) this.report(fresh);
  }
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}
