// The CLI's main() run in-process, as the CLI tests need it: its output captured, and the credential
// variables set in process.env for the call (the credentials chain reads process.env itself), then
// restored, so one test's keys never leak into the next.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import { startEmulator, type Emulator } from '../../emulator/src';
import type { Io } from '../../cli/src/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every write in order, as a terminal showing both streams gets them (`2>&1`). */
  writes: { stream: 'stdout' | 'stderr'; text: string }[];
}

const NAMES = ['HOME', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE'];

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const writes: CliRun['writes'] = [];
  const io: Io = {
    stdout: (s) => { stdout += s; writes.push({ stream: 'stdout', text: s }); },
    stderr: (s) => { stderr += s; writes.push({ stream: 'stderr', text: s }); },
    readStdin: async () => stdin,
    cwd,
    env,
  };
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  for (const n of NAMES) {
    if (env[n] === undefined) delete process.env[n];
    else process.env[n] = env[n];
  }
  try {
    return { code: await main(argv, io), stdout, stderr, writes };
  } finally {
    for (const n of NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

/**
 * A suite's CLI sandbox, fresh for each test: the emulator on loopback, a temporary HOME with its own
 * history, the emulator's key in the environment, English by the environment (so only --locale turns
 * another language on), and a one-clip timeline `cut.timeline.json` (`mediaId`).
 */
export function cliSandbox(prefix: string, mediaId: string): { readonly emu: Emulator; readonly tmp: string; readonly env: NodeJS.ProcessEnv } {
  const box = {} as { emu: Emulator; tmp: string; env: NodeJS.ProcessEnv };
  setup(async () => {
    box.emu = await startEmulator({ uploadSeconds: 0.3, produceSeconds: 0.5 });
    box.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    box.env = {
      LANG: 'en_US.UTF-8', HOME: box.tmp, XDG_STATE_HOME: path.join(box.tmp, 'state'), VOD_TIMELINE_HISTORY: path.join(box.tmp, 'history.json'),
      ALIBABA_CLOUD_ACCESS_KEY_ID: box.emu.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: box.emu.accessKeySecret,
    };
    fs.writeFileSync(path.join(box.tmp, 'cut.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: mediaId, In: 0, Out: 5 }] }] }));
  });
  teardown(async () => {
    await box.emu.close();
    fs.rmSync(box.tmp, { recursive: true, force: true });
  });
  return box;
}
