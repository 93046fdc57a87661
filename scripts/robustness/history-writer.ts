// The child process of `npm run crash-safety`: appends entries to a history file with the product's
// FileHistoryStore, as Produce does (an entry "submitting" with the request, then "producing" with the
// MediaId for every other one), and says on stdout what it is doing, synchronously, so that the parent
// knows after a kill -9 which writes were acknowledged and which one was in flight:
//   ready | begin N | ack N ID | begin-update N | ack-update N | problem JSON | done
//
//   node history-writer.cjs --file F --prefix P [--start N] [--count M] [--max-entries K]

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { FileHistoryStore, type HistoryProblem } from '../../client/src/vod/history/store';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    prefix: { type: 'string', default: 'w' },
    start: { type: 'string', default: '0' },
    count: { type: 'string' },
    'max-entries': { type: 'string', default: '5000' },
  },
});
if (!values.file) throw new Error('--file is required');

function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

/** The request text of entry `seq`: a timeline of a few KB (now and then a few hundred KB). */
function timelineFor(prefix: string, seq: number): string {
  const clips = seq % 25 === 0 ? 4000 : 40;
  return JSON.stringify({
    VideoTracks: [{ VideoTrackClips: Array.from({ length: clips }, (_, i) => ({ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: i % 5, Out: (i % 5) + 3, ClipId: `${prefix}-${seq}-${i}` })) }],
  });
}

async function main(): Promise<void> {
  const problems: HistoryProblem[] = [];
  const store = await FileHistoryStore.open({
    file: values.file!,
    watch: false,
    maxEntries: Number(values['max-entries']),
    onProblem: (p) => {
      problems.push(p);
      say(`problem ${JSON.stringify(p)}`);
    },
  });
  const failed = () => problems.some((p) => p.kind === 'write-failed');
  say('ready');
  const start = Number(values.start);
  const end = values.count === undefined ? Infinity : start + Number(values.count);
  const prefix = values.prefix!;
  for (let seq = start; seq < end; seq++) {
    say(`begin ${seq}`);
    const entry = await store.add({
      title: `${prefix}-${seq}`, fileName: `${prefix}-${seq}.timeline.json`, region: 'cn-shanghai', endpoint: 'vod.cn-shanghai.aliyuncs.com',
      mode: 'timeline', tracks: 1, clips: seq % 7, status: 'submitting',
      request: { Timeline: timelineFor(prefix, seq), Title: `${prefix}-${seq}` },
    });
    // add() resolves when the write has succeeded, or has failed and been reported (kept for a retry).
    if (failed()) process.exit(3);
    say(`ack ${seq} ${entry.id}`);
    if (seq % 2 === 0) {
      say(`begin-update ${seq}`);
      await store.update(entry.id, { status: 'producing', mediaId: `m${String(seq).padStart(31, '0')}`, vodStatus: 'Uploading' });
      if (failed()) process.exit(3);
      say(`ack-update ${seq}`);
    }
  }
  await store.flush();
  store.dispose();
  say('done');
}

main().catch((e) => {
  say(`error ${String((e as Error)?.stack ?? e).split('\n').join(' | ')}`);
  process.exit(2);
});
