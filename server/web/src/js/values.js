// Figures as DOM nodes: a rate as text, or the em dash with its "not enough data" tooltip (a rate with a zero
// denominator is undefined and must never read as 0 %).
import { h } from './dom.js';
import { formatNumber, formatRate, isNumber, missing } from './format.js';
import { t } from './i18n.js';
import { hiddenHelp } from './withheld.js';

export function missingMark() {
  return h('abbr', { class: 'missing', title: t('format.notEnoughData'), tabindex: '0' }, missing);
}

export function rateValue(value) {
  return isNumber(value) ? formatRate(value) : missingMark();
}

export function numberValue(value, digits = 0) {
  return isNumber(value) ? formatNumber(value, digits) : missingMark();
}

// The same, as plain text for chart tooltips and labels.
export function rateText(value) {
  return isNumber(value) ? formatRate(value) : `${missing} ${t('format.notEnoughData')}`;
}

// A figure withheld to protect small groups; `unit` (its hidden and hiddenReason) says why, in the tooltip.
export function hiddenMark(unit) {
  return h('abbr', { class: 'missing withheld', title: hiddenHelp(unit), tabindex: '0' }, missing);
}

export function hiddenBadge(unit) {
  return h('span', { class: 'badge hidden-badge', title: hiddenHelp(unit) }, t('children.hiddenShort'));
}
