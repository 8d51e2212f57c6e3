// The address bar holds view state only: server/web/src/js/router.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRoute, parseRoute } from '../../../server/web/src/js/router.js';

test('dashboard routes round-trip their parameters', () => {
  const hash = formatRoute({ name: 'dashboard', query: { unit: 'S 01', asOf: '2026-03-14', lag: 0, metric: '' } });
  assert.equal(hash, '#/dashboard?unit=S+01&asOf=2026-03-14&lag=0');
  const route = parseRoute(hash);
  assert.equal(route.name, 'dashboard');
  assert.equal(route.params.get('unit'), 'S 01');
});

test('admin routes', () => {
  assert.deepEqual(parseRoute('#/admin/import/kpis').kind, 'kpis');
  assert.deepEqual(parseRoute('#/admin/import/unknown').kind, 'units');
  assert.equal(parseRoute('#/admin/devices').name, 'devices');
  assert.equal(parseRoute('#/admin/users').name, 'users');
  assert.equal(formatRoute({ name: 'users' }), '#/admin/users');
  assert.equal(parseRoute('#/admin/users/extra').name, 'dashboard');
  assert.equal(parseRoute('').name, 'dashboard');
  assert.equal(formatRoute({ name: 'import', kind: 'users' }), '#/admin/import/users');
});
