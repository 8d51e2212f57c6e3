// Where the difficulties are: child units × dimensions, coloured by mastery rate, so that the training plan can
// target the weak spots. Hidden children (fewer employees than the organisation's minimum group size, or hidden
// beside such a unit) keep their row with no figures and a "hidden" label; a click on a row opens that unit.
import { h } from './dom.js';
import { colors, escapeHtml, mountChart, tooltipHtml } from './charts.js';
import { formatNumber, formatRate } from './format.js';
import { t } from './i18n.js';
import { hiddenBadge, hiddenMark, rateValue } from './values.js';

const scale = ['#c2410c', '#f59e0b', '#fde68a', '#9bd4c4', '#0f766e'];

// children: IndicatorsResponse.children; dimensions: the unit's own dimensions (for column order and names).
export function heatmapChart(el, { children, dimensions }, onOpen) {
  const rows = children.map((child) => rowLabel(child));
  const columns = dimensions.map((d) => d.name || d.dimensionId);
  const data = [];
  children.forEach((child, y) => {
    if (child.hidden) return;
    dimensions.forEach((dimension, x) => {
      const cell = (child.dimensions ?? []).find((d) => d.dimensionId === dimension.dimensionId);
      const rate = cell?.masteryRate ?? null;
      data.push({ value: [x, y, rate === null ? '-' : Math.round(rate * 1000) / 10], cell });
    });
  });
  el.style.height = `${Math.max(220, children.length * 34 + 124)}px`;
  // Column labels wrap within their column; the row labels take at most a fifth of the width.
  const width = el.clientWidth || 800;
  const rowLabelWidth = Math.min(180, Math.round(width / 5));
  const columnWidth = Math.max(48, Math.floor((width - rowLabelWidth - 40) / Math.max(1, columns.length)) - 8);
  return mountChart(el, {
    grid: { left: 8, right: 16, top: 22, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: columns, position: 'top', splitArea: { show: true },
      axisLabel: { color: colors.text, interval: 0, width: columnWidth, overflow: 'break', lineHeight: 14 },
      axisTick: { show: false } },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true }, axisTick: { show: false },
      axisLabel: { color: colors.text, width: rowLabelWidth, overflow: 'truncate' }, triggerEvent: true },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 4,
      itemWidth: 12, itemHeight: 180, text: ['100%', '0%'], textStyle: { color: colors.axis },
      inRange: { color: scale } },
    series: [{
      type: 'heatmap', name: t('charts.masteryRate'), data,
      label: { show: true, color: '#111827', formatter: (p) => formatRate(p.value[2] / 100) },
      itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
      emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 2 } },
    }],
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        if (p.componentType === 'yAxis') return escapeHtml(p.value);
        const child = children[p.value[1]];
        const cell = p.data.cell;
        return tooltipHtml(`${child.unitName} · ${columns[p.value[0]]}`, [
          [t('charts.masteryRate'), formatRate(p.value[2] / 100)],
          [t('charts.masteredOfAssessed'), `${formatNumber(cell?.mastered ?? 0)} / ${formatNumber(cell?.assessed ?? 0)}`],
          [t('charts.coverage'), cell?.coverage === null || cell?.coverage === undefined ? '—' : formatRate(cell.coverage)],
        ]);
      },
    },
  }, {
    onClick: (event) => {
      const index = event.componentType === 'yAxis' ? rows.indexOf(event.value) : event.value?.[1];
      const child = children[index];
      if (child) onOpen(child.unitId);
    },
  });
}

function rowLabel(child) {
  return child.hidden ? `${child.unitName} (${t('children.hiddenShort')})` : child.unitName;
}

export function heatmapTable({ children, dimensions }, hrefFor) {
  return h('table', { class: 'data-table heatmap-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('children.unit')),
      dimensions.map((d) => h('th', { scope: 'col', class: 'num' }, d.name || d.dimensionId)))),
    h('tbody', {}, children.map((child) => h('tr', { class: child.hidden ? 'hidden-row' : null },
      h('th', { scope: 'row' }, h('a', { href: hrefFor(child.unitId) }, child.unitName),
        child.hidden ? hiddenBadge(child) : null),
      dimensions.map((dimension) => {
        if (child.hidden) return h('td', { class: 'num' }, hiddenMark(child));
        const cell = (child.dimensions ?? []).find((d) => d.dimensionId === dimension.dimensionId);
        return h('td', { class: 'num' }, rateValue(cell?.masteryRate ?? null));
      })))));
}
