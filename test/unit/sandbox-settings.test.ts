// `npm start`'s user settings: the sandbox opens without an empty secondary side bar, without Git's
// prompt about the repository its folder sits in, and without the auto-forwarded-ports notice. Each
// setting is checked against the pinned code-server's own configuration schema (the key exists and
// takes the value written), so a host upgrade that renames one fails here instead of quietly bringing
// the clutter back. Skipped where the host is not installed (scripts/host/setup.sh).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const versions = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'host', 'versions.json'), 'utf8'));
const cache = process.env.VOD_TIMELINE_HOST_CACHE || path.join(os.homedir(), '.cache', 'vod-timeline-host');
const vscodeDir = path.join(cache, `code-server-${versions.codeServer}`, 'node_modules', 'code-server', 'lib', 'vscode');

/** The literal value start.mjs writes for `key` in the sandbox's settings.json. */
function sandboxValue(key: string): string | undefined {
  const src = fs.readFileSync(path.join(ROOT, 'scripts', 'start.mjs'), 'utf8');
  return src.match(new RegExp(`'${key.replace(/\./g, '\\.')}':\\s*('[^']*'|true|false)`))?.[1].replace(/'/g, '');
}

suite('npm start: sandbox settings', () => {
  test('start.mjs hides the secondary side bar, Git\'s parent-repository prompt and the port notice', () => {
    assert.equal(sandboxValue('workbench.secondarySideBar.defaultVisibility'), 'hidden');
    assert.equal(sandboxValue('git.openRepositoryInParentFolders'), 'never');
    assert.equal(sandboxValue('remote.autoForwardPorts'), 'false');
  });

  test(`code-server ${versions.codeServer} knows those settings and values`, function () {
    const workbench = path.join(vscodeDir, 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
    if (!fs.existsSync(workbench)) this.skip();
    const js = fs.readFileSync(workbench, 'utf8');
    const side = js.match(/"workbench\.secondarySideBar\.defaultVisibility":\{type:"string",enum:\[([^\]]*)\]/);
    assert.ok(side, 'workbench.secondarySideBar.defaultVisibility is a setting');
    assert.ok(side[1].split(',').includes('"hidden"'), side[1]);
    assert.match(js, /"remote\.autoForwardPorts":\{type:"boolean"/);
    const git = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'extensions', 'git', 'package.json'), 'utf8'));
    const props = [git.contributes.configuration].flat().reduce((all: Record<string, { enum?: string[] }>, c: { properties?: Record<string, { enum?: string[] }> }) => ({ ...all, ...c.properties }), {});
    assert.ok(props['git.openRepositoryInParentFolders']?.enum?.includes('never'), JSON.stringify(props['git.openRepositoryInParentFolders']));
  });
});
