// Where the import preview shows a server error: server/web/src/js/admin-import.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnOf, importFormats, previewPlace } from '../../../server/web/src/js/admin-import.js';

test('row errors stay on their row', () => {
  const detail = { row: 3, field: 'unitId', message: 'unknown unit' };
  assert.deepEqual(previewPlace(detail, importFormats.kpis), detail);
});

test('a model dimension named by path lands on its preview row and field', () => {
  assert.deepEqual(previewPlace({ row: 0, field: 'dimensions[1].id', message: 'empty' }, importFormats.model),
    { row: 2, field: 'id', message: 'empty' });
});

test('errors about the file as a whole stay off the rows', () => {
  const detail = { row: 0, field: 'scale.masteryThreshold', message: 'not a level' };
  assert.deepEqual(previewPlace(detail, importFormats.model), detail);
  assert.equal(previewPlace({ row: 0, field: 'dimensions[0]', message: 'x' }, importFormats.units).row, 0);
});

test('an error about a list element marks its column', () => {
  assert.equal(columnOf('unitIds[0]'), 'unitIds');
  assert.equal(columnOf('scale.masteryThreshold'), 'scale');
  assert.equal(columnOf('period'), 'period');
  assert.equal(columnOf(undefined), '');
});
