/**
 * The fetch both SDKs are given. The platform's fetch follows every redirect and carries custom headers
 * (`x-api-key`, a gateway's token) to wherever it points; this one follows a redirect only within the
 * origin the request went to, and refuses one to another origin with CrossOriginRedirectError.
 */

/** A redirect to another origin, refused: the key and the gateway headers stay with the endpoint the user chose. */
export class CrossOriginRedirectError extends Error {
  constructor(readonly from: string, readonly to: string) {
    // Origins only: a redirect's full URL can carry tokens in its query.
    super(`the endpoint ${from} redirected the request to ${to}, another origin. Tandem does not follow such a redirect, `
      + `so your key and headers went no further than ${from}. Set the base URL to the endpoint's real address.`);
    this.name = 'CrossOriginRedirectError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The fetch standard's limit. */
const MAX_REDIRECTS = 20;
/** Dropped with the body when a redirect turns the request into a GET (the fetch standard's list). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

export async function sameOriginFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  // The SDKs pass a URL; a Request (not used by them) is sent as is, and any redirect of it is an error.
  if (input instanceof Request) return fetch(input, { ...init, redirect: 'error' });
  let url = new URL(input);
  let request: RequestInit = init;
  for (let hops = 0; ; hops++) {
    const response = await fetch(url, { ...request, redirect: 'manual' });
    const location = REDIRECTS.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    const next = new URL(location, url);
    await response.body?.cancel().catch(() => undefined);
    if (next.origin !== url.origin) throw new CrossOriginRedirectError(url.origin, next.origin);
    if (hops >= MAX_REDIRECTS) throw new Error(`the endpoint ${url.origin} redirected more than ${MAX_REDIRECTS} times`);
    request = afterRedirect(request, response.status);
    url = next;
  }
}

/** 303, and 301/302 after a POST, continue as a GET without the body (as browsers and the fetch standard do). */
function afterRedirect(request: RequestInit, status: number): RequestInit {
  const method = (request.method ?? 'GET').toUpperCase();
  const toGet = (status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  if (!toGet) return request;
  const headers = new Headers(request.headers);
  for (const name of BODY_HEADERS) headers.delete(name);
  return { ...request, method: 'GET', body: null, headers };
}
