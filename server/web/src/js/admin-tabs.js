// The administration section's tabs: one import page per kind of data, and the devices.
import { h } from './dom.js';
import { t } from './i18n.js';
import { importKinds } from './router.js';

export function adminTabs(active) {
  const tab = (href, id, label) => h('a', { href, class: ['tab', active === id && 'active'],
    'aria-current': active === id ? 'page' : null }, label);
  return h('nav', { class: 'tabs', 'aria-label': t('admin.sections') },
    importKinds.map((kind) => tab(`#/admin/import/${kind}`, kind, t(`admin.kinds.${kind}`))),
    tab('#/admin/devices', 'devices', t('admin.devices.tab')));
}
