/** An answer's body as the tests read it: fields as the API documents them, without a declared shape each. */
// biome-ignore lint/suspicious/noExplicitAny: the tests are the API's specification, not its typed client
export type AnswerBody = any;

export interface ApiResponse<T = AnswerBody> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

/** A thin HTTP client speaking to a running Baton API, as curl would. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<T = AnswerBody>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }

  post<T = AnswerBody>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request('POST', path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
  }

  put<T = AnswerBody>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request('PUT', path, JSON.stringify(body), 'application/json');
  }

  patch<T = AnswerBody>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request('PATCH', path, JSON.stringify(body), 'application/json');
  }

  delete<T = AnswerBody>(path: string): Promise<ApiResponse<T>> {
    return this.request('DELETE', path);
  }

  postYaml<T = AnswerBody>(path: string, yaml: string): Promise<ApiResponse<T>> {
    return this.request('POST', path, yaml, 'application/yaml');
  }

  async request<T = AnswerBody>(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      contentType: type,
      body: text && type.includes('json') ? JSON.parse(text) : text,
    };
  }
}
