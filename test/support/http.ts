export interface HttpResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny fetch client that keeps the cookies the server sets (the session cookie). */
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string): Promise<HttpResponse<T>> {
    return this.request('GET', path);
  }
  post<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>> {
    return this.request('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>> {
    return this.request('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>> {
    return this.request('PUT', path, body);
  }
  del<T = any>(path: string): Promise<HttpResponse<T>> {
    return this.request('DELETE', path);
  }

  /** multipart/form-data upload of one file (plus optional text fields). */
  postFile<T = any>(
    path: string,
    field: string,
    filename: string,
    content: Buffer | string,
    contentType = 'text/csv',
    fields: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    form.append(field, new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
    return this.send('POST', path, { body: form });
  }

  /** The Cookie header this client sends, e.g. to hand the session to a browser. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookieValue(name: string): string | undefined {
    return this.cookies.get(name);
  }

  request<T = any>(method: string, path: string, body?: unknown): Promise<HttpResponse<T>> {
    return this.send(
      method,
      path,
      body === undefined
        ? {}
        : {
            body: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          },
    );
  }

  private async send<T>(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> },
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...init.headers,
    };
    const cookie = this.cookieHeader();
    if (cookie) headers['cookie'] = cookie;
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: init.body,
      redirect: 'manual',
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attrs] = set.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
