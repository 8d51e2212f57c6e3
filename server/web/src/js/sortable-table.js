// A table sortable by any column, with the keyboard too: each column header is a button (Enter or Space sorts,
// again reverses), and the header cell carries aria-sort so that screen readers announce the order.
import { h, icon } from './dom.js';
import { locale, t } from './i18n.js';

// columns: [{key, label, numeric, sortable (default true), value(row) -> sort value (null last), cell(row)}]
// sort: {key, descending}; onSort(sort) remembers the choice.
export function sortableTable({ columns, rows, sort, onSort, className, rowClass, caption }) {
  let state = { ...sort };
  const tbody = h('tbody');
  const headers = columns.map((column) => {
    if (column.sortable === false) {
      return { column, th: h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label) };
    }
    const button = h('button', { type: 'button', class: 'sort-button', dataset: { sortKey: column.key },
      onclick: () => {
        state = { key: column.key, descending: state.key === column.key ? !state.descending : column.numeric };
        onSort?.(state);
        draw();
      } }, h('span', {}, column.label), icon('chevron'));
    return { column, th: h('th', { scope: 'col', class: column.numeric ? 'num' : null }, button) };
  });

  function draw() {
    const column = columns.find((c) => c.key === state.key) ?? columns[0];
    const collator = new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' });
    const sorted = [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;  // missing values last
      if (y === null || y === undefined) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return state.descending ? -order : order;
    });
    for (const { column: c, th } of headers) {
      if (c.sortable === false) continue;
      const active = c.key === column.key;
      th.setAttribute('aria-sort', active ? (state.descending ? 'descending' : 'ascending') : 'none');
      th.classList.toggle('sorted', active);
      th.classList.toggle('descending', active && state.descending);
    }
    tbody.replaceChildren(...sorted.map((row) => h('tr', { class: rowClass?.(row) },
      columns.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c.cell(row))
        : h('td', { class: c.numeric ? 'num' : null }, c.cell(row)))))));
  }

  draw();
  return h('table', { class: ['data-table', 'sortable', className] },
    caption ? h('caption', { class: 'visually-hidden' }, caption, ' ', t('tables.sortHint')) : null,
    h('thead', {}, h('tr', {}, headers.map(({ th }) => th))), tbody);
}
