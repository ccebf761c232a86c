import { ApiError, problemFromResponse } from './problem';

export const API_BASE = '/api/v1';

export type ApiLanguage = 'zh-CN' | 'en';

type Translate = (key: string, options?: Record<string, unknown>) => string;

interface ClientHooks {
  /** Any 401 outside of login / "who am I": the session is gone. */
  onUnauthorized?: () => void;
  /** 403 `password-change-required`: the server insists on a password change first. */
  onPasswordChangeRequired?: () => void;
}

let language: ApiLanguage = 'zh-CN';
let translate: Translate = (key, options) => `${key}${options?.status ? ` (${String(options.status)})` : ''}`;
let hooks: ClientHooks = {};

export function setApiLanguage(lang: ApiLanguage): void {
  language = lang;
}

export function getApiLanguage(): ApiLanguage {
  return language;
}

export function setApiTranslator(t: Translate): void {
  translate = t;
}

export function setApiHooks(next: ClientHooks): void {
  hooks = next;
}

/** The message shown when the server gave no usable problem detail. */
export function fallbackMessage(status: number): string {
  if (status === 0) return translate('errors.network');
  if (status >= 500) return translate('errors.server', { status });
  return translate('errors.http', { status });
}

export interface RequestOptions {
  /** Do not treat a 401 as "session expired" (login, who-am-I). */
  allowUnauthorized?: boolean;
  query?: Record<string, string | number | undefined | null>;
  /** Extra request headers (e.g. `If-Match`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A successful answer with the response headers the caller may need (e.g. `ETag`). */
export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return (await requestFull<T>(method, path, body, options)).data;
}

/** Like {@link request}, but also hands back the status and the response headers. */
export async function requestFull<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0 }, fallbackMessage(0));
  }

  if (res.ok) {
    if (res.status === 204) return { data: undefined as T, status: res.status, headers: res.headers };
    const text = await res.text();
    return { data: (text ? JSON.parse(text) : undefined) as T, status: res.status, headers: res.headers };
  }

  const error = problemFromResponse(res.status, res.headers.get('content-type'), await res.text(), fallbackMessage(res.status));
  if (res.status === 401 && !options.allowUnauthorized) hooks.onUnauthorized?.();
  if (res.status === 403 && error.code === 'password-change-required') hooks.onPasswordChangeRequired?.();
  throw error;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  del: (path: string, options?: RequestOptions) => request<void>('DELETE', path, undefined, options),
};
