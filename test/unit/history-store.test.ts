// FileHistoryStore against a real folder: format, caps, crash recovery, two writer processes, corrupt
// and unreadable files, stale locks, the folder watcher. This file is also the child process of the
// multi-process tests (HISTORY_CHILD=1): then it runs `child()` instead of defining suites.
import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NewSubmission } from '../../client/src/vod/history/model';
import {
  FileHistoryStore, capRequest, parseHistoryIndex, sanitizeEndpoint, truncateUtf8, type FileHistoryStoreOptions, type HistoryProblem,
} from '../../client/src/vod/history/store';

function submission(over: Partial<NewSubmission> = {}): NewSubmission {
  return {
    title: 'Launch cut', fileName: 'launch.timeline.json', documentUri: 'file:///w/launch.timeline.json', region: 'cn-shanghai',
    endpoint: 'vod.cn-shanghai.aliyuncs.com', mode: 'timeline', tracks: 1, clips: 2, status: 'submitting',
    request: { Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a"}]}]}', Title: 'Launch cut' },
    ...over,
  };
}

async function child(): Promise<void> {
  const file = process.env.HISTORY_FILE!;
  const count = Number(process.env.HISTORY_COUNT ?? '50');
  const label = process.env.HISTORY_LABEL ?? 'child';
  const store = await FileHistoryStore.open({ file, watch: false, maxEntries: 100_000, onProblem: (p) => process.send?.({ problem: p }) });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (let i = 0; i < count; i++) {
    const e = await store.add(submission({ title: `${label} ${i}`, status: 'producing', mediaId: `${label}-${i}` }));
    process.send?.({ ack: e.id });
  }
  await store.flush();
  process.send?.({ done: true }, () => process.exit(0));
}

function startChild(file: string, label: string, count: number): { proc: ChildProcess; acks: string[]; problems: HistoryProblem[]; done: Promise<void> } {
  const proc = fork(__filename, [], {
    execArgv: ['--require', 'tsx/cjs'],
    env: { ...process.env, HISTORY_CHILD: '1', HISTORY_FILE: file, HISTORY_COUNT: String(count), HISTORY_LABEL: label },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const acks: string[] = [];
  const problems: HistoryProblem[] = [];
  const done = new Promise<void>((resolve, reject) => {
    proc.on('message', (m: { ack?: string; problem?: HistoryProblem; done?: boolean }) => {
      if (m.ack) acks.push(m.ack);
      if (m.problem) problems.push(m.problem);
    });
    proc.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve() : reject(new Error(`${label} exited with ${code ?? signal}`))));
    proc.on('error', reject);
  });
  return { proc, acks, problems, done };
}

async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!predicate()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (process.env.HISTORY_CHILD) {
  void child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  suite('history store', () => {
    let dir: string;
    let file: string;
    const stores: FileHistoryStore[] = [];
    const problems: HistoryProblem[] = [];
    const open = async (over: Partial<FileHistoryStoreOptions> = {}) => {
      const s = await FileHistoryStore.open({ file, watch: false, onProblem: (p) => problems.push(p), ...over });
      stores.push(s);
      return s;
    };

    setup(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-history-'));
      file = path.join(dir, 'history', 'history.json');
      problems.length = 0;
    });
    teardown(async () => {
      for (const s of stores.splice(0)) s.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('add, update, remove, clear; newest first; persisted in the versioned format', async () => {
      let t = Date.parse('2026-11-26T10:00:00Z');
      const s = await open({ now: () => (t += 1000) });
      const a = await s.add(submission({ title: 'A' }));
      const b = await s.add(submission({ title: 'B' }));
      assert.match(a.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(s.list().map((e) => e.title), ['B', 'A']);
      const u = await s.update(a.id, { status: 'producing', mediaId: 'm1', projectId: 'p1', requestId: 'r1' });
      assert.equal(u?.status, 'producing');
      assert.ok(u!.updatedAt > a.updatedAt);
      assert.equal(u!.createdAt, a.createdAt);
      assert.equal(await s.update('no-such-id', { status: 'failed' }), undefined);

      const disk = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(disk.version, 1);
      assert.deepEqual(disk.entries.map((e: { title: string }) => e.title), ['B', 'A']);
      assert.ok(!('request' in disk.entries[0]), 'request texts live beside the index');
      assert.equal(disk.entries[1].mediaId, 'm1');

      const again = await open();
      assert.deepEqual(again.list(), s.list());
      assert.deepEqual(await again.readRequest(a.id), submission().request);

      await s.remove(b.id);
      assert.deepEqual(s.list().map((e) => e.title), ['A']);
      assert.ok(!fs.existsSync(path.join(dir, 'history', 'requests', `${b.id}.json`)), 'the removed entry’s request is deleted');
      await s.clear();
      assert.deepEqual(s.list(), []);
      assert.deepEqual(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries, []);
      assert.deepEqual(problems, []);
    });

    test('conditional update: applied only while the stored status matches', async () => {
      const s = await open();
      const e = await s.add(submission({ status: 'producing', mediaId: 'm' }));
      const other = await open();
      assert.equal((await other.update(e.id, { status: 'normal' }, { ifStatus: ['producing'] }))?.status, 'normal');
      // This window still shows `producing`; the file says `normal`: the stale poll result is not applied.
      assert.equal(s.get(e.id)?.status, 'producing');
      assert.equal(await s.update(e.id, { status: 'failed' }, { ifStatus: ['producing', 'unknown'] }), undefined);
      assert.equal(s.get(e.id)?.status, 'normal', 'the write re-read the file');
    });

    test('keeps the newest maxEntries; pruned entries lose their request file', async () => {
      let max = 3;
      let t = Date.parse('2026-11-26T10:00:00Z');
      const s = await open({ maxEntries: () => max, now: () => (t += 1000) });
      const added = [];
      for (let i = 0; i < 5; i++) added.push(await s.add(submission({ title: `E${i}` })));
      assert.deepEqual(s.list().map((e) => e.title), ['E4', 'E3', 'E2']);
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 3);
      const requests = fs.readdirSync(path.join(dir, 'history', 'requests')).sort();
      assert.deepEqual(requests, added.slice(2).map((e) => `${e.id}.json`).sort());
      max = 1;
      await s.prune();
      assert.deepEqual(s.list().map((e) => e.title), ['E4']);
    });

    test('the stored request is capped per field (Timeline cut, requestTruncated set)', async () => {
      const s = await open({ maxRequestBytes: 1000 });
      const big = JSON.stringify({ VideoTracks: [{ VideoTrackClips: Array.from({ length: 100 }, (_, i) => ({ MediaId: `媒体-${i}` })) }] });
      const e = await s.add(submission({ request: { Timeline: big, Title: 'T' } }));
      assert.equal(e.requestTruncated, true);
      const stored = await s.readRequest(e.id);
      assert.ok(Buffer.byteLength(stored!.Timeline!) <= 1000);
      assert.ok(big.startsWith(stored!.Timeline!), 'a prefix of what was sent, cut on a character boundary');
      assert.equal(stored!.Title, 'T');
      const small = await s.add(submission());
      assert.equal(small.requestTruncated, undefined);
      assert.equal((await open()).get(e.id)?.requestTruncated, true);
      // The default cap is 1 MiB.
      const s2 = await open({ file: path.join(dir, 'other', 'history.json') });
      const huge = 'x'.repeat(1024 * 1024 + 10);
      const h = await s2.add(submission({ request: { Timeline: huge } }));
      assert.equal(h.requestTruncated, true);
      assert.equal((await s2.readRequest(h.id))!.Timeline!.length, 1024 * 1024);
    });

    test('truncateUtf8 never splits a character; capRequest stringifies objects', () => {
      assert.deepEqual(truncateUtf8('ab', 5), { text: 'ab', truncated: false });
      assert.deepEqual(truncateUtf8('a标题', 3), { text: 'a', truncated: true });
      assert.deepEqual(truncateUtf8('a标题', 4), { text: 'a标', truncated: true });
      assert.deepEqual(truncateUtf8('😀😀', 5), { text: '😀', truncated: true });
      assert.deepEqual(capRequest({ Timeline: { a: 1 } as unknown as string }, 100), { request: { Timeline: '{"a":1}' }, truncated: false });
    });

    test('endpoint is stored as a host only (no credentials, path or query)', async () => {
      assert.equal(sanitizeEndpoint('https://user:pw@vod.cn-shanghai.aliyuncs.com/?x=1'), 'vod.cn-shanghai.aliyuncs.com');
      assert.equal(sanitizeEndpoint('http://127.0.0.1:4010'), '127.0.0.1:4010');
      assert.equal(sanitizeEndpoint('id:secret@vod.aliyuncs.com/path?Signature=x'), 'vod.aliyuncs.com');
      const s = await open();
      const e = await s.add(submission({ endpoint: 'https://k:s@vod.aliyuncs.com/?a=b' }));
      assert.equal(e.endpoint, 'vod.aliyuncs.com');
      assert.ok(!fs.readFileSync(file, 'utf8').includes('k:s'));
    });

    test('crash mid-write: a leftover temp file and a half-written index do not lose the last good state', async () => {
      let t = Date.parse('2026-11-26T10:00:00Z');
      const s = await open({ now: () => (t += 1000) });
      const a = await s.add(submission({ title: 'A' }));
      const b = await s.add(submission({ title: 'B' }));
      s.dispose();
      const good = fs.readFileSync(file, 'utf8');
      // A writer died after writing half of its temp file: the index itself is untouched.
      const oldTemp = `${file}.tmp-99999-deadbeef`;
      fs.writeFileSync(oldTemp, good.slice(0, good.length / 2));
      fs.utimesSync(oldTemp, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
      const youngTemp = `${file}.tmp-99998-cafebabe`;
      fs.writeFileSync(youngTemp, '{"vers');
      const reopened = await open();
      assert.deepEqual(reopened.list().map((e) => e.id), [b.id, a.id]);
      assert.ok(!fs.existsSync(oldTemp), 'a temp file older than a minute is removed');
      assert.ok(fs.existsSync(youngTemp), 'a young temp file may belong to a live writer: kept');
      assert.deepEqual(problems, []);
      reopened.dispose();

      // A half-written index (a file system that reordered the rename before the data): recovered
      // from the previous version kept beside it, the broken file moved aside and reported.
      fs.writeFileSync(file, good.slice(0, Math.floor(good.length / 2)));
      const recovered = await open();
      assert.deepEqual(recovered.list().map((e) => e.id), [a.id], 'the version before the last write');
      assert.equal(problems.length, 1);
      const p = problems[0] as Extract<HistoryProblem, { kind: 'corrupt' }>;
      assert.equal(p.kind, 'corrupt');
      assert.equal(p.recoveredFrom, 'previous-version');
      assert.match(path.basename(p.backup!), /^history\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
      assert.equal(fs.readFileSync(p.backup!, 'utf8'), good.slice(0, Math.floor(good.length / 2)), 'the broken file is kept as it was');
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 1, 'a valid index is written back at once');
      await recovered.add(submission({ title: 'C' }));
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 2);
    });

    test('a writer killed at a random moment (SIGKILL) loses no acknowledged entry and leaves no lock behind', async function () {
      this.timeout(60_000);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      for (const killAfter of [3, 11, 17]) {
        const c = startChild(file, `k${killAfter}`, 1000);
        c.proc.send('go');
        await waitUntil(() => c.acks.length >= killAfter, `${killAfter} acks`);
        c.proc.kill('SIGKILL');
        await c.done;
        const s = await open();
        const ids = new Set(s.list().map((e) => e.id));
        for (const id of c.acks) assert.ok(ids.has(id), `acknowledged entry ${id} survived the kill`);
        const t0 = Date.now();
        await s.add(submission({ title: 'after the crash' }));
        assert.ok(Date.now() - t0 < 5000, 'a lock left by the dead process is broken at once');
        assert.deepEqual(problems, [], JSON.stringify(problems));
        s.dispose();
      }
    });

    test('two writer processes adding 50 entries each at once: 100 entries, and a watching window sees them', async function () {
      this.timeout(60_000);
      const watcher = await open({ watch: true, watchDebounceMs: 20, maxEntries: 1000 });
      let changes = 0;
      watcher.onDidChange(() => changes++);
      const a = startChild(file, 'A', 50);
      const b = startChild(file, 'B', 50);
      a.proc.send('go');
      b.proc.send('go');
      await Promise.all([a.done, b.done]);
      assert.deepEqual([...a.problems, ...b.problems], []);
      const entries = parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries;
      assert.equal(entries.length, 100);
      assert.equal(new Set(entries.map((e) => e.id)).size, 100);
      assert.deepEqual(new Set(entries.map((e) => e.id)), new Set([...a.acks, ...b.acks]));
      assert.equal(fs.readdirSync(path.join(dir, 'history', 'requests')).length, 100);
      await waitUntil(() => watcher.list().length === 100, 'the watching store to see 100 entries');
      assert.ok(changes >= 1);
      assert.ok(!fs.existsSync(`${file}.lock`));
    });

    test('another window’s write fires onDidChange (folder watcher)', async () => {
      const mine = await open({ watch: true, watchDebounceMs: 20 });
      const theirs = await open();
      let fired = 0;
      mine.onDidChange(() => fired++);
      const e = await theirs.add(submission({ title: 'from the other window' }));
      await waitUntil(() => mine.get(e.id) !== undefined, 'the watcher to pick up the write');
      assert.ok(fired >= 1);
      await theirs.update(e.id, { status: 'producing', mediaId: 'm' });
      await waitUntil(() => mine.get(e.id)?.status === 'producing', 'the update');
      // Our own writes do not fire twice through the watcher.
      const before = fired;
      await mine.add(submission({ title: 'mine' }));
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(fired, before + 1);
    });

    test('a corrupt index is moved aside and reported; the store starts empty instead of crashing', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'this is not { json');
      const s = await open();
      assert.deepEqual(s.list(), []);
      assert.equal(problems.length, 1);
      const p = problems[0] as Extract<HistoryProblem, { kind: 'corrupt' }>;
      assert.equal(p.kind, 'corrupt');
      assert.equal(p.recoveredFrom, 'none');
      assert.equal(fs.readFileSync(p.backup!, 'utf8'), 'this is not { json');
      await s.add(submission());
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 1);
      await s.add(submission());
      // Valid JSON of the wrong shape counts as corrupt too.
      problems.length = 0;
      s.dispose();
      fs.writeFileSync(file, '[1, 2, 3]');
      const s2 = await open();
      assert.equal(problems[0]?.kind, 'corrupt');
      assert.equal(s2.list().length, 1, 'recovered from the previous version (before the last write)');
    });

    test('malformed entries are left out, the file is backed up first and the drop reported', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const ok = { id: 'e1', createdAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', title: 'ok', fileName: 'a', region: 'cn-shanghai', endpoint: 'h', mode: 'timeline', status: 'normal' };
      const raw = JSON.stringify({ version: 1, entries: [ok, { id: '../../etc', createdAt: 'x', status: 'normal' }, { title: 'no id' }, { ...ok, id: 'e2', status: 'bogus' }] });
      fs.writeFileSync(file, raw);
      const s = await open();
      assert.deepEqual(s.list().map((e) => e.id), ['e1']);
      assert.equal(problems.length, 1);
      const p = problems[0] as Extract<HistoryProblem, { kind: 'invalid-entries' }>;
      assert.equal(p.kind, 'invalid-entries');
      assert.equal(p.dropped, 3);
      assert.equal(fs.readFileSync(p.backup!, 'utf8'), raw);
      assert.equal(await s.readRequest('../../etc'), undefined);
    });

    test('an index from a newer format version is read but never overwritten', async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const raw = JSON.stringify({ version: 2, entries: [{ id: 'e1', createdAt: '2026-11-26T10:00:00.000Z', title: 'future', status: 'normal', extra: { x: 1 } }] });
      fs.writeFileSync(file, raw);
      const s = await open();
      assert.deepEqual(s.list().map((e) => e.title), ['future']);
      assert.equal(problems[0]?.kind, 'newer-version');
      const e = await s.add(submission({ title: 'kept in memory' }));
      assert.equal(s.list().length, 2);
      assert.equal((await s.readRequest(e.id))?.Timeline, submission().request!.Timeline);
      assert.equal(fs.readFileSync(file, 'utf8'), raw, 'untouched');
      assert.ok(problems.some((p) => p.kind === 'write-failed'));
    });

    test('an unreadable index (a folder in its place) is moved aside and reported, never a crash', async () => {
      fs.mkdirSync(file, { recursive: true });
      fs.writeFileSync(path.join(file, 'inside'), 'x');
      const s = await open();
      assert.deepEqual(s.list(), []);
      assert.equal(problems[0]?.kind, 'unreadable');
      const backup = (problems[0] as Extract<HistoryProblem, { kind: 'unreadable' }>).backup!;
      assert.ok(fs.existsSync(path.join(backup, 'inside')), 'nothing deleted');
      await s.add(submission());
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 1);
    });

    test('stale locks: a dead owner’s lock is broken at once, an old one after staleMs, a live one is waited for', async () => {
      const s = await open({ lock: { staleMs: 500, timeoutMs: 3000 } });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const lock = `${file}.lock`;
      // Dead owner on this host.
      fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), token: 'dead', at: Date.now() }));
      let t0 = Date.now();
      await s.add(submission({ title: 'one' }));
      assert.ok(Date.now() - t0 < 400, `dead owner: ${Date.now() - t0} ms`);
      assert.ok(!fs.existsSync(lock));
      // Live owner (another host, so its pid cannot be checked), but old.
      fs.writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'old', at: 0 }));
      fs.utimesSync(lock, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
      t0 = Date.now();
      await s.add(submission({ title: 'two' }));
      assert.ok(!fs.existsSync(lock));
      // A fresh lock held by a live process: the write waits, then goes through once it is released.
      fs.writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'live', at: Date.now() }));
      const pending = s.add(submission({ title: 'three' }));
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 2, 'not written while locked');
      fs.rmSync(lock);
      await pending;
      assert.equal(parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length, 3);
      assert.deepEqual(problems, []);
    });

    test('a write that cannot take the lock is kept in memory, reported once, and retried', async () => {
      const s = await open({ lock: { staleMs: 60_000, timeoutMs: 100 }, retryMs: 50 });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const lock = `${file}.lock`;
      fs.writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'live', at: Date.now() }));
      const e = await s.add(submission({ title: 'waiting' }));
      assert.equal(s.get(e.id)?.title, 'waiting', 'visible at once');
      assert.equal(problems.filter((p) => p.kind === 'write-failed').length, 1);
      fs.rmSync(lock);
      await waitUntil(() => fs.existsSync(file) && parseHistoryIndex(fs.readFileSync(file, 'utf8')).entries.length === 1, 'the retry');
    });
  });
}
