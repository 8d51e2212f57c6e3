// The organisation's users (username, name, role, units, active) with Deactivate / Reactivate. Deactivating signs
// the person out on every device at once and refuses their sign-in until they are reactivated, so it asks for a
// confirmation in place (no blocking browser dialog). Names and ids are other people's text: they only ever reach
// the page as text nodes (dom.js's h), never as markup.
import { adminTabs } from './admin-tabs.js';
import { card } from './chart-card.js';
import { h, icon, replace } from './dom.js';
import { t } from './i18n.js';
import { sortableTable } from './sortable-table.js';
import { accountAction, isActive, unitLabels } from './user-accounts.js';

export async function renderUsersPage(main, { api, session }) {
  const content = h('div', { class: 'users', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('dashboard.loading')));
  replace(main, h('div', { class: 'admin-page' },
    h('div', { class: 'page-header' }, h('h1', {}, t('admin.title')), adminTabs('users-list')),
    card({ id: 'users', title: t('admin.users.title'), description: t('admin.users.description'), content })));
  const selfId = session.user.id;

  async function load(message) {
    let users;
    let units;
    try {
      [users, units] = await Promise.all([api.users().then((r) => r.users ?? []),
        api.units().then((r) => r.units ?? [])]);
    } catch (error) {
      replace(content, h('div', { class: 'error-panel', role: 'alert' }, icon('alert'), h('p', {}, error.message)));
      return;
    }
    replace(content, message ?? null, users.length ? h('div', { class: 'table-scroll' }, sortableTable({
      className: 'users-table', caption: t('admin.users.title'), rows: users,
      sort: { key: 'username', descending: false },
      rowClass: (u) => (isActive(u) ? null : 'inactive'),
      columns: [
        { key: 'username', label: t('admin.users.username'), value: (u) => u.username,
          cell: (u) => h('span', { class: 'username' }, h('code', {}, u.username),
            u.id === selfId ? h('span', { class: 'badge' }, t('admin.users.you')) : null) },
        { key: 'name', label: t('admin.users.name'), value: (u) => u.displayName, cell: (u) => u.displayName },
        { key: 'role', label: t('admin.users.role'), value: (u) => t(`roles.${u.role}`),
          cell: (u) => t(`roles.${u.role}`) },
        { key: 'units', label: t('admin.users.units'), value: (u) => unitLabels(u.unitIds, units).join(', ') || null,
          cell: (u) => unitLabels(u.unitIds, units).join(', ') || h('span', { class: 'muted' }, t('admin.users.noUnits')) },
        { key: 'status', label: t('admin.users.status'), value: (u) => (isActive(u) ? 0 : 1),
          cell: (u) => h('span', { class: ['badge', 'status-badge', isActive(u) ? 'ok' : 'muted-badge'] },
            t(isActive(u) ? 'admin.users.active' : 'admin.users.inactive')) },
        { key: 'action', label: t('admin.users.action'), sortable: false, value: () => null, cell: (u) => actionCell(u) },
      ],
    })) : h('p', { class: 'empty' }, t('admin.users.none')));
  }

  function actionCell(user) {
    const action = accountAction(user, selfId);
    if (action === 'self') return h('span', { class: 'muted' }, t('admin.users.selfNote'));
    const deactivating = action === 'deactivate';
    const who = user.displayName || user.username;
    const cell = h('div', { class: 'action-cell' });
    const start = h('button', { type: 'button', class: ['button', 'small', deactivating ? 'danger-outline' : 'secondary'],
      'aria-label': t(deactivating ? 'admin.users.deactivateNamed' : 'admin.users.activateNamed', { name: who }),
      onclick: () => {
        const confirm = h('button', { type: 'button', class: ['button', 'small', deactivating ? 'danger' : 'primary'],
          onclick: async () => {
            confirm.disabled = true;
            try {
              if (deactivating) await api.deactivateUser(user.id);
              else await api.activateUser(user.id);
              await load(h('div', { class: 'success-panel', role: 'status' }, icon('check'),
                h('p', {}, t(deactivating ? 'admin.users.deactivated' : 'admin.users.activated', { name: who }))));
            } catch (error) {
              replace(cell, h('span', { class: 'error' }, error.message));
            }
          } }, t(deactivating ? 'admin.users.confirmDeactivate' : 'admin.users.confirmActivate'));
        const cancel = h('button', { type: 'button', class: 'button ghost small', onclick: () => {
          replace(cell, start);
          start.focus();
        } }, t('admin.users.cancel'));
        replace(cell, h('p', { class: 'confirm-text' },
          t(deactivating ? 'admin.users.deactivateWarning' : 'admin.users.activateWarning', { name: who })),
        confirm, cancel);
        confirm.focus();
      } }, t(deactivating ? 'admin.users.deactivate' : 'admin.users.activate'));
    cell.append(start);
    return cell;
  }

  await load();
}
