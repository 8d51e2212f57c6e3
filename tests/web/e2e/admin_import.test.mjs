// An administrator imports a KPI file with one bad row and sees the server's row-level error beside that row,
// then imports the corrected file and finds the KPI in the dashboard's perspective; and revokes a device alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, launchBrowser, organization, screenshot, signIn, startServer, tokenOf, waitForUnit } from './harness.mjs';

let server;
let browser;
let page;
let regions;
const metric = 'e2eNps';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The last `count` whole months before today, "YYYY-MM".
function lastMonths(count) {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count + i, 1));
    return date.toISOString().slice(0, 7);
  });
}

function kpiCsv(rows) {
  return ['unitId,period,metric,value', ...rows.map((row) => row.join(','))].join('\n') + '\n';
}

test('a KPI file with one bad row is refused with that row\'s error shown beside it', async () => {
  await signIn(page, server, 'admin');
  const units = (await (await api(server, await tokenOf(page), '/api/v1/units')).json()).units;
  regions = units.filter((u) => u.kind === 'REGION');
  assert.ok(regions.length >= 2);

  await page.click('.sections a[href="#/admin/import/units"]');
  await page.click('.tabs a[href="#/admin/import/kpis"]');
  await page.waitForSelector('#import-file');

  const good = lastMonths(4).flatMap((period, i) => regions.map((region, j) => [region.id, period, metric,
    String(30 + 5 * i + 3 * j)]));
  const bad = [...good.slice(0, 2), ['NO-SUCH-UNIT', good[0][1], metric, '40'], ...good.slice(2)];
  const badRow = 3;
  await page.setInputFiles('#import-file', { name: 'kpis.csv', mimeType: 'text/csv', buffer: Buffer.from(kpiCsv(bad)) });
  // The preview is rendered after the browser has read the file: wait for its rows, then count them.
  await page.waitForSelector(`.preview-table tbody tr:nth-child(${bad.length})`);
  assert.equal(await page.locator('.preview-table tbody tr').count(), bad.length);
  assert.match(await page.textContent('.file-name'), new RegExp(`kpis\\.csv · ${bad.length} rows`));

  await page.click('#import-submit');
  await page.waitForSelector('.import-result .error-panel');

  // What the server says about the same file, row by row (it applies nothing, so asking twice is harmless).
  const direct = await api(server, await tokenOf(page), '/api/v1/admin/kpis',
    { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: kpiCsv(bad) });
  assert.equal(direct.status, 400);
  const details = (await direct.json()).error.details;
  assert.deepEqual(details.map((d) => d.row), [badRow]);

  const errorRow = page.locator(`.preview-table tbody tr[data-row="${badRow}"]`);
  assert.ok(await errorRow.evaluate((tr) => tr.classList.contains('error-row')));
  assert.ok((await errorRow.locator('.row-error').textContent()).includes(details[0].message));
  assert.equal(await page.locator('.preview-table tbody tr.error-row').count(), 1);
  const listed = page.locator(`.errors-table tbody tr[data-row="${badRow}"]`);
  assert.ok((await listed.textContent()).includes(details[0].message));
  await screenshot(page, 'admin-kpi-import-error');

  // Nothing was applied: the metric is still unknown.
  const kpi = await (await api(server, await tokenOf(page), '/api/v1/indicators/kpi')).json();
  assert.ok(!(kpi.metrics ?? []).includes(metric));
  assert.deepEqual(browser.problems, []);
});

test('the corrected file is applied and its KPI shows in the dashboard with r and ρ', async () => {
  await page.setInputFiles('#import-file', { name: 'kpis-fixed.csv', mimeType: 'text/csv',
    buffer: Buffer.from(kpiCsv(lastMonths(4).flatMap((period, i) => regions.map((region, j) => [region.id, period,
      metric, String(30 + 5 * i + 3 * j)])))) });
  await page.click('#import-submit');
  await page.waitForSelector('.import-result .success-panel');
  assert.match(await page.textContent('.import-result'), new RegExp(`${4 * regions.length} rows applied`));

  await page.click('.sections a[href="#/dashboard"]');
  const root = (await (await api(server, await tokenOf(page), '/api/v1/units')).json()).units.find((u) => !u.parentId);
  await waitForUnit(page, root.id);

  // The KPI card shows what the server computes for the request the page made: n, Pearson's r, Spearman's ρ.
  const check = async (request) => {
    const url = new URL(request.url());
    const expected = await (await api(server, await tokenOf(page), url.pathname + url.search)).json();
    await page.waitForFunction((n) => document.querySelector('.kpi-stat[data-stat="n"] dd')?.textContent === n,
      String(expected.n ?? 0));
    const shown = async (name) => (await page.textContent(`.kpi-stat[data-stat="${name}"] dd`)).trim();
    const coefficient = (value) => (value === null || value === undefined ? '—' : value.toFixed(2));
    assert.equal(await shown('pearson'), coefficient(expected.pearson ?? null));
    assert.equal(await shown('spearman'), coefficient(expected.spearman ?? null));
    return expected;
  };
  const kpiRequest = (predicate) => page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/indicators/kpi' &&
    predicate(new URL(r.url()).searchParams));
  const [chosen] = await Promise.all([
    kpiRequest((params) => params.get('metric') === metric),
    page.selectOption('#control-kpi-metric', metric),
  ]);
  const unlagged = await check(chosen);
  assert.ok(unlagged.n >= regions.length, `pairs of each region: ${unlagged.n}`);
  await page.waitForSelector('#card-kpi .chart[data-chart-ready="true"] canvas');

  const [lagged] = await Promise.all([
    kpiRequest((params) => params.get('metric') === metric && params.get('lagPeriods') === '1'),
    page.selectOption('#control-kpi-lag', '1'),
  ]);
  const withLag = await check(lagged);
  assert.equal(withLag.lagPeriods, 1);
  assert.ok(withLag.points.every((p) => p.kpiPeriod > p.period), 'the KPI is read one period after the rate');
  await screenshot(page, 'admin-kpi-perspective');
  assert.deepEqual(browser.problems, []);
});

test('a store imported with fewer employees than minGroupSize is listed as hidden to head office, with a store beside it', async () => {
  const region = regions[0];
  await page.click('.sections a[href^="#/admin"]');
  await page.click('.tabs a[href="#/admin/import/units"]');
  const units = { units: [{ id: 'e2e-kiosk', parentId: region.id, name: 'E2E Kiosk', kind: 'STORE' }] };
  await page.setInputFiles('#import-file', { name: 'units.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(units)) });
  await page.waitForSelector('.preview-table tbody tr');
  assert.equal(await page.locator('.preview-table tbody tr').count(), 1);
  await page.click('#import-submit');
  await page.waitForSelector('.import-result .success-panel');
  assert.match(await page.textContent('.import-result'), /1 row applied/);

  await page.click('.tabs a[href="#/admin/import/employees"]');
  const employees = 'id,unitId,displayName,jobTitle,active\n' +
    'e2e-1,e2e-kiosk,Ana Test,Sales advisor,true\ne2e-2,e2e-kiosk,Bo Test,Cashier,true\n';
  await page.setInputFiles('#import-file', { name: 'employees.csv', mimeType: 'text/csv', buffer: Buffer.from(employees) });
  await page.click('#import-submit');
  await page.waitForSelector('.import-result .success-panel');
  assert.match(await page.textContent('.import-result'), /2 rows applied/);

  // Head office sees the kiosk in its region, marked hidden, with no figure.
  const hq = await launchBrowser();
  try {
    await signIn(hq.page, server, 'hq');
    await hq.page.goto(`${server.url}/#/dashboard?unit=${encodeURIComponent(region.id)}`);
    await waitForUnit(hq.page, region.id);
    const indicators = await (await api(server, await tokenOf(hq.page),
      `/api/v1/indicators?unitId=${encodeURIComponent(region.id)}`)).json();
    const kiosk = indicators.children.find((c) => c.unitId === 'e2e-kiosk');
    assert.equal(kiosk.hidden, true);
    const row = hq.page.locator('.children-table tbody tr', { hasText: 'E2E Kiosk' });
    assert.ok(await row.evaluate((tr) => tr.classList.contains('hidden-row')));
    assert.equal(await row.locator('.hidden-badge').textContent(), 'hidden');
    assert.deepEqual((await row.locator('td').allTextContents()).map((text) => text.trim()), ['—', '—', '—']);
    assert.equal(await row.locator('abbr.withheld').first().getAttribute('title'),
      'Hidden: fewer employees than the minimum group size, so that no one can be singled out.');
    // The region minus its other stores would give the kiosk's figures: the smallest other store is hidden too,
    // and says why.
    assert.equal(kiosk.hiddenReason, 'SMALL_GROUP');
    const beside = indicators.children.filter((c) => c.hiddenReason === 'COMPLEMENTARY');
    assert.equal(beside.length, 1, 'one store hidden beside the kiosk');
    assert.equal(beside[0].hidden, true);
    const smallest = Math.min(...indicators.children.filter((c) => c.unitId !== 'e2e-kiosk').map((c) => c.activeEmployees));
    assert.equal(beside[0].activeEmployees, smallest);
    const besideRow = hq.page.locator('.children-table tbody tr', { hasText: beside[0].unitName });
    assert.ok(await besideRow.evaluate((tr) => tr.classList.contains('hidden-row')));
    assert.equal(await besideRow.locator('.hidden-badge').getAttribute('title'),
      'Hidden beside a smaller unit: shown, its figures would give the smaller unit’s by subtraction.');
    assert.deepEqual((await besideRow.locator('td').allTextContents()).map((text) => text.trim()), ['—', '—', '—']);
    await screenshot(hq.page, 'hq-region-hidden-store');
    assert.deepEqual(hq.problems, []);
  } finally {
    await hq.close();
  }
});

test('an administrator revokes a device and its token stops working', async () => {
  const hq = server.accounts.get('hq');
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ organization, username: hq.username, password: hq.password, deviceId: 'e2e-phone-1',
      deviceName: 'E2E test phone' }),
  });
  assert.equal(login.status, 200);
  const phoneToken = (await login.json()).token;
  assert.equal((await api(server, phoneToken, '/api/v1/me')).status, 200);
  const laptop = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ organization, username: hq.username, password: hq.password, deviceId: 'e2e-laptop-1',
      deviceName: 'E2E test laptop' }),
  });
  const laptopToken = (await laptop.json()).token;

  await page.click('.sections a[href^="#/admin"]');
  await page.click('.tabs a[href="#/admin/devices"]');
  const row = page.locator('.devices-table tbody tr', { hasText: 'E2E test phone' });
  await row.waitFor();
  await row.locator('button', { hasText: 'Revoke' }).click();
  await row.locator('button', { hasText: 'Revoke this device' }).click();
  await page.waitForSelector('.devices .success-panel');
  const revoked = page.locator('.devices-table tbody tr', { hasText: 'E2E test phone' });
  assert.equal((await revoked.locator('.badge').textContent()).trim(), 'Revoked');
  assert.equal((await api(server, phoneToken, '/api/v1/me')).status, 401);
  // The device alone: its user stays signed in elsewhere.
  assert.equal((await api(server, laptopToken, '/api/v1/me')).status, 200);
  // The admin's own browser is listed and still signed in.
  assert.equal((await api(server, await tokenOf(page), '/api/v1/me')).status, 200);
  await screenshot(page, 'admin-devices');
  assert.deepEqual(browser.problems, []);
});
