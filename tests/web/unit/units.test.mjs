// What the navigator lets each role open: server/web/src/js/units.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnitTree } from '../../../server/web/src/js/units.js';

const units = [
  { id: 'ORG', parentId: '', name: 'Demo', kind: 'ORGANIZATION' },
  { id: 'R-N', parentId: 'ORG', name: 'North', kind: 'REGION' },
  { id: 'R-S', parentId: 'ORG', name: 'South', kind: 'REGION' },
  { id: 'S-1', parentId: 'R-N', name: 'Lille', kind: 'STORE' },
  { id: 'S-2', parentId: 'R-N', name: 'Amiens', kind: 'STORE' },
  { id: 'T-1', parentId: 'S-1', name: 'Lille floor', kind: 'TEAM' },
];

test('head office reads every unit and starts at the root', () => {
  const tree = new UnitTree(units, { role: 'HQ', unitIds: [] });
  assert.equal(tree.home(), 'ORG');
  assert.ok(units.every((u) => tree.canRead(u.id)));
  assert.deepEqual(tree.readableRoots().map((u) => u.id), ['ORG']);
});

test('a director reads his region subtree only; ancestors are for breadcrumbs', () => {
  const tree = new UnitTree(units.filter((u) => u.id !== 'R-S'), { role: 'DIRECTOR', unitIds: ['R-N'] });
  assert.equal(tree.home(), 'R-N');
  assert.ok(tree.canRead('T-1'));
  assert.ok(!tree.canRead('ORG'));
  assert.ok(!tree.canRead('R-S'));
  assert.deepEqual(tree.path('T-1').map((u) => u.id), ['ORG', 'R-N', 'S-1', 'T-1']);
  assert.deepEqual(tree.readableRoots().map((u) => u.id), ['R-N']);
});

test('children are ordered by kind then name', () => {
  const tree = new UnitTree(units, { role: 'ADMIN' });
  assert.deepEqual(tree.children('R-N').map((u) => u.name), ['Amiens', 'Lille']);
  assert.deepEqual(tree.path('nope'), []);
});
