// The layer and protocol rules of eslint.config.mjs catch what they exist for: deliberate violations,
// linted as if they were files of the project, must be reported (and their clean twins must not).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');
let eslint: ESLint;

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

suite('lint: one protocol, pure layers', function () {
  this.timeout(60000);
  suiteSetup(() => { eslint = new ESLint({ cwd: root }); });

  test('a client file may not redeclare a protocol type by name', async () => {
    const found = await problems('client/src/probe.ts', 'export interface CloudMediaResult { available: boolean }\n');
    assert.ok(found.some((m) => /local\/no-protocol-copies: "CloudMediaResult" is a protocol type/.test(m)), found.join('\n'));
  });

  test('…nor copy one under another name (same properties)', async () => {
    const copy = 'export interface MyClip { index: number; range: unknown; mediaId?: string; type?: string; text?: string; sourceIn: number; sourceOut: number | null; start: number | null; end: number | null; implicitStart: boolean; implicitEnd: boolean; speed: number; transition: number }\n';
    const found = await problems('cli/src/probe.ts', copy);
    assert.ok(found.some((m) => /copy of LayoutClip/.test(m)), found.join('\n'));
    assert.deepEqual(await problems('cli/src/probe.ts', 'export interface MyClip { index: number; label: string; speed: number }\n'), []);
  });

  test('a vodTimeline/* message is never sent or handled by its name', async () => {
    const code = "declare const client: { sendRequest(m: string, p: unknown): void; onRequest(m: string, h: unknown): void };\nclient.sendRequest('vodTimeline/summary', {});\nclient.onRequest('vodTimeline/media', () => null);\nclient.sendRequest('workspace/configuration', {});\n";
    const found = (await problems('client/src/probe.ts', code)).filter((m) => m.startsWith('no-restricted-syntax'));
    assert.equal(found.length, 2, found.join('\n'));
  });

  test('pure modules may not import vscode', async () => {
    for (const file of ['client/src/vod/probe.ts', 'client/src/vod/history/probe.ts', 'client/src/vod/catalog/probe.ts', 'client/src/preview/webview/probe.ts', 'cli/src/probe.ts', 'server/src/service/probe.ts']) {
      const found = await problems(file, "import * as vscode from 'vscode';\nexport const x = vscode;\n");
      assert.ok(found.some((m) => m.startsWith('no-restricted-imports')), `${file}: ${found.join('\n')}`);
    }
    // The extension's wiring may.
    assert.deepEqual((await problems('client/src/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).filter((m) => m.startsWith('no-restricted-imports')), []);
  });
});
