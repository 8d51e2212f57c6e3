// The signed-in session. The token lives in sessionStorage (gone when the tab closes, never in a URL, never in
// localStorage); the device id is a per-browser UUID kept in localStorage so that an admin sees one device per
// browser and can revoke it.
const sessionKey = 'floorwalk.session';
const deviceKey = 'floorwalk.deviceId';
const organizationKey = 'floorwalk.organization';

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
    if (!session?.token || !session?.user) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

// login: the /auth/login response.
export function saveSession(login, organization) {
  const session = {
    token: login.token,
    expiresAt: login.expiresAt ?? null,
    user: {
      id: login.user?.id ?? '',
      username: login.user?.username ?? '',
      displayName: login.user?.displayName || login.user?.username || '',
      role: login.user?.role ?? 'ROLE_UNSPECIFIED',
      unitIds: login.user?.unitIds ?? [],
    },
    organization,
    organizationName: login.organizationName || organization,
  };
  sessionStorage.setItem(sessionKey, JSON.stringify(session));
  localStorage.setItem(organizationKey, organization);
  return session;
}

export function clearSession() {
  sessionStorage.removeItem(sessionKey);
}

export function lastOrganization() {
  return localStorage.getItem(organizationKey) ?? '';
}

export function deviceId() {
  let id = localStorage.getItem(deviceKey);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(deviceKey, id);
  }
  return id;
}

// "Web dashboard (Firefox on Linux)": what the admin's device list shows for this browser.
export function deviceName() {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'browser';
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent)
    ? 'macOS' : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : 'unknown system';
  return `Web dashboard (${browser} on ${system})`;
}

export const roles = Object.freeze({ manager: 'MANAGER', director: 'DIRECTOR', hq: 'HQ', admin: 'ADMIN' });

export function isAdmin(session) {
  return session?.user?.role === roles.admin;
}
