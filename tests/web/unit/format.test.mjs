// How figures read: server/web/src/js/format.js in both languages.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { formatCoefficient, formatDelta, formatRate, rateDelta } from '../../../server/web/src/js/format.js';
import { setLanguage } from '../../../server/web/src/js/i18n.js';

afterEach(() => setLanguage('en'));

test('rates are percentages with one decimal', () => {
  setLanguage('en');
  assert.equal(formatRate(0.4253), '42.5%');
  assert.equal(formatRate(1), '100.0%');
  assert.equal(formatRate(0), '0.0%');
  setLanguage('fr');
  assert.match(formatRate(0.4253), /^42,5[\u00a0\u202f]%$/);  // the no-break space varies with ICU
});

test('an undefined rate is a dash, never 0', () => {
  assert.equal(formatRate(null), '—');
  assert.equal(formatRate(undefined), '—');
  assert.equal(formatCoefficient(null), '—');
});

test('changes are signed percentage points, none when a side is missing', () => {
  setLanguage('en');
  assert.equal(formatDelta(0.5, 0.45), '+5.0 pts');
  assert.equal(formatDelta(0.4, 0.45), '-5.0 pts');
  assert.equal(formatDelta(0.45, 0.45), '0.0 pts');
  assert.equal(formatDelta(null, 0.45), null);
  assert.equal(formatDelta(0.45, null), null);
  assert.equal(rateDelta(0.3333, 0.3), 0.033);
});

test('coefficients have two decimals', () => {
  setLanguage('en');
  assert.equal(formatCoefficient(0.6789), '0.68');
  assert.equal(formatCoefficient(-0.1), '-0.10');
});
