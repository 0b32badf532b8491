// The only way the web application talks to the server: JSON over fetch, the session cookie sent
// by the browser, and the CSRF token (from /api/auth/login or /api/auth/session) echoed on every
// state-changing request. A 401 on a signed-in call does not navigate away: it asks the app to
// show the sign-in dialog (onSessionExpired) and retries once, so a half-typed form survives.
// An error answer has the one problem shape of the API (lib/schemas.ts, type-only: no zod in the
// bundle); its details are problems of cells (domain/activity-rules.ts).
import type { Problem as CellProblem } from '../../domain/activity-rules.ts';
import type { Problem } from '../../lib/schemas.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: CellProblem[],
    readonly body: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type ExpiredHandler = () => Promise<boolean>;
let onSessionExpired: ExpiredHandler | null = null;
/** The app registers a handler that shows the sign-in dialog and resolves true once signed in. */
export function setSessionExpiredHandler(handler: ExpiredHandler | null): void {
  onSessionExpired = handler;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Do not open the sign-in dialog on 401 (login and "who am I" calls). */
  anonymous?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const send = () => {
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    return fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  };
  let res = await send();
  if (res.status === 401 && !opts.anonymous && onSessionExpired) {
    if (await onSessionExpired()) res = await send();
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const d = (data ?? {}) as Partial<Problem>;
    throw new ApiError(
      res.status,
      d.error ?? `http_${res.status}`,
      d.message ?? res.statusText,
      Array.isArray(d.details) ? d.details : [],
      data,
    );
  }
  return data as T;
}

/** Network failures (offline, server down) are not ApiErrors: forms keep their drafts and say so. */
export function isNetworkError(e: unknown): boolean {
  return e instanceof TypeError;
}

export const get = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
  api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown, query?: RequestOptions['query']) =>
  api<T>(path, { method: 'POST', body: body ?? {}, query });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const del = <T>(path: string, query?: RequestOptions['query']) =>
  api<T>(path, { method: 'DELETE', query });
