// The .vsix and its tools: vsce is a pinned devDependency run from node_modules (no download while
// packaging), it lists what .vscodeignore lets into the package, and the package's README is the
// users' page (README.user.md: every command and setting, no contributor set-up).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const userReadme = fs.readFileSync(path.join(ROOT, 'README.user.md'), 'utf8');

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
    const { vsceOptions, writePackagedReadme } = await import(path.join(ROOT, 'scripts', 'package', 'readme.mjs'));
    const { stdout } = await promisify(execFile)(process.execPath, [VSCE, 'ls', ...vsceOptions(writePackagedReadme(ROOT), 'ls')], { cwd: ROOT, env: { ...process.env, npm_config_offline: 'true' } });
    const files = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    for (const f of ['package.json', 'package.nls.json', 'l10n/bundle.l10n.zh-cn.json', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    assert.ok(!files.includes('README.md'), 'the contributors\' README stays out');
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/') || f.endsWith('.ts')), files.join(', '));
  });

  test('README.user.md names every contributed command and setting', () => {
    const missing: string[] = [];
    for (const c of pkg.contributes.commands as { command: string; title: string }[]) {
      const title = nls[c.title.replace(/^%|%$/g, '')];
      if (!userReadme.includes(`**${title}**`)) missing.push(`${c.command} ("${title}")`);
    }
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      if (!userReadme.includes(`\`${key}\``)) missing.push(key);
    }
    assert.deepEqual(missing, []);
  });

  test('README.user.md is for users: no contributor set-up, benchmarks or figures', () => {
    const headings = [...userReadme.matchAll(/^#{1,6} (.*)$/gm)].map((m) => m[1]);
    for (const h of headings) assert.doesNotMatch(h, /develop|contribut|build|performance|benchmark|reliability|fuzz|quick start|test/i, h);
    for (const phrase of [/npm (install|start|test|run|ci)\b/, /DEVELOPERS\.md/, /scripts\//, /\bbench\b/, /\bCI\b/]) assert.doesNotMatch(userReadme, phrase);
    for (const m of userReadme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(ROOT, m[1])), `${m[1]} exists`);
  });

  test('the .vsix carries README.user.md (without its screenshots) as its README, and no README.md', async function () {
    this.timeout(60000);
    const { packagedReadme, vsceOptions, writePackagedReadme } = await import(path.join(ROOT, 'scripts', 'package', 'readme.mjs'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
    try {
      const vsix = path.join(dir, 'test.vsix');
      await promisify(execFile)(process.execPath, [VSCE, 'package', ...vsceOptions(writePackagedReadme(ROOT)), '--skip-license', '-o', vsix], { cwd: ROOT });
      const entries = (await promisify(execFile)('unzip', ['-Z1', vsix])).stdout.split('\n').filter(Boolean);
      // The rule pages' own index files (docs/rules/*/README.md) are pages, not the package's README.
      assert.deepEqual(entries.filter((e) => /^extension\/[^/]*readme/i.test(e)), ['extension/readme.md']);
      const readme = (await promisify(execFile)('unzip', ['-p', vsix, 'extension/readme.md'], { maxBuffer: 1 << 24 })).stdout;
      assert.equal(readme, packagedReadme(userReadme));
      assert.match(readme, /^# VOD Timeline\n/);
      assert.doesNotMatch(readme, /!\[/, 'no image VS Code could not show');
      assert.ok(!entries.some((e) => e.includes('screenshots')), 'no screenshots in the package');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
