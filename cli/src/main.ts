// The `vod-timeline` command line: the same language service the editor uses, for terminals and CI.
// Exit codes, kept by every command: 0 clean, 1 problems found, 2 usage or I/O error.

import { parseArgs } from 'node:util';
import { CODE_INFO, CODES } from '../../server/src/service';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type Io, oneLine, processIo, UsageError } from './io';
import { systemLocale } from './locale';
import { type CliMessage, cliText } from './messages';
import { validateCommand } from './validate';
import { inspectCommand } from './inspect';
import { produceCommand, statusCommand, terminalConfirm } from './produce';
import { uploadCommand } from './upload';
import { VERSION } from './version';
import { renderRulePage } from './rulePages';
// Imported, not import()ed as lsp's server is: it is small, and an import() of a .ts module does not
// load under the unit tests' tsx/cjs, where `main(['emulator', ...])` runs in-process.
import { runEmulatorCli } from '../../emulator/src/cli';

type Command = (argv: string[], io: Io) => Promise<number>;

const commands: Record<string, Command> = {
  validate: validateCommand,
  inspect: inspectCommand,
  rules: rulesCommand,
  produce: (argv, io) => produceCommand(argv, io, { confirm: io === defaultIo ? terminalConfirm() : undefined }),
  status: statusCommand,
  upload: async (argv, io) => {
    // Ctrl-C stops the upload cleanly (the journal says where it got to); a second one exits at once.
    const stop = new AbortController();
    const onSigint = () => {
      if (stop.signal.aborted) process.exit(130);
      io.stderr(cliText(systemLocale(io.env, localeOption(argv)), 'uploadStopping') + '\n');
      stop.abort();
    };
    const own = io === defaultIo;
    if (own) process.on('SIGINT', onSigint);
    try {
      return await uploadCommand(argv, io, { signal: stop.signal });
    } finally {
      if (own) process.off('SIGINT', onSigint);
    }
  },
  lsp: async (argv, io) => {
    if (!argv.includes('--stdio')) throw new UsageError(cliText(systemLocale(io.env), 'lspStdioOnly'));
    const { startStdioServer } = await import('../../server/src/server');
    startStdioServer();
    return new Promise<number>(() => { /* runs until the client exits the process */ });
  },
  emulator: async (argv, io) => {
    // Its lines in the language every command speaks (--locale, else the environment's).
    return runEmulatorCli(argv, { env: io.env, locale: systemLocale(io.env, localeOption(argv)), stdout: { write: (s: string) => { io.stdout(s); return true; } }, stderr: { write: (s: string) => { io.stderr(s); return true; } } });
  },
};

/** Each command's help (`help COMMAND`, `COMMAND --help`); the emulator prints its own. */
const HELP: Record<string, CliMessage> = {
  validate: 'helpValidate', rules: 'helpRules', produce: 'helpProduce', status: 'helpStatus', upload: 'helpUpload', inspect: 'helpInspect', lsp: 'helpLsp',
};

/** The command names, in the order the usage lists them. */
export const COMMAND_NAMES = Object.keys(commands);

/** `vod-timeline help COMMAND`: the command's usage, options, exit codes and an example, on stdout. */
async function commandHelp(command: string, argv: string[], io: Io): Promise<number> {
  const locale = systemLocale(io.env, localeOption(argv));
  if (command === 'help') {
    io.stdout(cliText(locale, 'usage') + '\n');
    return EXIT_OK;
  }
  if (command === 'emulator') return commands.emulator(['--help', '--locale', locale], io);
  const id = HELP[command];
  if (!id) {
    io.stderr(`vod-timeline help: ${cliText(locale, 'helpUnknown', { command: oneLine(command), commands: COMMAND_NAMES.join(', ') })}\n`);
    return EXIT_USAGE;
  }
  io.stdout(cliText(locale, id, { vodOptions: cliText(locale, 'helpVodOptions') }) + '\n');
  return EXIT_OK;
}

/**
 * Whether a command's arguments ask for its help: `--help` or `-h` anywhere before `--` (after it, they
 * are file names). No command takes either as a value, and none has a `-h` of its own.
 */
function asksHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** The first argument that is not an option nor --locale's value: the command `help` is asked about. */
function helpTopic(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--locale') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { format: { type: 'string', default: 'text' }, locale: { type: 'string' } }, allowPositionals: true });
  const locale = systemLocale(io.env, values.locale);
  const zh = locale === 'zh-cn';
  if (positionals.length) {
    // `rules CODE`: the code's page, the text of docs/rules/<locale>/<group>-<name>.md.
    for (const code of positionals) {
      const info = CODE_INFO.get(code);
      if (!info) throw new UsageError(cliText(locale, 'unknownCode', { code }));
      io.stdout(renderRulePage(info, locale));
    }
    return EXIT_OK;
  }
  if (values.format === 'json') {
    io.stdout(JSON.stringify(CODES.map((c) => ({ code: c.code, group: c.group, severity: c.severity, fixable: c.fixable, summary: zh ? c.summaryZh : c.summary })), null, 2) + '\n');
  } else {
    for (const c of CODES) io.stdout(`${c.code.padEnd(36)} ${c.severity.padEnd(11)} ${c.fixable ? 'fix ' : '    '} ${zh ? c.summaryZh : c.summary}\n`);
  }
  return EXIT_OK;
}

/** `--locale L` or `--locale=L` among a command's arguments, for what is said outside its parser. */
function localeOption(argv: string[]): string | undefined {
  const i = argv.indexOf('--locale');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--locale='))?.slice('--locale='.length);
}

let defaultIo: Io | undefined;

export async function main(argv: string[], io: Io = (defaultIo ??= processIo())): Promise<number> {
  const locale = systemLocale(io.env);
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    const topic = helpTopic(rest);
    if (topic !== undefined) return commandHelp(topic, rest, io);
    io.stdout(cliText(systemLocale(io.env, localeOption(rest)), 'usage') + '\n');
    return command ? EXIT_OK : EXIT_USAGE;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`vod-timeline ${VERSION}\n`);
    return EXIT_OK;
  }
  const run = commands[command];
  if (!run) {
    io.stderr(`${cliText(locale, 'unknownCommand', { command })}\n\n${cliText(locale, 'usage')}\n`);
    return EXIT_USAGE;
  }
  if (asksHelp(rest)) return commandHelp(command, rest, io);
  try {
    return await run(rest, io);
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for bad flags: a usage error, not a crash.
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`vod-timeline ${command}: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    // Anything else is a bug: say so, with the stack to report, and an exit code of its own (a script
    // must not mistake a crash for a usage error).
    io.stderr(`vod-timeline ${command}: ${cliText(locale, 'crash', { error: e instanceof Error ? e.stack ?? e.message : String(e) })}\n`);
    return EXIT_INTERNAL;
  }
}
