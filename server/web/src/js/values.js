// Figures as DOM nodes: a rate as text, or the em dash with its "not enough data" tooltip (a rate with a zero
// denominator is undefined and must never read as 0 %).
import { h } from './dom.js';
import { formatNumber, formatRate, isNumber, missing } from './format.js';
import { t } from './i18n.js';

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

// A figure withheld because it rests on fewer employees than the organisation's minimum group size.
export function hiddenMark() {
  return h('abbr', { class: 'missing withheld', title: t('children.hiddenHelp'), tabindex: '0' }, missing);
}

export function hiddenBadge() {
  return h('span', { class: 'badge hidden-badge', title: t('children.hiddenHelp') }, t('children.hiddenShort'));
}
