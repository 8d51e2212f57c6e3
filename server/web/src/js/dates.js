// The dashboard's date settings and the query parameters they give. Pure functions (no DOM), unit-tested.
//
// A person picks the day "as of" which figures are read; the API's `at` is the end of that day (the next day at
// 00:00 UTC), so the chosen day's observations count. The activity period is the `periodDays` days that end there,
// and "the previous period" is the same span shifted back by its own length, read with the same window.

export const windowChoices = Object.freeze([30, 60, 90, 180, 365]);
export const periodChoices = Object.freeze([7, 14, 30, 60, 90]);
export const curveWeekChoices = Object.freeze([13, 26, 52]);
export const defaultSettings = Object.freeze({ windowDays: 90, periodDays: 30, curveWeeks: 26 });
const dayMs = 24 * 60 * 60 * 1000;

// Today's date in UTC, "YYYY-MM-DD".
export function today(now = new Date()) {
  return isoDate(now);
}

export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export function isValidDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDate(date) === text;
}

export function addDays(text, days) {
  return isoDate(new Date(new Date(`${text}T00:00:00Z`).getTime() + days * dayMs));
}

// {asOf, windowDays, periodDays} -> the /indicators query {at, windowDays, from, to}.
export function indicatorQuery({ asOf, windowDays, periodDays }) {
  const end = addDays(asOf, 1);
  return { at: end, windowDays, from: addDays(end, -periodDays), to: end };
}

// The same query one period earlier, for the tiles' change.
export function previousQuery(settings) {
  return indicatorQuery({ ...settings, asOf: addDays(settings.asOf, -settings.periodDays) });
}

// The learning curve: the `curveWeeks` weeks that end at the as-of day.
export function seriesQuery({ asOf, windowDays, curveWeeks }) {
  const end = addDays(asOf, 1);
  return { from: addDays(end, -7 * curveWeeks), to: end, windowDays, step: 'week' };
}

// The KPI perspective: the twelve months that end at the as-of day.
export function kpiQuery({ asOf, windowDays }) {
  const end = addDays(asOf, 1);
  const start = new Date(`${end}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  return { from: isoDate(start), to: end, windowDays };
}

// The last day of a [from, to) span, for display: to - 1 day.
export function lastDay(to) {
  return addDays(to, -1);
}

// Settings read from the address bar, each falling back to its default when absent or invalid.
export function settingsFromParams(params, now = new Date()) {
  const pick = (name, choices, fallback) => {
    const value = Number(params.get(name));
    return choices.includes(value) ? value : fallback;
  };
  const asOf = params.get('asOf');
  return {
    asOf: isValidDate(asOf) ? asOf : today(now),
    windowDays: pick('window', windowChoices, defaultSettings.windowDays),
    periodDays: pick('period', periodChoices, defaultSettings.periodDays),
    curveWeeks: pick('weeks', curveWeekChoices, defaultSettings.curveWeeks),
  };
}
