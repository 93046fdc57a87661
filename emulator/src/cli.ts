// `vod-timeline emulator`: runs the emulator in the foreground until Ctrl-C.
// Its AccessKey secret never comes from the command line, where any user of the machine could read it
// (`ps`, /proc/PID/cmdline): it is taken from VOD_EMULATOR_ACCESS_KEY_SECRET or from a file.

import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { startEmulator, type EmulatorOptions } from './server';
import { EMULATOR_MESSAGES, emulatorErrorText, emulatorText, type EmulatorLocale } from './messages';

export interface EmulatorCliIo {
  stdout?: Pick<Writable, 'write'>;
  stderr?: Pick<Writable, 'write'>;
  /** Stops the emulator (tests); SIGINT/SIGTERM do the same. */
  signal?: AbortSignal;
  /** Called once the emulator listens (tests). */
  onListening?: (info: { url: string; accessKeyId: string; accessKeySecret: string }) => void;
  /** Default process.env: VOD_EMULATOR_ACCESS_KEY_SECRET is read from it. */
  env?: NodeJS.ProcessEnv;
  /**
   * The language of its lines, default English. The CLI resolves it as for every command (--locale,
   * then LC_ALL, LC_MESSAGES, LANG: cli/src/locale.ts), so the emulator needs none of the service's code.
   */
  locale?: EmulatorLocale;
}

const SECRET_ENV = 'VOD_EMULATOR_ACCESS_KEY_SECRET';

/** The help in English (`--help`; `--locale zh-cn` prints the Chinese one). */
export const EMULATOR_USAGE = EMULATOR_MESSAGES.en.usage;

class UsageError extends Error {}

export function parseEmulatorArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, locale: EmulatorLocale = 'en'): EmulatorOptions | 'help' {
  const t = (id: Parameters<typeof emulatorText>[1], args?: Record<string, string | number>) => emulatorText(locale, id, args);
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
      if (v === undefined || v.startsWith('--')) throw new UsageError(t('needsValue', { option: name }));
      return v;
    };
    switch (name) {
      case '-h': case '--help': return 'help';
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(t('notPort', { value: v }));
        options.port = n;
        break;
      }
      case '--access-key-id': options.accessKeyId = value(); break;
      case '--access-key-secret':
        throw new UsageError(t('secretOnCommandLine', { variable: SECRET_ENV }));
      case '--access-key-secret-file': secretFile = value(); break;
      case '--media': media.push(value()); break;
      case '--no-cors': options.cors = false; break;
      case '--produce-seconds': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(t('notSeconds', { option: name, value: v }));
        options.produceSeconds = n;
        break;
      }
      case '--region': options.region = value(); break;
      case '--upload-seconds': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(t('notSeconds', { option: name, value: v }));
        options.uploadSeconds = n;
        break;
      }
      case '--upload-dir': options.uploadDir = value(); break;
      // Read by the caller, which chose the language of these messages (see EmulatorCliIo.locale).
      case '--locale': value(); break;
      default: throw new UsageError(t('unknownOption', { option: arg }));
    }
  }
  if (secretFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(secretFile, 'utf8');
    } catch (e) {
      throw new UsageError(t('secretFileUnreadable', { file: secretFile, code: (e as NodeJS.ErrnoException).code ?? 'error' }));
    }
    options.accessKeySecret = text.split(/\r?\n/)[0].trim();
    if (!options.accessKeySecret) throw new UsageError(t('secretFileEmpty', { file: secretFile }));
  } else if (env[SECRET_ENV]) {
    options.accessKeySecret = env[SECRET_ENV];
  }
  if (Boolean(options.accessKeyId) !== Boolean(options.accessKeySecret)) {
    throw new UsageError(t('keyWithoutSecret', { variable: SECRET_ENV }));
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
  const locale = io.locale ?? 'en';
  const t = (id: Parameters<typeof emulatorText>[1], args?: Record<string, string | number>) => emulatorText(locale, id, args);
  const usage = locale === 'zh-cn' ? EMULATOR_MESSAGES.zhCn.usage : EMULATOR_USAGE;
  let options: EmulatorOptions | 'help';
  try {
    options = parseEmulatorArgs(argv, io.env ?? process.env, locale);
  } catch (e) {
    err.write(`vod-timeline emulator: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    out.write(usage);
    return 0;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (e) {
    // What failed (a media file, the port) in the same language: the emulator's own words translated,
    // a system error's text (Node's EADDRINUSE message) kept as Node wrote it, after ours.
    err.write(`vod-timeline emulator: ${t('cannotStart', { error: emulatorErrorText(locale, e) })}\n`);
    return 1;
  }
  out.write([
    t('listening', { url: emulator.url, region: emulator.region }),
    t('accessKeyId', { id: emulator.accessKeyId }),
    // A secret the caller handed in is not echoed; a generated one is, or nobody could use it.
    t('accessKeySecret', { secret: options.accessKeySecret ? t('secretGiven', { source: secretSource(argv) }) : emulator.accessKeySecret }),
    t('testKeys'),
    t('uploads', { url: emulator.ossUrl }),
    t('media', { count: emulator.media.size, withFiles: [...emulator.media.values()].filter((m) => m.files).length, url: emulator.url, cors: t(emulator.cors ? 'corsOn' : 'corsOff') }),
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
  out.write(t('stopped') + '\n');
  return 0;
}
