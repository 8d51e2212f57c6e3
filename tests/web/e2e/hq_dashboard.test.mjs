// Head office in the dashboard: sign in, keyboard sorting, open a store from the navigator, tiles equal to
// /api/v1/indicators, the CSV of what is on screen, French, a tablet, sign out.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import {
  api, expectedDelta, expectedRate, launchBrowser, screenshot, signIn, startServer, tokenOf, waitForUnit,
} from './harness.mjs';

let server;
let browser;
let page;
let units;   // every unit, as head office sees them
let store;   // the store the tests open
const indicatorRequests = [];

const tileMetrics = ['transformationRate', 'deploymentRate', 'activeManagerRate', 'coverage'];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/indicators') indicatorRequests.push(request.url());
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('hq signs in and sees the organisation in charts', async () => {
  await signIn(page, server, 'hq');
  const response = await api(server, await tokenOf(page), '/api/v1/units');
  assert.equal(response.status, 200);
  units = (await response.json()).units;
  const root = units.find((u) => !u.parentId);
  await waitForUnit(page, root.id);
  assert.equal(await page.textContent('.page-header h1 .kind-tag'), 'Organisation');
  assert.equal(await page.locator('.tile').count(), 4);
  for (const id of ['mastery', 'curve', 'heatmap']) {
    await page.waitForSelector(`#card-${id} .chart[data-chart-ready="true"] canvas`);
  }
  // The demo's KPIs are per store: the organisation's own page compares its stores (not its regions, which carry
  // none), with the n the server computes, and "Compare" switches to regions, which pair nothing.
  await page.waitForSelector('#control-kpi-compare');
  assert.equal(await page.inputValue('#control-kpi-compare'), 'STORE');
  const metric = await page.inputValue('#control-kpi-metric');
  const kpi = await (await api(server, await tokenOf(page), `/api/v1/indicators/kpi?metric=${metric}`)).json();
  assert.equal(kpi.unitKind, 'STORE');
  assert.ok(kpi.n > 0, `the stores' pairs: ${kpi.n}`);
  await page.waitForFunction((n) => document.querySelector('.kpi-stat[data-stat="n"] dd')?.textContent === n,
    kpi.n.toLocaleString('en'));
  await page.waitForSelector('#card-kpi .chart[data-chart-ready="true"] canvas');
  await page.selectOption('#control-kpi-compare', 'REGION');
  await page.waitForFunction(() => document.querySelector('#card-kpi .empty')?.textContent
    .startsWith('No unit of the kind compared'));
  assert.equal(new URL(page.url()).hash.includes('compare=REGION'), true);
  await page.selectOption('#control-kpi-compare', 'STORE');
  await page.waitForSelector('#card-kpi .chart[data-chart-ready="true"] canvas');
  // Tooltips are built from CSS classes (the CSP refuses ECharts' inline-styled default): hovering shows one.
  const curve = await page.locator('#card-curve .chart').boundingBox();
  await page.mouse.move(curve.x + curve.width * 0.6, curve.y + curve.height * 0.6);
  await page.locator('.chart-tooltip .tt-title').waitFor({ state: 'visible' });
  assert.match(await page.textContent('.chart-tooltip .tt-title'), /^\d{4}-W\d{2} · /);
  await page.mouse.move(0, 0);
  await screenshot(page, 'hq-organisation');
  assert.deepEqual(browser.problems, []);
});

test('the managers table sorts with the keyboard', async () => {
  const button = page.locator('.managers-table button[data-sort-key="observations"]');
  const header = page.locator('.managers-table th', { has: page.locator('button[data-sort-key="observations"]') });
  const column = async () => (await page.locator('.managers-table tbody tr td:nth-of-type(1)').allTextContents())
    .map((text) => Number(text.replace(/[^\d]/g, '')));
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const descending = await column();
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a));
  await page.keyboard.press('Space');
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const ascending = await column();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
  assert.ok(ascending.length > 1, 'the organisation has managers');
});

test('hq opens a store from the navigator and the tiles show exactly what /api/v1/indicators returns', async () => {
  const region = units.find((u) => u.kind === 'REGION');
  store = units.find((u) => u.kind === 'STORE' && u.parentId === region.id);
  await page.click(`.unit-tree button[aria-controls="units-of-${region.id.replace(/[^A-Za-z0-9_-]/g, '_')}"]`);
  indicatorRequests.length = 0;
  await page.click(`.unit-link[data-unit-id="${store.id}"]`);
  await waitForUnit(page, store.id);

  const crumbs = await page.locator('.breadcrumbs li').allTextContents();
  assert.deepEqual(crumbs, [units.find((u) => !u.parentId).name, region.name, store.name]);
  assert.equal(await page.getAttribute(`.unit-link[data-unit-id="${store.id}"]`, 'aria-current'), 'page');

  // The page asked for the period on screen and the one before; the later `at` is the current one.
  const mine = indicatorRequests.map((url) => new URL(url))
    .filter((url) => url.searchParams.get('unitId') === store.id)
    .sort((a, b) => a.searchParams.get('at').localeCompare(b.searchParams.get('at')));
  assert.equal(mine.length, 2, `indicator requests: ${indicatorRequests.join(', ')}`);
  const [previousUrl, currentUrl] = mine;
  const token = await tokenOf(page);
  const current = await (await api(server, token, currentUrl.pathname + currentUrl.search)).json();
  const previous = await (await api(server, token, previousUrl.pathname + previousUrl.search)).json();
  assert.equal(current.unitId, store.id);

  for (const metric of tileMetrics) {
    const tile = page.locator(`.tile[data-metric="${metric}"]`);
    assert.equal((await tile.locator('.tile-value').textContent()).trim(), expectedRate(current[metric] ?? null),
      `${metric} value`);
    const delta = expectedDelta(current[metric] ?? null, previous[metric] ?? null);
    if (delta === null) {
      assert.equal(await tile.locator('.delta-value').count(), 0, `${metric} has no change`);
    } else {
      assert.equal(await tile.locator('.delta-value').textContent(), delta, `${metric} change`);
    }
  }
  const details = await page.locator('.tile-detail').allTextContents();
  const dimensions = current.dimensions ?? [];
  const sum = (field) => dimensions.reduce((total, d) => total + (d[field] ?? 0), 0);
  assert.match(details[0], new RegExp(`^${sum('mastered')} of ${sum('assessed')} assessed pairs? mastered$`));
  assert.match(details[1], new RegExp(`^${current.accompaniedEmployees ?? 0} of ${current.activeEmployees ?? 0} `));
  assert.match(details[3], new RegExp(`^${current.assessedEmployees ?? 0} of ${current.activeEmployees ?? 0} `));
  const count = async (name) => page.textContent(`.count[data-count="${name}"] dd`);
  assert.equal(await count('observations'), String(current.observations ?? 0));
  assert.equal(await count('activities'), String(current.activities ?? 0));

  // Sub-units the server hides (minGroupSize) stay listed and are marked, with no figure.
  for (const child of current.children ?? []) {
    const row = page.locator('.children-table tbody tr', { hasText: child.unitName });
    assert.equal(await row.count(), 1, `row of ${child.unitName}`);
    assert.equal(await row.locator('.hidden-badge').count(), child.hidden ? 1 : 0, `${child.unitName} hidden mark`);
    if (!child.hidden) {
      assert.equal((await row.locator('td').first().textContent()).trim(), expectedRate(child.transformationRate ?? null));
    }
  }
  await screenshot(page, 'hq-store');
  assert.deepEqual(browser.problems, []);
});

test('hq downloads the CSV of the store on screen', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const bytes = await readFile(await download.path());
  const text = bytes.toString('utf8');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n/).filter(Boolean);
  assert.equal(lines[0], 'unitId,unitName,unitKind,parentId,dimensionId,dimensionName,masteryRate,coverage,assessed,' +
    'mastered,averageLevel,transformationRate,deploymentRate,activeEmployees,hidden,hiddenReason');
  const subtree = new Set([store.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const unit of units) {
      if (subtree.has(unit.parentId) && !subtree.has(unit.id)) {
        subtree.add(unit.id);
        grew = true;
      }
    }
  }
  const rows = lines.slice(1).map((line) => line.split(','));
  assert.ok(rows.length >= subtree.size, `${rows.length} rows for ${subtree.size} units`);
  assert.ok(rows.every((row) => subtree.has(row[0])), 'every row is about the store or a unit below it');
  assert.ok(rows.some((row) => row[0] === store.id), 'the store itself has rows');

  // Byte for byte what the API exports for the same unit and dates.
  const url = new URL(indicatorRequests.map((u) => new URL(u)).filter((u) => u.searchParams.get('unitId') === store.id)
    .sort((a, b) => b.searchParams.get('at').localeCompare(a.searchParams.get('at')))[0]);
  const exported = await api(server, await tokenOf(page), `/api/v1/indicators/export.csv${url.search}`,
    { headers: { Accept: 'text/csv' } });
  assert.equal(exported.status, 200);
  assert.ok(bytes.equals(Buffer.from(await exported.arrayBuffer())), 'the file is the API\'s export, byte for byte');
  assert.equal(bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'a UTF-8 BOM, for Excel');
  assert.match(download.suggestedFilename(), /\.csv$/);
});

test('the dashboard reads in French', async () => {
  await page.click('.topbar .language-button[lang="fr"]');
  await waitForUnit(page, store.id);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('.tile[data-metric="transformationRate"] .tile-label'), 'Taux de transformation');
  const value = (await page.textContent('.tile[data-metric="transformationRate"] .tile-value')).trim();
  assert.ok(value === '—' || /^\d{1,3},\d[\u00a0\u202f]%$/.test(value), `French percentage: ${value}`);
  await screenshot(page, 'hq-store-fr');
  await page.click('.topbar .language-button[lang="en"]');
  await waitForUnit(page, store.id);
  assert.equal(await page.textContent('.tile[data-metric="transformationRate"] .tile-label'), 'Transformation rate');
});

test('on a tablet the navigator opens from the menu button', async () => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const menu = page.locator('.menu-button');
  assert.ok(await menu.isVisible());
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.locator('#sidebar .unit-link[aria-current="page"]').waitFor({ state: 'visible' });
  await page.waitForTimeout(300);  // the drawer's slide-in, for the screenshot only
  await screenshot(page, 'hq-tablet-navigator', { fullPage: false });
  await page.keyboard.press('Enter');
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test('hq signs out and the token stops working', async () => {
  const token = await tokenOf(page);
  assert.ok(token);
  await page.click('.topbar .signout');
  await page.waitForSelector('form.signin-form');
  assert.equal(await tokenOf(page), null);
  assert.ok(!page.url().includes(token), 'the token never appears in the address');
  const me = await api(server, token, '/api/v1/me');
  assert.equal(me.status, 401);
  await screenshot(page, 'hq-signed-out');
  assert.deepEqual(browser.problems, []);
});
