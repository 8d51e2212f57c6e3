// The administration section's tabs, in two groups: the accounts (users, devices) and one import page per kind of
// data. The users list and the users import share a word, so each import tab's accessible name says "Import ...".
import { h } from './dom.js';
import { t } from './i18n.js';
import { importKinds } from './router.js';

export function adminTabs(active) {
  const tab = (href, id, label, accessibleName) => h('a', { href, class: ['tab', active === id && 'active'],
    'aria-current': active === id ? 'page' : null, 'aria-label': accessibleName ?? null }, label);
  const group = (label, tabs) => h('div', { class: 'tab-group', role: 'group', 'aria-label': label },
    h('span', { class: 'tab-group-label', 'aria-hidden': 'true' }, label), tabs);
  return h('nav', { class: 'tabs', 'aria-label': t('admin.sections') },
    group(t('admin.accounts'), [
      tab('#/admin/users', 'users-list', t('admin.users.tab')),
      tab('#/admin/devices', 'devices', t('admin.devices.tab')),
    ]),
    group(t('admin.imports'), importKinds.map((kind) => tab(`#/admin/import/${kind}`, kind, t(`admin.kinds.${kind}`),
      t(`admin.importTitle.${kind}`)))));
}
