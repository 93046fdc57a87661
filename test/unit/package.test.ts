// The .vsix and its tools: vsce is a pinned devDependency run from node_modules (no download while
// packaging), and it lists what .vscodeignore lets into the package.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

suite('package (.vsix)', () => {
  test('@vscode/vsce is an exactly pinned devDependency, and scripts/package.mjs runs the installed one', () => {
    const pinned: string = pkg.devDependencies['@vscode/vsce'];
    assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version');
    assert.equal(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'package.json'), 'utf8')).version, pinned, 'node_modules has that version');
    const script = fs.readFileSync(path.join(ROOT, 'scripts', 'package.mjs'), 'utf8');
    assert.doesNotMatch(script.replace(/^\s*\/\/.*$/gm, ''), /\bnpx\b/, 'no npx download');
    assert.match(script, /'@vscode\/vsce\/package\.json'/);
  });

  test('the installed vsce lists the allowlisted files, offline', async function () {
    this.timeout(60000);
    const { stdout } = await promisify(execFile)(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, env: { ...process.env, npm_config_offline: 'true' } });
    const files = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    for (const f of ['package.json', 'README.md', 'package.nls.json', 'l10n/bundle.l10n.zh-cn.json']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/') || f.endsWith('.ts')), files.join(', '));
  });
});
