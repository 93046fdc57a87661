// `vod-timeline emulator`: runs the emulator in the foreground until Ctrl-C.

import type { Writable } from 'node:stream';
import { startEmulator, type EmulatorOptions } from './server';

export interface EmulatorCliIo {
  stdout?: Pick<Writable, 'write'>;
  stderr?: Pick<Writable, 'write'>;
  /** Stops the emulator (tests); SIGINT/SIGTERM do the same. */
  signal?: AbortSignal;
  /** Called once the emulator listens (tests). */
  onListening?: (info: { url: string; accessKeyId: string; accessKeySecret: string }) => void;
}

export const EMULATOR_USAGE = `Usage: vod-timeline emulator [options]

Runs a local ApsaraVideo VOD (2017-03-21) emulator on 127.0.0.1 for trying out produce/status calls
without an Alibaba Cloud account. It checks both request signatures against its test keys, and serves
the media files a --media FILE names (GetPlayInfo, GetMezzanineInfo, GetImageInfo) under signed,
expiring URLs on its own port.

Options:
  --port N                   listen on port N (default: a free port)
  --access-key-id ID         AccessKey ID to accept (default: generated)
  --access-key-secret SECRET AccessKey secret to accept (default: generated)
  --media FILE               add media from FILE (JSON array, format of emulator/media.seed.json, plus
                             "File" and "Streams" with paths relative to FILE); repeatable
  --no-cors                  serve media files without CORS headers (like a VOD domain without them)
  --produce-seconds S        seconds a production takes (default 5)
  --region R                 region the emulator serves (default cn-shanghai)
  -h, --help                 show this help
`;

class UsageError extends Error {}

export function parseEmulatorArgs(argv: string[]): EmulatorOptions | 'help' {
  const options: EmulatorOptions = {};
  const media: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '-h': case '--help': return 'help';
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port: "${v}" is not a port number.`);
        options.port = n;
        break;
      }
      case '--access-key-id': options.accessKeyId = value(); break;
      case '--access-key-secret': options.accessKeySecret = value(); break;
      case '--media': media.push(value()); break;
      case '--no-cors': options.cors = false; break;
      case '--produce-seconds': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--produce-seconds: "${v}" is not a number of seconds.`);
        options.produceSeconds = n;
        break;
      }
      case '--region': options.region = value(); break;
      default: throw new UsageError(`Unknown option "${arg}".`);
    }
  }
  if (Boolean(options.accessKeyId) !== Boolean(options.accessKeySecret)) {
    throw new UsageError('Give both --access-key-id and --access-key-secret, or neither.');
  }
  if (media.length) options.mediaFiles = media;
  return options;
}

export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = {}): Promise<number> {
  const out = io.stdout ?? process.stdout;
  const err = io.stderr ?? process.stderr;
  let options: EmulatorOptions | 'help';
  try {
    options = parseEmulatorArgs(argv);
  } catch (e) {
    err.write(`vod-timeline emulator: ${(e as Error).message}\n\n${EMULATOR_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out.write(EMULATOR_USAGE);
    return 0;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (e) {
    err.write(`vod-timeline emulator: ${(e as Error).message}\n`);
    return 1;
  }
  out.write([
    `VOD emulator listening on ${emulator.url} (region ${emulator.region}, API 2017-03-21)`,
    `  AccessKey ID:     ${emulator.accessKeyId}`,
    `  AccessKey secret: ${emulator.accessKeySecret}`,
    `  (test keys: they are accepted only by this emulator)`,
    `  ${emulator.media.size} media loaded (${[...emulator.media.values()].filter((m) => m.files).length} with files, served under ${emulator.url}/media/, CORS ${emulator.cors ? 'on' : 'off'}). Press Ctrl-C to stop.`,
    '',
  ].join('\n'));
  io.onListening?.({ url: emulator.url, accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret });

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await emulator.close();
  out.write('VOD emulator stopped.\n');
  return 0;
}
