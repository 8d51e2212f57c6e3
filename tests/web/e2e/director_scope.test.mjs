// A director reads his region's subtree only: the navigator offers nothing else, and a unit of another region
// forced through the address gets the server's 403 as a clear message, not figures.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, launchBrowser, organization, screenshot, signIn, startServer, tokenOf, waitForUnit } from './harness.mjs';

let server;
let browser;
let page;
let director;   // the demo account
let allUnits;   // as head office sees them
const kpiRequests = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/indicators/kpi') kpiRequests.push(url);
  });
  director = [...server.accounts.values()].find((a) => a.role === 'DIRECTOR');
  assert.ok(director, `a director among ${[...server.accounts.keys()].join(', ')}`);
  const hq = server.accounts.get('hq');
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ organization, username: hq.username, password: hq.password, deviceId: 'director-test',
      deviceName: 'director test' }),
  });
  assert.equal(login.status, 200);
  allUnits = (await (await api(server, (await login.json()).token, '/api/v1/units')).json()).units;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function subtreeOf(roots) {
  const ids = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const unit of allUnits) {
      if (ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

test('a director sees only his region in the navigator', async () => {
  await signIn(page, server, director.username);
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem('floorwalk.session')));
  assert.equal(session.user.role, 'DIRECTOR');
  const readable = subtreeOf(session.user.unitIds);
  const home = session.user.unitIds[0];
  await waitForUnit(page, home);

  // Expand every branch, then every link must lie in his subtree.
  for (let round = 0; round < 5; round += 1) {
    const closed = page.locator('.unit-tree button[aria-expanded="false"]');
    if (await closed.count() === 0) break;
    for (const toggle of await closed.all()) await toggle.click();
  }
  const linked = await page.locator('.unit-tree .unit-link').evaluateAll((links) => links.map((a) => a.dataset.unitId));
  assert.ok(linked.length > 1);
  assert.deepEqual(new Set(linked), readable);
  // The organisation is in the breadcrumbs for context, but not as a link.
  const root = allUnits.find((u) => !u.parentId);
  assert.equal(await page.locator('.breadcrumbs a', { hasText: root.name }).count(), 0);
  assert.equal(await page.locator('.breadcrumbs li', { hasText: root.name }).count(), 1);

  // His region's stores have the demo's monthly KPIs: the scatter shows, with the server's r, ρ and n for the
  // very request the page made.
  await page.waitForSelector('#card-kpi .chart[data-chart-ready="true"] canvas');
  const metric = await page.inputValue('#control-kpi-metric');
  const asked = kpiRequests.filter((url) => url.searchParams.get('metric') === metric).at(-1);
  assert.ok(asked, `a KPI request for ${metric}: ${kpiRequests.join(', ')}`);
  const expected = await (await api(server, await tokenOf(page), asked.pathname + asked.search)).json();
  assert.ok(expected.n > 0, 'the demo has KPI pairs for the region\'s stores');
  const shown = async (name) => (await page.textContent(`.kpi-stat[data-stat="${name}"] dd`)).trim();
  const coefficient = (value) => (value === null || value === undefined ? '—' : value.toFixed(2));
  assert.equal(await shown('n'), String(expected.n));
  assert.equal(await shown('pearson'), coefficient(expected.pearson ?? null));
  assert.equal(await shown('spearman'), coefficient(expected.spearman ?? null));
  await screenshot(page, 'director-region');
  assert.deepEqual(browser.problems, []);
});

test('a store of another region, forced through the address, shows the 403 message', async () => {
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem('floorwalk.session')));
  const readable = subtreeOf(session.user.unitIds);
  const outside = allUnits.find((u) => u.kind === 'STORE' && !readable.has(u.id));
  assert.ok(outside, 'the demo has a store outside the director\'s region');

  const direct = await api(server, await tokenOf(page), `/api/v1/indicators?unitId=${encodeURIComponent(outside.id)}`);
  assert.equal(direct.status, 403);

  await page.goto(`${server.url}/#/dashboard?unit=${encodeURIComponent(outside.id)}`);
  const panel = page.locator('.error-panel[data-status="403"]');
  await panel.waitFor();
  assert.equal(await panel.locator('h2').textContent(), 'You cannot see this unit');
  assert.equal(await page.locator('.tile').count(), 0, 'no figures are shown');
  assert.equal(await page.locator(`.unit-link[data-unit-id="${outside.id}"]`).count(), 0);
  assert.equal(await page.locator('#download-csv').count(), 0);
  await screenshot(page, 'director-forbidden');

  // The way back leads to his own region.
  await panel.locator('a.button').click();
  await waitForUnit(page, session.user.unitIds[0]);
  assert.deepEqual(browser.problems, []);
});
