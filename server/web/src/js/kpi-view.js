// The KPI perspective: the transformation rate of each unit of one kind below the unit on screen (by default the kind
// that carries the KPI, so the organisation's page compares its stores) at the end of a period against a business
// KPI some periods later, with Pearson's r and Spearman's ρ from the server, so head office sees whether mastery
// leads results. The lag selector shifts the KPI by 0–3 periods; the compare selector picks another kind of unit.
import { chartCard } from './chart-card.js';
import { colors, dataTable, mountChart, tooltipHtml } from './charts.js';
import { select } from './date-controls.js';
import { h } from './dom.js';
import { formatCoefficient, formatNumber, formatRate } from './format.js';
import { t } from './i18n.js';
import { rateValue } from './values.js';

export const lagChoices = Object.freeze([0, 1, 2, 3]);
const unitKinds = Object.freeze(['ORGANIZATION', 'BUSINESS_UNIT', 'REGION', 'STORE', 'TEAM']);

// The `compare` route parameter: a unit kind the server knows, or null (the server's default).
export function unitKindParam(text) {
  return unitKinds.includes(text) ? text : null;
}

// data: /indicators/kpi response (or null while none was read); metric, lag: the current choice.
export function kpiCard({ data, metric, lag, onChange, hrefFor }) {
  const metrics = data?.metrics ?? [];
  const all = data?.points ?? [];
  const points = all.filter((p) => p.transformationRate !== null && p.transformationRate !== undefined);
  const hiddenPairs = all.filter((p) => p.hidden).length;
  const metricSelect = metrics.length ? h('select', { id: 'control-kpi-metric',
    onchange: () => onChange({ metric: metricSelect.value }) },
  metrics.map((name) => h('option', { value: name, selected: name === metric }, name))) : null;
  const lagSelect = select('control-kpi-lag', lagChoices, lag,
    (n) => (n === 0 ? t('kpi.noLag') : t('kpi.lagPeriods', { count: n })), (value) => onChange({ lag: value }));
  const kinds = (data?.unitKinds ?? []).filter((kind) => unitKinds.includes(kind));
  const compareSelect = kinds.length > 1 ? h('select', { id: 'control-kpi-compare',
    onchange: () => onChange({ compare: compareSelect.value }) },
  kinds.map((kind) => h('option', { value: kind, selected: kind === data.unitKind }, t(`kinds.${kind}`)))) : null;

  const controls = [
    metricSelect ? h('div', { class: 'control compact' }, h('label', { for: 'control-kpi-metric' }, t('kpi.metric')),
      metricSelect) : null,
    h('div', { class: 'control compact' }, h('label', { for: 'control-kpi-lag' }, t('kpi.lag')), lagSelect),
    compareSelect ? h('div', { class: 'control compact' },
      h('label', { for: 'control-kpi-compare' }, t('kpi.compare')), compareSelect) : null,
  ];
  const stats = h('div', { class: 'kpi-summary' }, h('div', { class: 'kpi-controls' }, controls),
    h('dl', { class: 'kpi-stats', 'aria-live': 'polite' },
      stat('pearson', t('kpi.pearson'), data?.pearson ?? null),
      stat('spearman', t('kpi.spearman'), data?.spearman ?? null),
      h('div', { class: 'kpi-stat', dataset: { stat: 'n' } }, h('dt', {}, 'n'),
        h('dd', {}, formatNumber(data?.n ?? 0)))),
    hiddenPairs ? h('p', { class: 'kpi-hidden muted' }, t('kpi.hiddenPairs', { count: hiddenPairs })) : null);

  let empty = null;
  if (!metrics.length) empty = t('kpi.noMetrics');
  else if (!points.length) empty = t('kpi.noPairs');

  const chart = chartCard({
    id: 'kpi', wide: true, title: t('kpi.title'), description: t('kpi.description'), empty,
    chart: (el) => scatter(el, points, metric),
    table: () => dataTable([t('children.unit'), t('kpi.period'), t('kpi.kpiPeriod'), t('charts.transformationRate'),
      metric], points.map((p) => [h('a', { href: hrefFor(p.unitId) }, p.unitName || p.unitId), p.period, p.kpiPeriod,
      rateValue(p.transformationRate), formatNumber(p.kpiValue, 2)]), 'kpi-table'),
  });
  chart.querySelector('.card-header').after(stats);
  return chart;
}

function stat(name, label, value) {
  return h('div', { class: 'kpi-stat', dataset: { stat: name } }, h('dt', {}, label),
    h('dd', { title: value === null ? t('format.notEnoughData') : null }, formatCoefficient(value)));
}

function scatter(el, points, metric) {
  const data = points.map((p) => [Math.round(p.transformationRate * 1000) / 10, p.kpiValue]);
  return mountChart(el, {
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: t('charts.transformationRate'), nameLocation: 'middle', nameGap: 30,
      nameTextStyle: { color: colors.axis, fontWeight: 600 },
      min: (v) => Math.max(0, Math.floor(v.min / 10) * 10), max: (v) => Math.min(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { formatter: '{value}%', color: colors.axis }, splitLine: { lineStyle: { color: colors.grid } } },
    yAxis: { type: 'value', name: metric, scale: true, axisLabel: { color: colors.axis },
      nameTextStyle: { align: 'left', color: colors.axis, fontWeight: 600 },
      splitLine: { lineStyle: { color: colors.grid } } },
    series: [{
      type: 'scatter', name: metric, data, symbolSize: 10,
      itemStyle: { color: colors.transformation, opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
      markLine: trendLine(data),
    }],
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const point = points[p.dataIndex];
        if (!point) return '';
        return tooltipHtml(point.unitName || point.unitId, [
          [`${t('charts.transformationRate')} (${point.period})`, formatRate(point.transformationRate)],
          [`${metric} (${point.kpiPeriod})`, formatNumber(point.kpiValue, 2)],
        ]);
      },
    },
  });
}

// The least-squares line through the points, drawn as a guide to the eye (the coefficients come from the server).
function trendLine(data) {
  if (data.length < 2) return undefined;
  const n = data.length;
  const mx = data.reduce((s, [x]) => s + x, 0) / n;
  const my = data.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = data.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return undefined;
  const slope = data.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  const xs = data.map(([x]) => x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  return {
    silent: true, symbol: 'none', animation: false,
    lineStyle: { color: colors.accent, type: 'dashed', width: 2 },
    label: { show: false },
    data: [[{ coord: [x0, my + slope * (x0 - mx)] }, { coord: [x1, my + slope * (x1 - mx)] }]],
  };
}
