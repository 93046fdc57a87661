// `npm run fuzz` at a small size (the run by hand is 100,000 documents): 300 mutated documents through
// every feature of the language service, then malformed LSP messages and mutated documents through the
// built server. No exception may escape, no call may hang, and the server must keep answering.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--expose-gc', path.join(root, 'scripts', 'fuzz.mjs'), ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

suite('robustness: fuzz (small)', function () {
  this.timeout(300_000);

  test('300 documents and 40 malformed LSP messages: 0 crashes, 0 hangs, the server keeps answering', async () => {
    const { code, stdout, stderr } = await run(['--count', '300', '--seed', 'unit', '--lsp-messages', '40', '--lsp-docs', '10', '--findings', path.join(root, 'artifacts', 'fuzz-unit')]);
    const lines = stdout.trim().split('\n');
    const last = lines[lines.length - 1];
    assert.match(last, /^fuzz: (clean|FAILED \(.+\)): 300 documents, \d+ crash(es)?/, `${stdout}\n${stderr}`);
    assert.match(last, /^fuzz: clean: 300 documents, 0 crashes \(0 contained rule exceptions\), 0 hangs, 0 out-of-range; LSP 0 unanswered probes after a resync, 0 slow requests, 0 unanswered requests, 0 rule exceptions, server alive; peak RSS \d+ MB; exit 0$/, stdout);
    const lsp = lines.find((l) => l.startsWith('lsp: '));
    assert.ok(lsp, stdout);
    assert.match(lsp, /40 malformed messages/);
    assert.match(lsp, /, 0 unanswered well-formed probes after a resync,/, stdout);
    assert.match(lsp, /server alive/, stdout);
    assert.match(lsp, /, 0 over 1000 ms twice/, stdout);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
  });
});
