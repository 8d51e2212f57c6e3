// The import preview's CSV reader: server/web/src/js/csv.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeJson, parseCsv } from '../../../server/web/src/js/csv.js';

test('header and rows, with CRLF, a BOM and a final line break', () => {
  assert.deepEqual(parseCsv('\uFEFFunitId,period,metric,value\r\nS01,2026-01,nps,42\r\nS02,2026-01,nps,38\r\n'), {
    header: ['unitId', 'period', 'metric', 'value'],
    rows: [['S01', '2026-01', 'nps', '42'], ['S02', '2026-01', 'nps', '38']],
  });
});

test('quoted fields keep commas, doubled quotes and line breaks', () => {
  assert.deepEqual(parseCsv('id,name\nU1,"Lyon, ""Part-Dieu""\nsecond line"\nU2,plain').rows,
    [['U1', 'Lyon, "Part-Dieu"\nsecond line'], ['U2', 'plain']]);
});

test('blank lines are skipped, empty fields kept', () => {
  assert.deepEqual(parseCsv('a,b\n\n1,\n,2\n').rows, [['1', ''], ['', '2']]);
});

test('JSON is told from CSV by its first character', () => {
  assert.ok(looksLikeJson('  {"units": []}'));
  assert.ok(looksLikeJson('\uFEFF[1]'));
  assert.ok(!looksLikeJson('id,name\n'));
});
