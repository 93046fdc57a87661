// The `nvim` stage of `npm test`: the language server in Neovim from the OS packages (0.7 on Debian
// 12), headless, set up with the README's own Neovim 0.7 snippet (the lua block after the
// `<!-- nvim-0.7 -->` marker, with the checkout's path put in), driving a real file through
// test/nvim/suite.lua. Prints "nvim: plan: N tests" first and "P passed, F failed, N not run" last.
//   --plan   print the plan and exit
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const here = path.join(root, 'test', 'nvim');
const suite = fs.readFileSync(path.join(here, 'suite.lua'), 'utf8');
const planned = (suite.match(/^check\(/gm) ?? []).length;
console.log(`nvim: plan: ${planned} tests`);
if (process.argv.includes('--plan')) process.exit(0);

const LIMIT_MS = 120_000;
let passed = 0;
let failed = 0;
let ran = 0;
const finish = (extra = []) => {
  for (const l of extra) console.log(`nvim: ${l}`);
  console.log(`${passed} passed, ${failed} failed, ${planned - ran} not run`);
  process.exit(failed || planned - ran ? 1 : 0);
};

// Neovim comes with the host's packages (scripts/host/setup.sh installs what versions.json lists).
const { ensureHost } = await import(pathToFileURL(path.join(root, 'scripts/host/ensure.mjs')).href);
const notReady = ensureHost({ log: (s) => console.log(`nvim: ${s}`) });
if (notReady) finish([notReady]);

/** The README's Neovim 0.7 snippet, pointed at this checkout. */
function readmeSnippet() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = /<!-- nvim-0\.7 -->\s*```lua\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no ```lua block after <!-- nvim-0.7 -->');
  if (!m[1].includes('/path/to/vod-timeline')) throw new Error('the README snippet no longer names /path/to/vod-timeline');
  return m[1].replaceAll('/path/to/vod-timeline', root);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtn-'));
try {
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
  fs.writeFileSync(path.join(dir, 'init.lua'), readmeSnippet());
  const reportFile = path.join(dir, 'report.txt');
  const version = await new Promise((resolve) => {
    const p = spawn('nvim', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', () => resolve(undefined));
    p.on('close', () => resolve(out.split('\n')[0]));
  });
  if (!version) finish(['nvim is not installed (scripts/host/setup.sh installs it with apt)']);
  console.log(`nvim: ${version}`);
  const child = spawn('nvim', ['--headless', '--clean', '-u', path.join(dir, 'init.lua'), 'sample.timeline.json', '-c', `luafile ${path.join(here, 'suite.lua')}`], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VOD_TIMELINE_NVIM_REPORT: reportFile, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'), XDG_STATE_HOME: path.join(dir, 'state'), XDG_CACHE_HOME: path.join(dir, 'cache') },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('timeout'); }, LIMIT_MS);
    child.on('close', (c, s) => { clearTimeout(timer); resolve(c ?? s); });
  });
  const lines = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8').split('\n').filter(Boolean) : [];
  for (const l of lines) {
    ran++;
    if (l.startsWith('ok ')) passed++;
    else failed++;
    console.log(`nvim: ${l}`);
  }
  const notes = [];
  if (code === 'timeout') notes.push(`Neovim did not finish in ${LIMIT_MS / 1000} s`);
  else if (code !== 0) notes.push(`Neovim exited with ${code}`);
  if (stderr.trim()) notes.push(`stderr: ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
  if (notes.length && !failed && ran === planned) failed++;
  finish(notes);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
