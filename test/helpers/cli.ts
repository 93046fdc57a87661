// The CLI's main() run in-process, as the CLI tests need it: its output captured, and the credential
// variables set in process.env for the call (the credentials chain reads process.env itself), then
// restored, so one test's keys never leak into the next.
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';

export interface CliRun { code: number; stdout: string; stderr: string }

const NAMES = ['HOME', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE'];

export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd, env };
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  for (const n of NAMES) {
    if (env[n] === undefined) delete process.env[n];
    else process.env[n] = env[n];
  }
  try {
    return { code: await main(argv, io), stdout, stderr };
  } finally {
    for (const n of NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}
