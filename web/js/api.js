// api.js - the JSON API client: cookie sessions, the CSRF token kept in
// sessionStorage, break-glass reasons, and one error type for every
// non-2xx answer. Not for rendering.

const BASE = '/api/v1';
const CSRF_KEY = 'spire.csrf';

// ApiError: a non-2xx answer. status, code, field, message and the whole
// error body (e.g. duplicates) are kept for the views; errors holds every
// {field, message} the API named (the first is field and message).
export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `The server answered ${status}`);
    this.status = status;
    this.code = err.code || null;
    this.field = err.field || null;
    this.error = err;
    const all = body && Array.isArray(body.errors) && body.errors.length ? body.errors : [err];
    this.errors = all.map((x) => ({ field: x.field || null, message: x.message || this.message }));
  }

  // list(): every error to show, the first as the view may have reworded
  // it (field and message), then the others as the API sent them.
  list() {
    return [{ field: this.field, message: this.message }, ...this.errors.slice(1)];
  }
}

let onSignedOut = () => {};

// setSignedOutHandler(fn): called when any request answers 401.
export function setSignedOutHandler(fn) {
  onSignedOut = fn;
}

export function setCsrf(token) {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

// request(method, path, body, {breakGlass, quiet401}): resolves to the
// parsed JSON of a 2xx answer, rejects with ApiError otherwise.
export async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = sessionStorage.getItem(CSRF_KEY);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (opts.breakGlass) headers['X-Break-Glass-Reason'] = opts.breakGlass;
  let res;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: 'Spire could not be reached. Check your connection and try again.' } });
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok) return json;
  if (res.status === 401 && !opts.quiet401) {
    setCsrf(null);
    onSignedOut();
  }
  throw new ApiError(res.status, json);
}

export const get = (path, opts) => request('GET', path, undefined, opts);
export const post = (path, body, opts) => request('POST', path, body ?? {}, opts);
export const patch = (path, body, opts) => request('PATCH', path, body, opts);
export const del = (path, opts) => request('DELETE', path, undefined, opts);

// qs({a: 1, b: ''}): "?a=1", dropping empty values.
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}
