// The frame around every signed-in page: the header (brand, organisation, sections, language, the person and
// sign-out), an optional side panel (the unit navigator) and the main area.
import { h, icon } from './dom.js';
import { language, languages, setLanguage, t } from './i18n.js';
import { isAdmin } from './session.js';

export function languageSwitch() {
  return h('div', { class: 'language-switch', role: 'group', 'aria-label': t('shell.language') },
    languages.map((lang) => h('button', {
      type: 'button', class: 'language-button', lang, 'aria-pressed': String(lang === language()),
      title: t(`shell.languageName.${lang}`), onclick: () => setLanguage(lang),
    }, lang.toUpperCase())));
}

// Returns {sidebar, main}; `section` is 'dashboard' or 'admin'.
export function renderShell(root, { session, section, onSignOut }) {
  const sidebar = h('aside', { class: 'sidebar', id: 'sidebar', 'aria-label': t('navigator.label') });
  const main = h('main', { class: 'content', id: 'content', tabindex: '-1' });
  const hasSidebar = section === 'dashboard';
  const menuButton = hasSidebar ? h('button', {
    type: 'button', class: 'icon-button menu-button', 'aria-controls': 'sidebar', 'aria-expanded': 'false',
    'aria-label': t('shell.toggleNavigator'),
    onclick: () => {
      const open = root.classList.toggle('sidebar-open');
      menuButton.setAttribute('aria-expanded', String(open));
    },
  }, icon('menu')) : null;

  const link = (href, label, active) => h('a', { href, class: ['nav-link', active && 'active'],
    'aria-current': active ? 'page' : null }, label);
  const user = session.user;
  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#content', onclick: (event) => { event.preventDefault(); main.focus(); } },
      t('shell.skip')),
    h('header', { class: 'topbar' },
      menuButton,
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'F'),
        h('span', { class: 'brand-name' }, 'Floorwalk'),
        h('span', { class: 'brand-org', title: t('shell.organization') }, session.organizationName)),
      h('nav', { class: 'sections', 'aria-label': t('shell.sections') },
        link('#/dashboard', t('shell.dashboard'), section === 'dashboard'),
        isAdmin(session) ? link('#/admin/import/units', t('shell.admin'), section === 'admin') : null),
      h('div', { class: 'topbar-end' },
        languageSwitch(),
        h('div', { class: 'user' },
          h('span', { class: 'user-name' }, user.displayName),
          h('span', { class: 'role-badge' }, t(`roles.${user.role}`))),
        h('button', { type: 'button', class: 'button ghost signout', onclick: onSignOut }, t('shell.signOut')))),
    h('div', { class: ['layout', hasSidebar && 'with-sidebar'] }, hasSidebar ? sidebar : null,
      hasSidebar ? h('div', { class: 'backdrop', 'aria-hidden': 'true', onclick: () => closeSidebar() }) : null, main));
  root.classList.remove('sidebar-open');
  function closeSidebar() {
    root.classList.remove('sidebar-open');
    menuButton?.setAttribute('aria-expanded', 'false');
  }
  // Escape closes the drawer (narrow screens) and gives the focus back to its button.
  sidebar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && root.classList.contains('sidebar-open')) {
      closeSidebar();
      menuButton?.focus();
    }
  });
  return { sidebar, main, closeSidebar };
}
