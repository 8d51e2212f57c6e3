// The managers' animation: observations and coaching activities per manager over the period, sortable. A manager
// with neither is flagged, since the active-manager rate counts him as inactive.
import { h } from './dom.js';
import { formatNumber } from './format.js';
import { t } from './i18n.js';
import { sortableTable } from './sortable-table.js';

let remembered = { key: 'total', descending: true };

export function managersTable(managers) {
  const total = (m) => (m.observations ?? 0) + (m.activities ?? 0);
  return sortableTable({
    className: 'managers-table',
    caption: t('managers.title'),
    rows: managers,
    sort: remembered,
    onSort: (sort) => { remembered = sort; },
    rowClass: (m) => (total(m) === 0 ? 'inactive' : null),
    columns: [
      { key: 'name', label: t('managers.name'), value: (m) => m.displayName || m.userId,
        cell: (m) => h('span', { class: 'manager-name' }, m.displayName || m.userId,
          total(m) === 0 ? h('span', { class: 'badge warn' }, t('managers.inactive')) : null) },
      { key: 'observations', label: t('managers.observations'), numeric: true, value: (m) => m.observations ?? 0,
        cell: (m) => formatNumber(m.observations ?? 0) },
      { key: 'activities', label: t('managers.activities'), numeric: true, value: (m) => m.activities ?? 0,
        cell: (m) => formatNumber(m.activities ?? 0) },
      { key: 'total', label: t('managers.total'), numeric: true, value: total, cell: (m) => formatNumber(total(m)) },
    ],
  });
}
