// The admin calls of the API client reach the routes docs/api.md documents: server/web/src/js/api.js.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createApi } from '../../../server/web/src/js/api.js';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

// Records each request and answers 200 with `body`.
function recordRequests(body = {}) {
  const requests = [];
  globalThis.fetch = async (url, init) => {
    requests.push({ url, method: init.method, headers: init.headers, body: init.body });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return requests;
}

test('revoking a device signs its user out everywhere only when asked', async () => {
  const requests = recordRequests({ id: 'a b', revoked: true });
  const api = createApi({ token: () => 'tok' });
  await api.revokeDevice('a b');
  await api.revokeDevice('a b', { signOutUser: true });
  assert.deepEqual(requests.map((r) => [r.method, r.url]), [
    ['POST', '/api/v1/admin/devices/a%20b/revoke'],
    ['POST', '/api/v1/admin/devices/a%20b/revoke?signOutUser=true'],
  ]);
  assert.equal(requests[0].headers.Authorization, 'Bearer tok');
});

test('users are listed, deactivated and reactivated by id', async () => {
  const requests = recordRequests({ users: [] });
  const api = createApi({ token: () => 'tok' });
  assert.deepEqual(await api.users(), { users: [] });
  await api.deactivateUser('01a2/x');
  await api.activateUser('01a2/x');
  assert.deepEqual(requests.map((r) => [r.method, r.url]), [
    ['GET', '/api/v1/admin/users'],
    ['POST', '/api/v1/admin/users/01a2%2Fx/deactivate'],
    ['POST', '/api/v1/admin/users/01a2%2Fx/activate'],
  ]);
});

test('a refusal becomes an ApiError with the server\'s code', async () => {
  globalThis.fetch = async () => new Response(JSON.stringify({ error: { code: 'cannot_deactivate_self',
    message: 'You cannot deactivate your own account: ask another administrator.', details: [] } }), { status: 409 });
  const api = createApi({ token: () => 'tok' });
  await assert.rejects(api.deactivateUser('me'), { name: 'ApiError', status: 409, code: 'cannot_deactivate_self' });
});
