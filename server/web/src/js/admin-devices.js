// The devices that signed in (phones and browsers), with a revoke action: a lost phone's token stops working at
// once. Revoking asks in place (no blocking browser dialog) whether to revoke the device alone or also sign its
// user out everywhere.
import { adminTabs } from './admin-tabs.js';
import { card } from './chart-card.js';
import { h, icon, replace } from './dom.js';
import { formatDateTime } from './format.js';
import { t } from './i18n.js';
import { deviceId } from './session.js';
import { sortableTable } from './sortable-table.js';

export async function renderDevicesPage(main, { api }) {
  const content = h('div', { class: 'devices', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('dashboard.loading')));
  replace(main, h('div', { class: 'admin-page' },
    h('div', { class: 'page-header' }, h('h1', {}, t('admin.title')), adminTabs('devices')),
    card({ id: 'devices', title: t('admin.devices.title'), description: t('admin.devices.description'), content })));

  async function load(message) {
    let devices;
    try {
      devices = (await api.devices()).devices ?? [];
    } catch (error) {
      replace(content, h('div', { class: 'error-panel', role: 'alert' }, icon('alert'), h('p', {}, error.message)));
      return;
    }
    replace(content, message ?? null, devices.length ? h('div', { class: 'table-scroll' }, sortableTable({
      className: 'devices-table', caption: t('admin.devices.title'), rows: devices,
      sort: { key: 'lastSeen', descending: true },
      rowClass: (d) => (d.revoked ? 'revoked' : null),
      columns: [
        { key: 'name', label: t('admin.devices.name'), value: (d) => d.name || d.id,
          cell: (d) => h('span', {}, d.name || t('admin.devices.unnamed'),
            d.id === deviceId() ? h('span', { class: 'badge' }, t('admin.devices.thisBrowser')) : null,
            h('br'), h('code', { class: 'muted' }, d.id)) },
        { key: 'user', label: t('admin.devices.user'), value: (d) => d.username || d.userId, cell: (d) => d.username || d.userId },
        { key: 'lastSeen', label: t('admin.devices.lastSeen'), value: (d) => d.lastSeen ?? null,
          cell: (d) => formatDateTime(d.lastSeen) },
        { key: 'status', label: t('admin.devices.status'), value: (d) => (d.revoked ? 1 : 0),
          cell: (d) => h('span', { class: ['badge', d.revoked ? 'muted-badge' : 'ok'] },
            t(d.revoked ? 'admin.devices.revoked' : 'admin.devices.active')) },
        { key: 'action', label: t('admin.devices.action'), sortable: false, value: () => null, cell: (d) => revokeCell(d) },
      ],
    })) : h('p', { class: 'empty' }, t('admin.devices.none')));
  }

  // Revoking offers two ways: the device alone (a lost phone), or the device and every session of its user (a
  // stolen phone whose owner may be signed in elsewhere too; they can sign in again from another device).
  function revokeCell(device) {
    if (device.revoked) return '';
    const name = device.name || device.id;
    const user = device.username || device.userId;
    const cell = h('div', { class: 'revoke-cell' });
    const revoke = (signOutUser) => async () => {
      for (const button of cell.querySelectorAll('button')) button.disabled = true;
      try {
        await api.revokeDevice(device.id, { signOutUser });
        await load(h('div', { class: 'success-panel', role: 'status' }, icon('check'),
          h('p', {}, t(signOutUser ? 'admin.devices.doneSignedOut' : 'admin.devices.done', { name, user }))));
      } catch (error) {
        replace(cell, h('span', { class: 'error' }, error.message));
      }
    };
    const start = h('button', { type: 'button', class: 'button danger-outline small',
      'aria-label': t('admin.devices.revokeNamed', { name }),
      onclick: () => {
        const deviceOnly = h('button', { type: 'button', class: 'button danger small', dataset: { revoke: 'device' },
          onclick: revoke(false) }, t('admin.devices.revokeDevice'));
        const everywhere = h('button', { type: 'button', class: 'button danger small', dataset: { revoke: 'signOut' },
          onclick: revoke(true) }, t('admin.devices.revokeAndSignOut', { user }));
        const cancel = h('button', { type: 'button', class: 'button ghost small', onclick: () => {
          replace(cell, start);
          start.focus();
        } }, t('admin.devices.cancel'));
        replace(cell, h('div', { class: 'revoke-choice', role: 'group', 'aria-label': t('admin.devices.revokeNamed', { name }) },
          deviceOnly, everywhere, cancel));
        deviceOnly.focus();
      } }, t('admin.devices.revoke'));
    cell.append(start);
    return cell;
  }

  await load();
}
