// Hash routes, so that the static server needs no rewrite rules and a view can be bookmarked. Only view state goes
// in the address (unit, dates, metric): never the token.
//   #/dashboard?unit=S01&asOf=2026-03-14&window=90&period=30&weeks=26&metric=nps&lag=1
//   #/admin/import/units | employees | users | model | kpis
//   #/admin/users | #/admin/devices

export const importKinds = Object.freeze(['units', 'employees', 'users', 'model', 'kpis']);

export function parseRoute(hash) {
  const text = (hash ?? '').replace(/^#/, '');
  const [path, query = ''] = text.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'admin' && parts[1] === 'devices' && parts.length === 2) return { name: 'devices', params };
  if (parts[0] === 'admin' && parts[1] === 'users' && parts.length === 2) return { name: 'users', params };
  if (parts[0] === 'admin' && parts[1] === 'import') {
    const kind = importKinds.includes(parts[2]) ? parts[2] : importKinds[0];
    return { name: 'import', kind, params };
  }
  return { name: 'dashboard', params };
}

export function formatRoute(route) {
  let path = '/dashboard';
  if (route.name === 'devices') path = '/admin/devices';
  if (route.name === 'users') path = '/admin/users';
  if (route.name === 'import') path = `/admin/import/${route.kind}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(route.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

// Goes to `route`; `replace` rewrites the current history entry instead of adding one.
export function navigate(route, { replace = false } = {}) {
  const hash = formatRoute(route);
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}
