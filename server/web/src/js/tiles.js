// The headline tiles: transformation, deployment, active-manager rate and coverage, each with its change since the
// previous period (in percentage points) and the counts it rests on.
import { h, icon } from './dom.js';
import { formatDelta, formatNumber, rateDelta } from './format.js';
import { t } from './i18n.js';
import { hiddenMark, rateValue } from './values.js';

export const tileMetrics = Object.freeze(['transformationRate', 'deploymentRate', 'activeManagerRate', 'coverage']);

// current, previous: /indicators responses (previous may be null when it failed); periodDays for the caption.
export function renderTiles({ current, previous, periodDays }) {
  return h('section', { class: 'tiles', 'aria-label': t('tiles.label') },
    tileMetrics.map((metric) => tile(metric, current, previous, periodDays)));
}

function tile(metric, current, previous, periodDays) {
  const value = current?.[metric] ?? null;
  const before = previous ? previous[metric] ?? null : null;
  const delta = rateDelta(value, before);
  const deltaText = formatDelta(value, before);
  let change;
  if (deltaText === null) {
    change = h('p', { class: 'tile-delta none' }, t('tiles.noComparison'));
  } else {
    const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
    change = h('p', { class: ['tile-delta', direction] }, icon(direction),
      h('span', { class: 'delta-value' }, deltaText),
      h('span', { class: 'delta-caption' }, t('tiles.vsPrevious', { count: periodDays })));
  }
  return h('article', { class: 'tile', dataset: { metric }, 'aria-labelledby': `tile-${metric}` },
    h('h3', { class: 'tile-label', id: `tile-${metric}`, title: t(`tiles.${metric}.help`) }, t(`tiles.${metric}.label`)),
    h('p', { class: 'tile-value' }, rateValue(value)),
    change,
    h('p', { class: 'tile-detail' }, detail(metric, current)));
}

function detail(metric, data) {
  if (!data || data.hidden) return '';  // the counts a rate rests on are withheld with it
  const dims = data.dimensions ?? [];
  switch (metric) {
    case 'transformationRate': {
      const mastered = dims.reduce((sum, d) => sum + (d.mastered ?? 0), 0);
      const assessed = dims.reduce((sum, d) => sum + (d.assessed ?? 0), 0);
      return t('tiles.transformationRate.detail', { mastered: formatNumber(mastered), count: assessed,
        assessed: formatNumber(assessed) });
    }
    case 'deploymentRate':
      return t('tiles.deploymentRate.detail', { accompanied: formatNumber(data.accompaniedEmployees ?? 0),
        count: data.activeEmployees ?? 0, active: formatNumber(data.activeEmployees ?? 0) });
    case 'activeManagerRate': {
      const managers = data.managers ?? [];
      const active = managers.filter((m) => (m.observations ?? 0) + (m.activities ?? 0) > 0).length;
      return t('tiles.activeManagerRate.detail', { active: formatNumber(active), count: managers.length,
        total: formatNumber(managers.length) });
    }
    case 'coverage':
      return t('tiles.coverage.detail', { assessed: formatNumber(data.assessedEmployees ?? 0),
        count: data.activeEmployees ?? 0, active: formatNumber(data.activeEmployees ?? 0) });
    default:
      return '';
  }
}

// The smaller figures under the tiles. A hidden unit shows its headcount only: the other counts describe its
// employees and are withheld (the server sends them as 0).
export function renderCounts(data) {
  const items = [
    ['activeEmployees', data.activeEmployees],
    ['assessedEmployees', data.assessedEmployees],
    ['accompaniedEmployees', data.accompaniedEmployees],
    ['observations', data.observations],
    ['activities', data.activities],
  ];
  const shown = (name, value) => (data.hidden && name !== 'activeEmployees' ? hiddenMark(data) : formatNumber(value ?? 0));
  return h('dl', { class: 'counts' }, items.map(([name, value]) => h('div', { class: 'count', dataset: { count: name } },
    h('dt', {}, t(`counts.${name}`)), h('dd', {}, shown(name, value)))));
}
