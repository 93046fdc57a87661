// Timestamps of the LSP path, for `npm run bench`'s split of open→diagnostics and change→diagnostics
// (scripts/bench/lsp.mjs): with VOD_TIMELINE_TRACE=1 in its environment the server writes one line per
// stage to stderr, `vod-timeline-trace <stage> <epoch ms> <uri>`, on the clock the bench's client uses
// (performance.timeOrigin + performance.now()). Off (one boolean test per stage) otherwise.

import { performance } from 'node:perf_hooks';

const enabled = process.env.VOD_TIMELINE_TRACE === '1';
/** When the last byte of the last large message (a document's text) arrived on stdin. */
let lastLargeMessage = 0;
let hooked = false;

const now = () => performance.timeOrigin + performance.now();

export function trace(stage: string, uri: string): void {
  if (!enabled) return;
  const t = now();
  if (stage === 'open' || stage === 'change') process.stderr.write(`vod-timeline-trace received ${lastLargeMessage} ${uri}\n`);
  process.stderr.write(`vod-timeline-trace ${stage} ${t} ${uri}\n`);
}

/**
 * For the stdio transport: follows the framing (Content-Length headers) beside the message reader, to
 * note when the last byte of each message over 64 KB arrived (the end of its transfer).
 */
export function traceInput(input: NodeJS.ReadableStream): void {
  if (!enabled || hooked) return;
  hooked = true;
  let header = '';
  let remaining = 0;
  let length = 0;
  input.on('data', (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - i);
        remaining -= take;
        i += take;
        if (remaining === 0 && length > 65536) lastLargeMessage = now();
        continue;
      }
      const end = chunk.indexOf('\r\n\r\n', i);
      if (end < 0) {
        header = (header + chunk.toString('latin1', i)).slice(-256);
        return;
      }
      header += chunk.toString('latin1', i, end);
      length = Number(/content-length:\s*(\d+)/i.exec(header)?.[1] ?? 0);
      remaining = length;
      header = '';
      i = end + 4;
    }
  });
}
