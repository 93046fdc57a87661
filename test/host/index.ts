// extensionTestsPath entry: the extension host require()s this bundle and calls run(); a rejection makes
// the host exit non-zero. Mocha's own output reaches the code-server browser console only as raw `%c`
// format strings, so the runner writes a JSON report that scripts/host/run.mjs reads and counts.
//   VOD_TIMELINE_HOST_REPORT  report path (default: mocha-report.json next to this bundle)
//   VOD_TIMELINE_HOST_GREP    run only tests whose full title matches this regular expression
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Port 9 (discard) on loopback: nothing listens there, so every request fails at once. */
const CLOSED_LOOPBACK_ENDPOINT = 'http://127.0.0.1:9';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  /** When it started (ISO): the loopback guard's log has times too, so an attempt can be placed. */
  startedAt?: string;
  error?: string;
}

export async function run(): Promise<void> {
  // The runner's loopback-only guard (test/host/loopback-only.cjs) reaches the extension host through
  // code-server's --require (VS Code drops NODE_OPTIONS there); the report says whether it did, and the
  // runner fails a run where it did not. Required here too, so the tests never run unguarded.
  const preloaded = (globalThis as Record<symbol, { preloaded?: boolean } | undefined>)[Symbol.for('vod-timeline.loopback-guard')];
  const loopbackGuard = preloaded?.preloaded ? 'preloaded' : preloaded ? 'required before the tests' : process.env.VOD_TIMELINE_LOOPBACK_GUARD ? 'required by the tests' : 'none';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path the runner names at run time
  if (process.env.VOD_TIMELINE_LOOPBACK_GUARD) require(process.env.VOD_TIMELINE_LOOPBACK_GUARD);
  // Every suite starts from an endpoint on a closed loopback port, and puts back the one it found. When
  // that was the default, a suite's teardown put the real VOD back while the extension still held the
  // credentials the suite had given it through the environment, and its media library asked VOD: the
  // loopback guard caught it after the upload suite (last stop) and after the security suite (this one,
  // placed by the times in the guard's log and this report).
  await vscode.workspace.getConfiguration('vodTimeline').update('endpoint', CLOSED_LOOPBACK_ENDPOINT, vscode.ConfigurationTarget.Global);
  const reportPath = process.env.VOD_TIMELINE_HOST_REPORT || path.join(__dirname, 'mocha-report.json');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: 'spec' });
  if (process.env.VOD_TIMELINE_HOST_GREP) mocha.grep(new RegExp(process.env.VOD_TIMELINE_HOST_GREP));

  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }

  const tests: TestRecord[] = [];
  const started = new Map<string, string>();
  const report = () => ({
    hooks: Object.fromEntries([...started].filter(([k]) => k.startsWith('hook: '))),
    host: {
      vscode: vscode.version,
      appName: vscode.env.appName,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      remoteName: vscode.env.remoteName ?? null,
      language: vscode.env.language,
      node: process.version,
      pid: process.pid,
      loopbackGuard,
    },
    grep: process.env.VOD_TIMELINE_HOST_GREP ?? null,
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    finished: new Date().toISOString(),
  });
  // Written before the run too, so a host that dies mid-run still leaves the host facts behind.
  const write = () => {
    fs.mkdirSync(path.dirname(reportPath), { recursive: true });
    fs.writeFileSync(reportPath, JSON.stringify(report(), null, 2) + '\n');
  };
  write();

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('test', (t) => started.set(t.fullTitle(), new Date().toISOString()));
    runner.on('hook', (h) => started.set(`hook: ${h.fullTitle()}`, new Date().toISOString()));
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration, startedAt: started.get(t.fullTitle()) }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err: Error) => {
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, startedAt: started.get(t.fullTitle()), error: String(err?.stack ?? err) });
    });
    runner.on('test end', write);
  });
  write();
  console.log(`host integration: ${report().passed} passed, ${report().failed} failed`);
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}
