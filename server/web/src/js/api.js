// The server's /api/v1, in JSON. Every call but login carries the bearer token in the Authorization header.
// Failures become ApiError with the server's {error: {code, message, details}}; a 401 on an authenticated call
// also tells the app, which signs the person out (expired or revoked token).

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const base = '/api/v1';

// Drops empty values so that the server applies its defaults.
export function queryString(query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApi({ token, onUnauthorized } = {}) {
  async function send(method, path, { query, json, text, contentType, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    const bearer = token?.();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (text !== undefined) {
      headers['Content-Type'] = contentType;
      body = text;
    }
    let response;
    try {
      response = await fetch(`${base}${path}${queryString(query)}`, {
        method, headers, body, credentials: 'same-origin', cache: 'no-store',
      });
    } catch (cause) {
      throw new ApiError(0, 'network', cause?.message ?? 'network error');
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && bearer) onUnauthorized?.(error);
      throw error;
    }
    return response;
  }

  async function json(method, path, options) {
    const response = await send(method, path, options);
    if (response.status === 204) return {};
    const body = await response.text();
    return body ? JSON.parse(body) : {};
  }

  return {
    login: (credentials) => json('POST', '/auth/login', { json: credentials }),
    logout: () => json('POST', '/auth/logout', { json: {} }),
    me: () => json('GET', '/me'),
    units: () => json('GET', '/units'),
    indicators: (query) => json('GET', '/indicators', { query }),
    series: (query) => json('GET', '/indicators/series', { query }),
    kpi: (query) => json('GET', '/indicators/kpi', { query }),
    // The CSV export as {blob, filename}; the filename comes from Content-Disposition when the server names it.
    exportCsv: async (query) => {
      const response = await send('GET', '/indicators/export.csv', { query, accept: 'text/csv' });
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      return { blob: await response.blob(), filename: match ? decodeURIComponent(match[1]) : null };
    },
    // kind: units | employees | users | model | kpis; body: the file's text, sent as JSON or CSV.
    adminImport: (kind, body, contentType) => json('PUT', `/admin/${kind}`, { text: body, contentType }),
    devices: () => json('GET', '/admin/devices'),
    // signOutUser: also sign the device's user out on every other device.
    revokeDevice: (id, { signOutUser = false } = {}) => json('POST', `/admin/devices/${encodeURIComponent(id)}/revoke`,
      { query: { signOutUser: signOutUser ? 'true' : null }, json: {} }),
    users: () => json('GET', '/admin/users'),
    deactivateUser: (id) => json('POST', `/admin/users/${encodeURIComponent(id)}/deactivate`, { json: {} }),
    activateUser: (id) => json('POST', `/admin/users/${encodeURIComponent(id)}/activate`, { json: {} }),
  };
}

async function errorOf(response) {
  let payload = null;
  try {
    payload = JSON.parse(await response.text());
  } catch {
    // not JSON (a proxy's error page): fall back to the status line below
  }
  const error = payload?.error ?? {};
  return new ApiError(response.status, error.code ?? `http_${response.status}`,
    error.message ?? `${response.status} ${response.statusText}`, error.details ?? []);
}
