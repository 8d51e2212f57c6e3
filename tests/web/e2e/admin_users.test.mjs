// An administrator deactivates a user from the Users tab (that user's token is then refused, the row shows the
// user inactive), reactivates them, cannot deactivate themselves, sees other people's names as text and never as
// markup; and revokes a device while signing its user out everywhere (the user's other token is refused too).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, launchBrowser, organization, screenshot, signIn, startServer, tokenOf } from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Signs `username` in from a device of its own, as a phone would; returns the HTTP status and the token.
async function signInDevice(username, deviceId, deviceName) {
  const account = server.accounts.get(username);
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ organization, username: account.username, password: account.password, deviceId, deviceName }),
  });
  const body = await response.json();
  return { status: response.status, token: body.token ?? null, code: body.error?.code ?? null };
}

const meStatus = async (token) => (await api(server, token, '/api/v1/me')).status;

async function openUsersTab() {
  await page.click('.sections a[href^="#/admin"]');
  await page.click('.tabs a[href="#/admin/users"]');
  await page.waitForSelector('.users-table tbody tr');
}

const userRow = (username) => page.locator('.users-table tbody tr', {
  has: page.locator('.username code', { hasText: new RegExp(`^${username.replace(/[.]/g, '\\.')}$`) }) });

test('deactivating a user refuses their token and sign-in, and shows them inactive; reactivating lets them back', async () => {
  const phone = await signInDevice('manager.toulon', 'e2e-toulon-phone', 'Toulon phone');
  assert.equal(phone.status, 200);
  assert.equal(await meStatus(phone.token), 200);

  await signIn(page, server, 'admin');
  await openUsersTab();
  const users = (await (await api(server, await tokenOf(page), '/api/v1/admin/users')).json()).users;
  assert.equal(await page.locator('.users-table tbody tr').count(), users.length);

  const row = userRow('manager.toulon');
  assert.equal((await row.locator('.status-badge').textContent()).trim(), 'Active');
  assert.match(await row.textContent(), /Toulon Mayol/, 'units show by name');
  await row.locator('button', { hasText: 'Deactivate' }).click();
  assert.match(await row.locator('.confirm-text').textContent(), /Sign Karim Mansouri out everywhere/);
  await screenshot(page, 'admin-users-confirm', { fullPage: false });
  await row.locator('button', { hasText: 'Confirm deactivation' }).click();
  await page.waitForSelector('.users .success-panel');

  const inactive = userRow('manager.toulon');
  assert.equal((await inactive.locator('.status-badge').textContent()).trim(), 'Inactive');
  assert.ok(await inactive.evaluate((tr) => tr.classList.contains('inactive')));
  assert.equal(await meStatus(phone.token), 401, 'the deactivated user\'s token is refused');
  const refused = await signInDevice('manager.toulon', 'e2e-toulon-phone', 'Toulon phone');
  assert.deepEqual([refused.status, refused.code], [403, 'user_deactivated']);
  const stored = (await (await api(server, await tokenOf(page), '/api/v1/admin/users')).json()).users
    .find((u) => u.username === 'manager.toulon');
  assert.equal(stored.active, false);
  await screenshot(page, 'admin-users-deactivated');

  await inactive.locator('button', { hasText: 'Reactivate' }).click();
  await inactive.locator('button', { hasText: 'Confirm reactivation' }).click();
  // The deactivation's notice also says "reactivated": wait for the reactivation's own words.
  await page.waitForFunction(() => document.querySelector('.users .success-panel')?.textContent
    .includes('Karim Mansouri is reactivated'));
  assert.equal((await userRow('manager.toulon').locator('.status-badge').textContent()).trim(), 'Active');
  const back = await signInDevice('manager.toulon', 'e2e-toulon-phone', 'Toulon phone');
  assert.equal(back.status, 200);
  assert.equal(await meStatus(back.token), 200);
  assert.deepEqual(browser.problems, []);
});

test('an administrator is not offered to deactivate their own account', async () => {
  const own = userRow('admin');
  assert.equal((await own.locator('.badge', { hasText: 'you' }).count()), 1);
  assert.equal(await own.locator('button').count(), 0);
  assert.equal((await own.locator('td').last().textContent()).trim(), 'Your account');
  assert.deepEqual(browser.problems, []);
});

test('names typed by people show as text, never as markup', async () => {
  const name = '<img src=x onerror="window.__pwned=1"><b>Bold</b>';
  const csv = `username,displayName,role,unitIds,password\ne2e.markup,"${name.replace(/"/g, '""')}",MANAGER,annecy,e2e-password-1\n`;
  const imported = await api(server, await tokenOf(page), '/api/v1/admin/users',
    { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: csv });
  assert.equal(imported.status, 200, await imported.text());
  await page.click('.tabs a[href="#/admin/devices"]');
  await openUsersTab();
  const row = userRow('e2e.markup');
  assert.equal(await row.locator('td').first().textContent(), name);
  assert.equal(await page.locator('.users-table img, .users-table b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(browser.problems, []);
});

test('revoking a device with "sign out everywhere" also refuses the user\'s other tokens', async () => {
  const phone = await signInDevice('manager.nice', 'e2e-nice-phone', 'Nice phone');
  const tablet = await signInDevice('manager.nice', 'e2e-nice-tablet', 'Nice tablet');
  assert.deepEqual([await meStatus(phone.token), await meStatus(tablet.token)], [200, 200]);

  await page.click('.tabs a[href="#/admin/devices"]');
  const row = page.locator('.devices-table tbody tr', { hasText: 'Nice phone' });
  await row.waitFor();
  await row.locator('button', { hasText: 'Revoke' }).click();
  assert.equal((await row.locator('.revoke-choice button').allTextContents()).join(' | '),
    'Revoke this device | Revoke and sign manager.nice out everywhere | Cancel');
  await screenshot(page, 'admin-devices-revoke-choice', { fullPage: false });
  await row.locator('button', { hasText: 'Revoke and sign manager.nice out everywhere' }).click();
  await page.waitForSelector('.devices .success-panel');
  assert.match(await page.textContent('.devices .success-panel'), /manager\.nice is signed out on every device/);

  assert.equal(await meStatus(phone.token), 401, 'the revoked phone');
  assert.equal(await meStatus(tablet.token), 401, 'the user\'s other device is signed out too');
  // Signed out is not revoked: the tablet is still listed active and may sign in again; the phone may not.
  const tabletRow = page.locator('.devices-table tbody tr', { hasText: 'Nice tablet' });
  assert.equal((await tabletRow.locator('.badge').textContent()).trim(), 'Active');
  assert.equal((await signInDevice('manager.nice', 'e2e-nice-tablet', 'Nice tablet')).status, 200);
  const again = await signInDevice('manager.nice', 'e2e-nice-phone', 'Nice phone');
  assert.deepEqual([again.status, again.code], [403, 'device_revoked']);
  // The administrator's own browser is untouched.
  assert.equal(await meStatus(await tokenOf(page)), 200);
  await screenshot(page, 'admin-devices-signed-out');
  assert.deepEqual(browser.problems, []);
});

test('the Users tab reads in French', async () => {
  await page.click('.language-button[lang="fr"]');
  await page.waitForSelector('.users-table, .devices-table');
  await openUsersTab();
  assert.equal((await userRow('manager.toulon').locator('.status-badge').textContent()).trim(), 'Actif');
  assert.equal((await userRow('manager.toulon').locator('button').textContent()).trim(), 'Désactiver');
  await page.click('.language-button[lang="en"]');
  assert.deepEqual(browser.problems, []);
});
