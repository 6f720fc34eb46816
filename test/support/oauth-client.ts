import type {
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from '@modelcontextprotocol/client';

/**
 * An MCP client's OAuth state, as a real client keeps it: the SDK drives discovery, registration (or a Client ID
 * Metadata Document), PKCE and the token exchange; this only stores what it hands over and records where it
 * would send the browser.
 */
export class RecordingOAuthProvider implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private client: StoredOAuthClientInformation | undefined;
  private stored: StoredOAuthTokens | undefined;
  private verifier = '';
  private discovery: OAuthDiscoveryState | undefined;

  constructor(
    private readonly options: {
      redirectUrl: string;
      clientName: string;
      scope?: string;
      clientMetadataUrl?: string;
    },
  ) {}

  get clientMetadataUrl() {
    return this.options.clientMetadataUrl;
  }
  get redirectUrl() {
    return this.options.redirectUrl;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.clientName,
      redirect_uris: [this.options.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.options.scope ? { scope: this.options.scope } : {}),
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: StoredOAuthClientInformation) {
    this.client = info;
  }
  tokens() {
    return this.stored;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.stored = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

/**
 * The person's browser, played with fetch: follows redirects by hand, keeps cookies, submits forms. Stops at the
 * first redirect that leaves the server (the client's redirect_uri) and returns it.
 */
export const createFetchBrowser = (log: (line: string) => void = () => undefined) => {
  // name -> value and Path: like a browser, a cookie goes only to URLs under its path (behind a path prefix a
  // cookie set for the wrong path is lost).
  const cookies = new Map<string, { value: string; path: string }>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const path =
        attributes
          .map((a) => a.trim())
          .find((a) => a.toLowerCase().startsWith('path='))
          ?.slice(5) ?? '/';
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, { value, path });
    }
  };
  const cookieHeader = (url: string) => {
    const { pathname } = new URL(url);
    return [...cookies]
      .filter(
        ([, c]) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map(([k, c]) => `${k}=${c.value}`)
      .join('; ');
  };

  const request = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(url) },
      signal: AbortSignal.timeout(10_000),
    });
    remember(res);
    log(`${init.method ?? 'GET'} ${new URL(url).pathname} -> ${res.status}`);
    return res;
  };

  /** GETs `url` and follows redirects while they stay on `origin`; the page reached, or the redirect that left. */
  const visit = async (url: string, origin: string, init?: RequestInit) => {
    let res = await request(url, init);
    let at = url;
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', at).href;
      if (new URL(next).origin !== origin) return { left: next, html: '', url: at, status: res.status };
      at = next;
      res = await request(next);
    }
    return { left: null, html: await res.text(), url: at, status: res.status };
  };

  const submit = (url: string, origin: string, fields: [string, string][]) =>
    visit(url, origin, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  return { visit, submit };
};
