/** The one way the web app talks to the server: JSON, the CSRF header, and typed errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('dangvu_csrf='))
    ?.slice('dangvu_csrf='.length);
}

export const UNAUTHENTICATED_EVENT = 'dangvu:unauthenticated';

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'QUERY', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'offline');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string; details?: unknown } } | null;
  if (!res.ok) {
    const e = data?.error;
    // The session probe (/auth/me) and login itself answer 401 as a matter of course.
    if (res.status === 401 && !path.startsWith('/auth/login') && !path.startsWith('/auth/me'))
      window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT, { detail: e?.code ?? 'UNAUTHENTICATED' }));
    throw new ApiError(res.status, e?.code ?? 'HTTP_' + res.status, e?.message ?? res.statusText, e?.field, e?.details);
  }
  return data as T;
}

/** Query string from an object, dropping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
}
