// `vod-timeline emulator`: runs the emulator in the foreground until Ctrl-C.
// Its AccessKey secret never comes from the command line, where any user of the machine could read it
// (`ps`, /proc/PID/cmdline): it is taken from VOD_EMULATOR_ACCESS_KEY_SECRET or from a file.

import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { startEmulator, type EmulatorOptions } from './server';

export interface EmulatorCliIo {
  stdout?: Pick<Writable, 'write'>;
  stderr?: Pick<Writable, 'write'>;
  /** Stops the emulator (tests); SIGINT/SIGTERM do the same. */
  signal?: AbortSignal;
  /** Called once the emulator listens (tests). */
  onListening?: (info: { url: string; accessKeyId: string; accessKeySecret: string }) => void;
  /** Default process.env: VOD_EMULATOR_ACCESS_KEY_SECRET is read from it. */
  env?: NodeJS.ProcessEnv;
}

const SECRET_ENV = 'VOD_EMULATOR_ACCESS_KEY_SECRET';

export const EMULATOR_USAGE = `Usage: vod-timeline emulator [options]

Runs a local ApsaraVideo VOD (2017-03-21) emulator on 127.0.0.1 for trying out produce/status calls
without an Alibaba Cloud account. It checks both request signatures against its test keys, and serves
the media files a --media FILE names (GetPlayInfo, GetMezzanineInfo, GetImageInfo) under signed,
expiring URLs on its own port. Uploads (CreateUploadVideo, CreateUploadImage, RefreshUploadVideo) go to
an OSS-compatible endpoint on a second loopback port that checks the upload credential's signature.

Options:
  --port N                   listen on port N (default: a free port)
  --access-key-id ID         AccessKey ID to accept (default: generated); its secret comes from
                             the variable VOD_EMULATOR_ACCESS_KEY_SECRET or from:
  --access-key-secret-file F the file F (its first line), so that no process list shows it
  --media FILE               add media from FILE (JSON array, format of emulator/media.seed.json, plus
                             "File" and "Streams" with paths relative to FILE); repeatable
  --no-cors                  serve media files without CORS headers (like a VOD domain without them)
  --produce-seconds S        seconds a production takes (default 5)
  --upload-seconds S         seconds an uploaded video stays Transcoding before Normal (default 3)
  --upload-dir DIR           keep uploaded files in DIR (default: a temporary folder removed on exit)
  --region R                 region the emulator serves (default cn-shanghai)
  -h, --help                 show this help
`;

class UsageError extends Error {}

export function parseEmulatorArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions | 'help' {
  const options: EmulatorOptions = {};
  const media: string[] = [];
  let secretFile: string | undefined;
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
      case '--access-key-secret':
        throw new UsageError(`--access-key-secret is not accepted: a secret on the command line shows in the process list. Set ${SECRET_ENV} or pass --access-key-secret-file FILE.`);
      case '--access-key-secret-file': secretFile = value(); break;
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
      case '--upload-seconds': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--upload-seconds: "${v}" is not a number of seconds.`);
        options.uploadSeconds = n;
        break;
      }
      case '--upload-dir': options.uploadDir = value(); break;
      default: throw new UsageError(`Unknown option "${arg}".`);
    }
  }
  if (secretFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(secretFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--access-key-secret-file: cannot read ${secretFile} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    options.accessKeySecret = text.split(/\r?\n/)[0].trim();
    if (!options.accessKeySecret) throw new UsageError(`--access-key-secret-file: ${secretFile} is empty.`);
  } else if (env[SECRET_ENV]) {
    options.accessKeySecret = env[SECRET_ENV];
  }
  if (Boolean(options.accessKeyId) !== Boolean(options.accessKeySecret)) {
    throw new UsageError(`Give --access-key-id together with its secret (${SECRET_ENV} or --access-key-secret-file), or neither.`);
  }
  if (media.length) options.mediaFiles = media;
  return options;
}

function secretSource(argv: string[]): string {
  return argv.some((a) => a === '--access-key-secret-file' || a.startsWith('--access-key-secret-file=')) ? '--access-key-secret-file' : SECRET_ENV;
}

export async function runEmulatorCli(argv: string[], io: EmulatorCliIo = {}): Promise<number> {
  const out = io.stdout ?? process.stdout;
  const err = io.stderr ?? process.stderr;
  let options: EmulatorOptions | 'help';
  try {
    options = parseEmulatorArgs(argv, io.env ?? process.env);
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
    // A secret the caller handed in is not echoed; a generated one is, or nobody could use it.
    `  AccessKey secret: ${options.accessKeySecret ? `(the one given in ${secretSource(argv)})` : emulator.accessKeySecret}`,
    `  (test keys: they are accepted only by this emulator)`,
    `  Uploads: OSS endpoint ${emulator.ossUrl} (checks the upload credential's OSS signature)`,
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
