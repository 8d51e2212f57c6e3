// What every browser test needs: a real floorwalk-server on a fresh demo data folder (loopback, port 0), Debian's
// Chromium driven by playwright-core, sign-in, screenshots, and a watch for Content-Security-Policy violations and
// uncaught page errors (a test fails on any).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through tests/web/run.mjs (ctest does)`);
  return value;
};
const require = createRequire(join(env('FLOORWALK_NODE_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

export const organization = 'demo';
const startTimeoutMs = 60_000;

// Creates the demo organisation in a temporary folder and serves it with the built dashboard.
export async function startServer() {
  const binary = env('FLOORWALK_SERVER');
  const dataDir = mkdtempSync(join(tmpdir(), 'floorwalk-web-test-'));
  const demo = spawnSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8', timeout: startTimeoutMs });
  if (demo.status !== 0) {
    throw new Error(`floorwalk-server demo failed (${demo.status ?? demo.signal}): ${demo.stderr}${demo.stdout}`);
  }
  const accounts = parseAccounts(demo.stdout);

  const server = spawn(binary, ['serve', '--data', dataDir, '--listen', '127.0.0.1:0',
    '--web', env('FLOORWALK_WEB_ROOT')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-20_000);
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not report its address in ${startTimeoutMs} ms:\n${log}`)),
      startTimeoutMs);
    const lines = createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      const match = /^floorwalk-server listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${log}`));
    });
  });

  return {
    url,
    accounts,
    dataDir,
    log: () => log,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The demo prints its accounts as "  <username>  <password>  <ROLE>  <description>" lines; returns them by username.
export function parseAccounts(text) {
  const accounts = new Map();
  for (const line of text.split('\n')) {
    const match = /^\s+(\S+)\s+(\S+)\s+(MANAGER|DIRECTOR|HQ|ADMIN)\s+(.*?)\s*$/.exec(line);
    if (match) {
      accounts.set(match[1], { username: match[1], password: match[2], role: match[3], description: match[4] });
    }
  }
  if (!accounts.size) throw new Error(`no demo account in the demo's output:\n${text}`);
  return accounts;
}

// A fresh browser profile; `problems` collects CSP violations and uncaught errors of every page.
export async function launchBrowser({ viewport = { width: 1440, height: 1000 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'floorwalk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env('FLOORWALK_CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const problems = [];
  const watch = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? await context.newPage();
  watch(page);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page, server, username) {
  const account = server.accounts.get(username);
  if (!account) throw new Error(`the demo has no account ${username}: ${[...server.accounts.keys()].join(', ')}`);
  await page.goto(`${server.url}/`);
  await page.fill('#signin-organization', organization);
  await page.fill('#signin-username', account.username);
  await page.fill('#signin-password', account.password);
  await page.click('form.signin-form button[type=submit]');
  await page.waitForSelector('.topbar');
}

// The token the page keeps (sessionStorage), to call the API as the page does.
export async function tokenOf(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('floorwalk.session') ?? 'null')?.token ?? null);
}

export async function api(server, token, path, init = {}) {
  const response = await fetch(`${server.url}${path}`, {
    ...init, headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  return response;
}

// The whole page by default; `fullPage: false` keeps what the viewport shows (a drawer over the page).
export async function screenshot(page, name, { fullPage = true } = {}) {
  const path = join(env('FLOORWALK_SCREENSHOTS'), `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

// Waits until the dashboard shows `unitId` with its figures loaded.
export async function waitForUnit(page, unitId) {
  await page.waitForSelector(`.dashboard[data-loaded-unit="${cssEscape(unitId)}"]`);
  await page.waitForSelector('#content[aria-busy="false"]');
}

export function cssEscape(text) {
  return String(text).replace(/["\\]/g, '\\$&');
}

// Percent with one decimal as an en-GB reader sees it; written here independently of the dashboard's code.
export function expectedRate(value) {
  if (value === null || value === undefined) return '—';
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export function expectedDelta(current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const points = Math.round((current - previous) * 1000) / 10;
  const text = Math.abs(points).toFixed(1);
  return `${points > 0 ? '+' : points < 0 ? '-' : ''}${text} pts`;
}
