// The composition root: wires the session, the API client, the router and the pages together.
import { renderDevicesPage } from './admin-devices.js';
import { renderImportPage } from './admin-import.js';
import { renderUsersPage } from './admin-users.js';
import { createApi } from './api.js';
import { createDashboard } from './dashboard.js';
import { h, replace } from './dom.js';
import { language, onLanguageChange, t } from './i18n.js';
import { navigate, parseRoute } from './router.js';
import { clearSession, isAdmin, loadSession } from './session.js';
import { renderShell } from './shell.js';
import { renderSignIn } from './sign-in.js';
import { UnitTree } from './units.js';

const root = document.getElementById('app');
let session = loadSession();
let tree = null;          // the caller's units, read once per sign-in
let page = null;          // {section, dashboard?}
let signInNotice = null;

const api = createApi({
  token: () => session?.token,
  onUnauthorized: () => signOut({ notice: t('signIn.expired'), callServer: false }),
});

async function show() {
  document.documentElement.lang = language();
  const route = parseRoute(location.hash);
  if (!session) {
    page?.dashboard?.destroy();
    page = null;
    tree = null;
    document.title = `${t('signIn.title')} · Floorwalk`;
    renderSignIn(root, { api, notice: signInNotice, onSignedIn: (started) => {
      session = started;
      signInNotice = null;
      show();
    } });
    return;
  }
  const section = route.name === 'dashboard' ? 'dashboard' : 'admin';
  if (section === 'admin' && !isAdmin(session)) {
    navigate({ name: 'dashboard' }, { replace: true });
    return;
  }
  if (!tree && section === 'dashboard') {
    try {
      const { units = [] } = await api.units();
      tree = new UnitTree(units, session.user);
    } catch (error) {
      if (!session) return;  // the 401 handler signed out
      replace(root, h('div', { class: 'fatal', role: 'alert' }, h('h1', {}, t('dashboard.errorTitle')),
        h('p', {}, error.message), h('button', { type: 'button', class: 'button primary', onclick: show },
          t('dashboard.retry'))));
      return;
    }
  }
  if (page?.section !== section) {
    page?.dashboard?.destroy();
    const frame = renderShell(root, { session, section, onSignOut: () => signOut({ callServer: true }) });
    page = { section, frame };
    if (section === 'dashboard') page.dashboard = createDashboard({ api, tree, ...frame });
  }
  document.title = `${t(section === 'dashboard' ? 'shell.dashboard' : 'admin.title')} · ${session.organizationName} · Floorwalk`;
  if (section === 'dashboard') {
    await page.dashboard.update(route);
  } else if (route.name === 'devices') {
    await renderDevicesPage(page.frame.main, { api });
  } else if (route.name === 'users') {
    await renderUsersPage(page.frame.main, { api, session });
  } else {
    renderImportPage(page.frame.main, { api, kind: route.kind });
  }
}

async function signOut({ notice = null, callServer }) {
  if (!session) return;
  if (callServer) {
    try {
      await api.logout();
    } catch {
      // The token is forgotten here whatever the server says: an unreachable server must not keep anyone in.
    }
  }
  clearSession();
  session = null;
  signInNotice = notice;
  show();
}

window.addEventListener('hashchange', () => show());
onLanguageChange(() => {
  // Rebuild the frame in the new language; the dashboard keeps its data and redraws.
  if (!session) {
    show();
    return;
  }
  const dashboard = page?.dashboard;
  const section = page?.section;
  const frame = renderShell(root, { session, section, onSignOut: () => signOut({ callServer: true }) });
  if (dashboard) {
    dashboard.destroy();
    page = { section, frame, dashboard: createDashboard({ api, tree, ...frame }) };
  } else {
    page = { section, frame };
  }
  show();
});
show();
