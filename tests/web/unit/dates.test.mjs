// The date settings -> API query mapping of server/web/src/js/dates.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays, indicatorQuery, isValidDate, kpiQuery, previousQuery, seriesQuery, settingsFromParams, today,
} from '../../../server/web/src/js/dates.js';

const settings = { asOf: '2026-03-14', windowDays: 90, periodDays: 30, curveWeeks: 26 };

test('the as-of day is read at its end, the period ends there', () => {
  assert.deepEqual(indicatorQuery(settings), { at: '2026-03-15', windowDays: 90, from: '2026-02-13', to: '2026-03-15' });
});

test('the previous period is the same span one period earlier, same window', () => {
  assert.deepEqual(previousQuery(settings), { at: '2026-02-13', windowDays: 90, from: '2026-01-14', to: '2026-02-13' });
});

test('the learning curve spans the chosen weeks up to the as-of day', () => {
  assert.deepEqual(seriesQuery(settings), { from: '2025-09-14', to: '2026-03-15', windowDays: 90, step: 'week' });
});

test('the KPI perspective spans twelve months', () => {
  assert.deepEqual(kpiQuery(settings), { from: '2025-03-15', to: '2026-03-15', windowDays: 90 });
});

test('dates cross month and leap-year ends', () => {
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
});

test('only real calendar days are valid', () => {
  assert.ok(isValidDate('2026-02-28'));
  assert.ok(!isValidDate('2026-02-30'));
  assert.ok(!isValidDate('2026-2-3'));
  assert.ok(!isValidDate(null));
});

test('settings from the address fall back to defaults when absent or not offered', () => {
  const now = new Date('2026-05-06T10:00:00Z');
  assert.equal(today(now), '2026-05-06');
  assert.deepEqual(settingsFromParams(new URLSearchParams('asOf=2026-13-01&window=45&period=7&weeks=52'), now),
    { asOf: '2026-05-06', windowDays: 90, periodDays: 7, curveWeeks: 52 });
  assert.deepEqual(settingsFromParams(new URLSearchParams('asOf=2026-04-30&window=180'), now),
    { asOf: '2026-04-30', windowDays: 180, periodDays: 30, curveWeeks: 26 });
});
