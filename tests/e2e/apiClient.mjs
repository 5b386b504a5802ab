// A client of the API from outside the browser (Node's fetch), as another device would be:
// it keeps its own cookies, fetches a CSRF token once and sends it on unsafe requests.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiClient {
  /**
   * @param {string} baseUrl
   * @param {{ userAgent?: string }} [options]
   */
  constructor(baseUrl, { userAgent = 'curl/8.0' } = {}) {
    this.baseUrl = baseUrl;
    this.userAgent = userAgent;
    /** name → value; every cookie this API sets lives under /api, so paths are not tracked. */
    this.cookies = new Map();
    this.csrfToken = undefined;
  }

  /** @returns {Promise<{ status: number, body: any, headers: Headers }>} */
  async request(method, path, body) {
    const headers = { accept: 'application/json', 'user-agent': this.userAgent };
    if (UNSAFE.has(method)) headers['x-csrf-token'] = await this.csrf();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;

    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.remember(response.headers.getSetCookie());
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  post(path, body = {}) {
    return this.request('POST', path, body);
  }

  async csrf() {
    if (this.csrfToken === undefined) {
      const { status, body } = await this.request('GET', '/api/csrf-token');
      if (status !== 200 || typeof body?.csrfToken !== 'string') {
        throw new Error(`GET /api/csrf-token answered ${status}: ${JSON.stringify(body)}`);
      }
      this.csrfToken = body.csrfToken;
    }
    return this.csrfToken;
  }

  /** The name of the cookie currently holding `value` (e.g. the refresh token), if any. */
  cookieNameHolding(value) {
    for (const [name, held] of this.cookies) if (held === value) return name;
    return undefined;
  }

  remember(setCookieHeaders) {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
