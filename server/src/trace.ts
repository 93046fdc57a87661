// Timestamps of the LSP path, for `npm run bench`'s split of open→diagnostics and change→diagnostics
// (scripts/bench/lsp.mjs): with VOD_TIMELINE_TRACE=1 in its environment the server writes one line per
// stage to stderr, `vod-timeline-trace <stage> <epoch ms> <uri>`, on the clock the bench's client uses
// (performance.timeOrigin + performance.now()). Off (one boolean test per stage) otherwise.

import { performance } from 'node:perf_hooks';

const enabled = process.env.VOD_TIMELINE_TRACE === '1';
/** When the last bytes arrived on stdin (the transfer of a message ends there). */
let lastInput = 0;
let hooked = false;

export function trace(stage: string, uri: string): void {
  if (!enabled) return;
  const now = performance.timeOrigin + performance.now();
  if (stage === 'open' || stage === 'change') process.stderr.write(`vod-timeline-trace received ${lastInput} ${uri}\n`);
  process.stderr.write(`vod-timeline-trace ${stage} ${now} ${uri}\n`);
}

/** For the stdio transport: notes when bytes arrive (a listener beside the message reader's). */
export function traceInput(input: NodeJS.ReadableStream): void {
  if (!enabled || hooked) return;
  hooked = true;
  input.on('data', () => {
    lastInput = performance.timeOrigin + performance.now();
  });
}
