// What a command touches outside itself, injectable so tests run commands in-process.
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return {
    stdout: (s) => { process.stdout.write(s); },
    stderr: (s) => { process.stderr.write(s); },
    readStdin: () => new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      process.stdin.on('data', (c: Buffer) => chunks.push(c));
      process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      process.stdin.on('error', reject);
    }),
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Exit codes every command keeps: 0 clean, 1 problems found (errors, a failed production), 2 usage or
 * I/O errors (or not everything could be checked), 70 an internal error (a bug; sysexits EX_SOFTWARE).
 */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export class UsageError extends Error {}

/** Characters that end a line or steer a terminal: C0 and C1 controls, DEL, the Unicode line and paragraph separators. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value from a document or a file name, made safe to print inside a line: a decoded JSON string can
 * hold a newline (which would split a `file:line:col` line in two) or an escape sequence (which the
 * terminal would obey), so these are written as JSON writes them (`\n`, `\u001b`).
 */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAKING, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for a stream, its last line ended: what comes next on the terminal (maybe the other stream's) starts a line of its own. */
export function endLine(s: string): string {
  return s === '' || s.endsWith('\n') ? s : s + '\n';
}
