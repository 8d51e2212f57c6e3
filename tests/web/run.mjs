#!/usr/bin/env node
// Runs dashboard browser tests with node's test runner against a real floorwalk-server.
//
//   node run.mjs --server build/server/floorwalk-server --web build/web --modules DIR/node_modules \
//                --screenshots DIR  e2e/hq_dashboard.test.mjs [...]
//
// Each test file starts its own server on a fresh demo data folder and its own Chromium (Debian's, never a
// downloaded one); the paths reach the files through the environment.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const options = { files: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  const name = argv[i];
  if (['--server', '--web', '--modules', '--screenshots', '--chromium'].includes(name)) {
    options[name.slice(2)] = argv[i + 1];
    i += 1;
  } else {
    options.files.push(argv[i]);
  }
}
const fail = (message) => {
  console.error(`run.mjs: ${message}`);
  process.exit(2);
};
if (!options.server || !options.web || !options.modules || !options.screenshots || !options.files.length) {
  fail('usage: node run.mjs --server BIN --web DIR --modules DIR --screenshots DIR [--chromium BIN] FILE...');
}
const chromium = options.chromium ?? process.env.FLOORWALK_CHROMIUM ?? '/usr/bin/chromium';
for (const [what, path] of [['server', options.server], ['web root', `${options.web}/index.html`],
  ['playwright-core', `${options.modules}/playwright-core`], ['chromium', chromium]]) {
  if (!existsSync(path)) fail(`no ${what} at ${path}`);
}
mkdirSync(options.screenshots, { recursive: true });

const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...options.files.map((f) => resolve(f))], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FLOORWALK_SERVER: resolve(options.server),
    FLOORWALK_WEB_ROOT: resolve(options.web),
    FLOORWALK_NODE_MODULES: resolve(options.modules),
    FLOORWALK_SCREENSHOTS: resolve(options.screenshots),
    FLOORWALK_CHROMIUM: chromium,
  },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
