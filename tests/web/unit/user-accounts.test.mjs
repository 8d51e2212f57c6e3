// What the Users page offers for each account: server/web/src/js/user-accounts.js.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountAction, isActive, unitLabels } from '../../../server/web/src/js/user-accounts.js';

test('a user is active unless the server says active: false', () => {
  assert.equal(isActive({ active: true }), true);
  assert.equal(isActive({ active: false }), false);
  assert.equal(isActive({}), true);
});

test('active users can be deactivated, inactive ones reactivated, and nobody deactivates themselves', () => {
  assert.equal(accountAction({ id: 'u1', active: true }, 'me'), 'deactivate');
  assert.equal(accountAction({ id: 'u1', active: false }, 'me'), 'activate');
  assert.equal(accountAction({ id: 'me', active: true }, 'me'), 'self');
});

test('units show by name in the user\'s order; an unknown id stays as it is', () => {
  const units = [{ id: 'paris', name: 'Paris Opéra' }, { id: 'lyon', name: 'Lyon' }, { id: 'bare', name: '' }];
  assert.deepEqual(unitLabels(['lyon', 'paris', 'gone', 'bare'], units), ['Lyon', 'Paris Opéra', 'gone', 'bare']);
  assert.deepEqual(unitLabels(undefined, units), []);
  assert.deepEqual(unitLabels(['x'], undefined), ['x']);
});
