// ECharts set-up shared by every chart, and the two simplest charts: mastery by dimension and the learning curve.
//
// Canvas renderer: ECharts' SVG renderer writes style="" attributes that our Content-Security-Policy (style-src
// 'self') refuses. Tooltips are built here from escaped text and CSS classes, for the same reason (ECharts' default
// tooltip markup carries inline styles). The aria module gives each chart a generated text description.
import * as echarts from '../vendor/echarts.esm.min.js';
import localeFr from '../vendor/echarts-lang-fr.js';
import { h } from './dom.js';
import { formatNumber, formatRate, formatDate } from './format.js';
import { language, t } from './i18n.js';
import { numberValue, rateText, rateValue } from './values.js';

echarts.registerLocale('FR', localeFr);

export const colors = Object.freeze({
  transformation: '#2457c5',
  deployment: '#0f9d8a',
  accent: '#e07b39',
  grid: '#e6eaf0',
  axis: '#5b6472',
  text: '#1d2433',
  dimensions: ['#2457c5', '#0f9d8a', '#e07b39', '#8e44ad', '#c0392b', '#7f8c8d', '#b7950b', '#16a085'],
});

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// Draws `option` into `el` and keeps it sized to its box; returns the dispose function.
export function mountChart(el, option, { onClick } = {}) {
  const chart = echarts.init(el, null, { renderer: 'canvas', locale: language() === 'fr' ? 'FR' : 'EN' });
  chart.setOption({
    aria: { enabled: true, decal: { show: false } },
    textStyle: { fontFamily, color: colors.text },
    animationDuration: 400,
    ...option,
    tooltip: { confine: true, className: 'chart-tooltip', borderWidth: 0, padding: 0, extraCssText: '',
      backgroundColor: 'transparent', ...option.tooltip },
  });
  if (onClick) chart.on('click', onClick);
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  el.dataset.chartReady = 'true';
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Tooltip markup: a title and [label, value, swatchIndex?] rows, classes only.
export function tooltipHtml(title, rows) {
  const lines = rows.map(([label, value, swatch]) => `<div class="tt-row">${swatch === undefined ? ''
    : `<span class="tt-swatch tt-swatch-${swatch}"></span>`}<span class="tt-label">${escapeHtml(label)}</span>` +
    `<span class="tt-value">${escapeHtml(value)}</span></div>`);
  return `<div class="tt"><div class="tt-title">${escapeHtml(title)}</div>${lines.join('')}</div>`;
}

export const percentAxis = Object.freeze({
  type: 'value', min: 0, max: 100,
  axisLabel: { formatter: '{value}%', color: colors.axis },
  splitLine: { lineStyle: { color: colors.grid } },
});

const asPercent = (rate) => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);

// --- Mastery by dimension ------------------------------------------------------------------------------------------

export function masteryChart(el, dimensions) {
  const names = dimensions.map((d) => d.name || d.dimensionId);
  const data = dimensions.map((d) => (d.masteryRate === null || d.masteryRate === undefined
    ? { value: 0, label: { formatter: rateText(null) } }
    : { value: asPercent(d.masteryRate) }));
  return mountChart(el, {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { ...percentAxis },
    yAxis: { type: 'category', data: names, inverse: true, axisTick: { show: false },
      axisLabel: { color: colors.text, width: 150, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: t('charts.masteryRate'), data, barMaxWidth: 26,
      itemStyle: { color: colors.transformation, borderRadius: [0, 4, 4, 0] },
      label: { show: true, position: 'right', color: colors.text,
        formatter: (p) => formatRate(dimensions[p.dataIndex].masteryRate) },
    }],
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = dimensions[p.dataIndex];
        return tooltipHtml(names[p.dataIndex], [
          [t('charts.masteryRate'), rateText(d.masteryRate)],
          [t('charts.coverage'), rateText(d.coverage)],
          [t('charts.masteredOfAssessed'), `${formatNumber(d.mastered ?? 0)} / ${formatNumber(d.assessed ?? 0)}`],
          [t('charts.averageLevel'), d.averageLevel === null || d.averageLevel === undefined
            ? rateText(null) : formatNumber(d.averageLevel, 2)],
        ]);
      },
    },
  });
}

export function masteryTable(dimensions) {
  return dataTable([t('charts.dimension'), t('charts.masteryRate'), t('charts.coverage'), t('charts.mastered'),
    t('charts.assessed'), t('charts.averageLevel')],
  dimensions.map((d) => [d.name || d.dimensionId, rateValue(d.masteryRate), rateValue(d.coverage),
    formatNumber(d.mastered ?? 0), formatNumber(d.assessed ?? 0),
    numberValue(d.averageLevel ?? null, 2)]),
  'mastery-table');
}

// --- Learning curve ------------------------------------------------------------------------------------------------

export function curveChart(el, points) {
  const weeks = points.map((p) => p.week);
  const dimensionNames = points[0]?.dimensions?.map((d) => d.name || d.dimensionId) ?? [];
  const series = [
    line(t('charts.transformationRate'), points.map((p) => asPercent(p.transformationRate ?? null)),
      colors.transformation, 3),
    line(t('charts.deploymentRate'), points.map((p) => asPercent(p.deploymentRate ?? null)), colors.deployment, 3),
    ...dimensionNames.map((name, i) => line(name,
      points.map((p) => asPercent(p.dimensions?.[i]?.masteryRate ?? null)),
      colors.dimensions[(i + 2) % colors.dimensions.length], 1.5, true)),
  ];
  const selected = Object.fromEntries(dimensionNames.map((name) => [name, false]));
  const legendRows = estimateLegendRows(series.map((s) => s.name), el.clientWidth || 600);
  return mountChart(el, {
    grid: { left: 8, right: 16, top: legendRows * 24 + 20, bottom: 8, containLabel: true },
    legend: { type: 'plain', top: 0, left: 0, right: 0, selected, itemGap: 14, textStyle: { color: colors.text },
      inactiveColor: '#b8c0cc' },
    xAxis: { type: 'category', data: weeks, boundaryGap: false,
      axisLabel: { color: colors.axis, formatter: (week) => week.replace(/^\d{4}-/, '') } },
    yAxis: { ...percentAxis },
    series,
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const point = points[items[0]?.dataIndex ?? 0];
        return tooltipHtml(`${point.week} · ${formatDate(point.at)}`, items.map((item) => [item.seriesName,
          rateText(item.value === null || item.value === undefined ? null : item.value / 100)]));
      },
    },
  });
}

// How many rows ECharts' plain legend takes for these names in this width (≈ 7 px a character at 12 px, plus the
// symbol and the gap), so that the plot starts below it.
function estimateLegendRows(names, width) {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = 25 + 5 + 7 * name.length + 14;
    if (used > 0 && used + item > width) {
      rows += 1;
      used = 0;
    }
    used += item;
  }
  return rows;
}

function line(name, data, color, width, dashed = false) {
  return { type: 'line', name, data, connectNulls: false, smooth: false, showSymbol: data.length <= 30,
    symbolSize: 5, lineStyle: { width, color, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color } };
}

export function curveTable(points) {
  const dimensionNames = points[0]?.dimensions?.map((d) => d.name || d.dimensionId) ?? [];
  return dataTable([t('charts.week'), t('charts.weekEnd'), t('charts.transformationRate'), t('charts.deploymentRate'),
    ...dimensionNames],
  points.map((p) => [p.week, formatDate(p.at), rateValue(p.transformationRate), rateValue(p.deploymentRate),
    ...dimensionNames.map((_, i) => rateValue(p.dimensions?.[i]?.masteryRate))]), 'curve-table');
}

// --- Tables --------------------------------------------------------------------------------------------------------

export function dataTable(headers, rows, className) {
  return h('table', { class: ['data-table', className] },
    h('thead', {}, h('tr', {}, headers.map((label, i) => h('th', { scope: 'col', class: i ? 'num' : null }, label)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => (i === 0
      ? h('th', { scope: 'row' }, cell) : h('td', { class: 'num' }, cell)))))));
}

export { echarts };
