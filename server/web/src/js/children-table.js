// The sub-units of the unit on screen with their headline rates. Rows whose figures are withheld (fewer employees
// than the organisation's minimum group size, or hidden beside such a unit) stay listed, marked hidden, so nobody
// mistakes them for missing data.
import { h } from './dom.js';
import { formatNumber } from './format.js';
import { t } from './i18n.js';
import { sortableTable } from './sortable-table.js';
import { hiddenBadge, hiddenMark, rateValue } from './values.js';

let remembered = { key: 'name', descending: false };

export function childrenTable(children, hrefFor) {
  const figure = (child, value) => (child.hidden ? null : value ?? null);
  return sortableTable({
    className: 'children-table',
    caption: t('children.title'),
    rows: children,
    sort: remembered,
    onSort: (sort) => { remembered = sort; },
    rowClass: (child) => (child.hidden ? 'hidden-row' : null),
    columns: [
      { key: 'name', label: t('children.unit'), value: (c) => c.unitName,
        cell: (c) => h('span', { class: 'unit-cell' }, h('a', { href: hrefFor(c.unitId) }, c.unitName),
          c.hidden ? hiddenBadge(c) : null) },
      { key: 'transformation', label: t('children.transformationRate'), numeric: true,
        value: (c) => figure(c, c.transformationRate),
        cell: (c) => (c.hidden ? hiddenMark(c) : rateValue(c.transformationRate ?? null)) },
      { key: 'deployment', label: t('children.deploymentRate'), numeric: true,
        value: (c) => figure(c, c.deploymentRate),
        cell: (c) => (c.hidden ? hiddenMark(c) : rateValue(c.deploymentRate ?? null)) },
      { key: 'employees', label: t('children.activeEmployees'), numeric: true,
        value: (c) => figure(c, c.activeEmployees ?? 0),
        cell: (c) => (c.hidden ? hiddenMark(c) : formatNumber(c.activeEmployees ?? 0)) },
    ],
  });
}
