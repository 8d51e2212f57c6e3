// How figures read on screen. Rates arrive as fractions in [0, 1] or null (a zero denominator): null is shown as
// an em dash, never as 0, with a tooltip that says why.
import { locale, t } from './i18n.js';

export const missing = '—';

// 0.4253 -> "42.5%" (en) / "42,5 %" (fr); null -> "—".
export function formatRate(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return missing;
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(value);
}

// Change between two rates in percentage points: 0.052 -> "+5.2 pts"; null when either side is missing.
export function formatDelta(current, previous) {
  const delta = rateDelta(current, previous);
  if (delta === null) return null;
  const points = new Intl.NumberFormat(locale(), {
    minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero',
  }).format(delta * 100);
  return t('format.points', { value: points });
}

// current - previous, rounded to the tenth of a point that is displayed, or null.
export function rateDelta(current, previous) {
  if (!isNumber(current) || !isNumber(previous)) return null;
  return Math.round((current - previous) * 1000) / 1000;
}

export function formatNumber(value, digits = 0) {
  if (!isNumber(value)) return missing;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(value);
}

// A correlation coefficient: two decimals, null -> "—".
export function formatCoefficient(value) {
  return isNumber(value) ? formatNumber(value, 2) : missing;
}

// "2026-03-14" or an RFC 3339 time -> "14 Mar 2026" (en) / "14 mars 2026" (fr), in UTC like the API.
export function formatDate(value) {
  if (!value) return missing;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`)
    : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(date);
}

// An RFC 3339 time -> date and time in the reader's own time zone (device activity is local to the reader).
export function formatDateTime(value) {
  if (!value) return missing;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}
