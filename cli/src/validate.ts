// `vod-timeline validate`: the language service's diagnostics for files, globs or stdin, as text
// (file:line:col severity code message), JSON (LSP positions) or SARIF 2.1.0 for code-scanning UIs.
// Exit 2 wins over 1 when something could not be checked: a missing file, cloud checks that could
// not run, or a rule that threw (internal/rule-failed: a bug, its stack on stderr).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { TimelineService, CODES, RULE_FAILED, rulePageFile, cloudMediaIds, type CloudMedia, type Diagnostic, type Locale, type RuleFailure, type RuleSet, type ServiceSettings, type TimelineDocument } from '../../server/src/service';
import { CLOUD_SOURCE } from '../../server/src/protocol';
import { MediaCatalog } from '../../client/src/vod/catalog/catalog';
import { CredentialsError, EndpointError, errorText } from '../../client/src/vod';
import { makeClient, setupMessage } from './produce';
import { findConfig, loadConfig, type LoadedConfig } from '../../server/src/config';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type Io, UsageError, endLine, oneLine } from './io';
import { systemLocale } from './locale';
import { cliText } from './messages';
import { globCandidate } from './candidates';
import { VERSION } from './version';

type Format = 'text' | 'json' | 'sarif';

interface FileResult {
  file: string;
  text: string;
  diagnostics: Diagnostic[];
  lineOf: (offset: number) => { line: number; character: number };
  /** Kept for --cloud, which checks every file's MediaIds in one batch after the local pass. */
  doc?: TimelineDocument;
  settings?: ServiceSettings;
}

const FIX_PASSES = 5;

/** `rules`: the service's rules, all of them but in tests (a failing rule, to see what a failure does). */
export async function validateCommand(argv: string[], io: Io, rules: RuleSet = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      region: { type: 'string' },
      fix: { type: 'boolean', default: false },
      config: { type: 'string' },
      locale: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      // --cloud: also check MediaIds against the media library (credentials as for `produce`).
      cloud: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      profile: { type: 'string' },
      'app-id': { type: 'string' },
      'ecs-metadata': { type: 'boolean', default: false },
    },
  });
  const locale = systemLocale(io.env, values.locale);
  const format = values.format as Format;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(cliText(locale, 'formatValidate', { format }));
  if (positionals.length === 0) throw new UsageError(cliText(locale, 'noFiles'));

  // What a bug report needs, once per file and rule (--fix validates a file more than once); the
  // document itself gets an internal/rule-failed error. Only documents parsed with their file name.
  const logged = new Set<string>();
  const onRuleFailure = (f: RuleFailure) => {
    if (f.uri === undefined || logged.has(`${f.uri}\0${f.rule}`)) return;
    logged.add(`${f.uri}\0${f.rule}`);
    const e = f.error;
    io.stderr(cliText(locale, 'ruleFailed', { file: oneLine(f.uri), codes: f.codes.join(', '), error: e instanceof Error ? e.stack ?? e.message : String(e) }) + '\n');
  };
  const service = new TimelineService({ ...rules, onRuleFailure });
  let ioError = false;
  const results: FileResult[] = [];
  const configs = new Map<string, LoadedConfig>();
  const reportedConfig = new Set<string>();

  const settingsFor = (file: string | undefined): ServiceSettings => {
    let loaded: LoadedConfig | undefined;
    const configFile = values.config ? path.resolve(io.cwd, values.config) : findConfig(file ? path.dirname(file) : io.cwd);
    if (configFile) {
      loaded = configs.get(configFile) ?? loadConfig(configFile);
      configs.set(configFile, loaded);
      if (!reportedConfig.has(configFile)) {
        reportedConfig.add(configFile);
        for (const p of loaded.problems) io.stderr(cliText(locale, 'configProblem', { ...p, file: oneLine(path.relative(io.cwd, p.file) || p.file), message: oneLine(p.message) }) + '\n');
        if (loaded.problems.length && values.config && !fs.existsSync(configFile)) ioError = true;
      }
    }
    return { region: values.region ?? loaded?.config.region, rules: loaded?.config.rules };
  };

  const check = (file: string, text: string, settingsFile: string | undefined): { result: FileResult; fixedText?: string } => {
    const settings = settingsFor(settingsFile);
    // With the file's name as its URI: the log of a rule that fails on it names it.
    let doc = service.parse(text, undefined, file);
    let fixedText: string | undefined;
    if (values.fix) {
      let current = text;
      for (let pass = 0; pass < FIX_PASSES; pass++) {
        const { text: next, fixed } = service.fixAll(doc, settings);
        if (fixed === 0 || next === current) break;
        current = next;
        doc.dispose();
        doc = service.parse(current, undefined, file);
      }
      if (current !== text) fixedText = current;
    }
    const diagnostics = service.validate(doc, settings, locale);
    const lines = doc.lines;
    const result: FileResult = { file, text: doc.text, diagnostics, lineOf: (o) => lines.positionAt(o), ...(values.cloud ? { doc, settings } : {}) };
    return { result, fixedText };
  };

  // Every argument expanded first, so a file is checked once however many times it is reached (see
  // inputsOf); then checked in the order first seen.
  const inputs = await inputsOf(positionals, io.cwd, (arg) => {
    const abs = path.resolve(io.cwd, arg);
    const reason = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? cliText(locale, 'isDirectory', { dir: oneLine(arg.replace(/\/$/, '')) }) : /[*?[\]{}]/.test(arg) ? undefined : cliText(locale, 'notFound');
    io.stderr((reason ? cliText(locale, 'cannotRead', { file: oneLine(arg), reason }) : cliText(locale, 'noMatch', { pattern: oneLine(arg) })) + '\n');
    ioError = true;
  });
  for (const input of inputs) {
    if (input === STDIN) {
      const text = await io.readStdin();
      const { result, fixedText } = check('<stdin>', text, undefined);
      results.push(result);
      // Its last line ended, so the report after it on stderr starts a line of its own in a terminal.
      if (values.fix) io.stdout(endLine(fixedText ?? text));
      // The note a fixed file gets, beside a text report only: with stdin a JSON or SARIF report is
      // what stderr carries, and it must stay parseable.
      if (fixedText !== undefined && !values.quiet && format === 'text') io.stderr(cliText(locale, 'fixed', { file: '<stdin>', count: countFixed(service, text, fixedText) }) + '\n');
      continue;
    }
    const { abs, fromGlob } = input;
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      io.stderr(cliText(locale, 'cannotRead', { file: oneLine(path.relative(io.cwd, abs)), reason: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n');
      ioError = true;
      continue;
    }
    const display = path.relative(io.cwd, abs) || abs;
    if (fromGlob && !globCandidate(abs, text).timeline) {
      if (!values.quiet) io.stderr(cliText(locale, 'skipped', { file: oneLine(display) }) + '\n');
      continue;
    }
    const { result, fixedText } = check(display, text, abs);
    results.push(result);
    if (fixedText !== undefined) {
      try {
        // Write next to the file, then rename: an interrupted --fix never leaves half a timeline. Through
        // a symlink, onto the file it points to (renaming onto the link replaced it with a copy and left
        // the timeline unfixed); with the file's own permissions (a 0600 file came back 0644), the
        // temporary file private until then.
        const target = realPath(abs);
        const tmp = `${target}.vod-timeline-fix.tmp`;
        const { mode } = fs.statSync(target);
        fs.writeFileSync(tmp, fixedText, { mode: 0o600 });
        fs.chmodSync(tmp, mode & 0o7777);
        fs.renameSync(tmp, target);
        if (!values.quiet) io.stderr(cliText(locale, 'fixed', { file: oneLine(display), count: countFixed(service, text, fixedText) }) + '\n');
      } catch (e) {
        io.stderr(cliText(locale, 'cannotWrite', { file: oneLine(display), reason: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n');
        ioError = true;
      }
    }
  }

  if (values.cloud && results.length) {
    const cloudOk = await cloudChecks(results, values, io, locale, service);
    if (!cloudOk) ioError = true;
  }

  // A rule threw on these (its own error in the diagnostics): their other problems are unknown.
  const incomplete = results.filter(notFullyChecked).length;
  const out = values.fix && positionals.includes('-') ? io.stderr : io.stdout;
  if (format === 'json') out(JSON.stringify(results.map(toJson), null, 2) + '\n');
  else if (format === 'sarif') out(JSON.stringify(toSarif(results, io.cwd, !ioError && !incomplete), null, 2) + '\n');
  else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        const p = r.lineOf(d.start);
        out(`${oneLine(r.file)}:${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ${oneLine(d.message)}\n`);
      }
    }
    if (!values.quiet) {
      const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
      const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
      io.stderr(cliText(locale, 'summary', { files: results.length, errors, warnings }) + '\n');
    }
  }
  // Said in every format, and with --quiet: it is why the exit code is 2.
  if (incomplete) io.stderr(cliText(locale, 'notFullyChecked', { count: incomplete }) + '\n');
  if (ioError || incomplete) return EXIT_USAGE;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT_PROBLEMS : EXIT_OK;
}

function countFixed(service: TimelineService, before: string, after: string): number {
  const a = service.validate(service.parse(before)).length;
  const b = service.validate(service.parse(after)).length;
  return Math.max(0, a - b);
}

const STDIN = Symbol('stdin');

interface FileInput {
  abs: string;
  /** Reached only through globs: skipped when it is no timeline (a file named by itself is always checked). */
  fromGlob: boolean;
}

/**
 * What the arguments name, each file once, in the order first seen: `validate a.json '*.json'`
 * checked a.json twice and counted it twice in the summary. A file is the same file however it is
 * reached: named twice, matched by two globs, as `./a.json` and `a.json`, or through a symlink (its
 * real path): its diagnostics would be the same lines twice and `--fix` would rewrite it twice. It
 * keeps the name it was first reached by. Named by itself anywhere, it is checked even when a glob
 * reached it first. `-` reads stdin once (a second read would find it at its end).
 * `missing`: called for an argument that names no file (the caller says why).
 */
async function inputsOf(args: string[], cwd: string, missing: (arg: string) => void): Promise<(FileInput | typeof STDIN)[]> {
  const inputs: (FileInput | typeof STDIN)[] = [];
  const seen = new Map<string, FileInput>();
  for (const arg of args) {
    if (arg === '-') {
      if (!inputs.includes(STDIN)) inputs.push(STDIN);
      continue;
    }
    const { files, glob: fromGlob } = await expand(arg, cwd);
    if (files.length === 0) missing(arg);
    for (const abs of files) {
      const key = realPath(abs);
      const known = seen.get(key);
      if (known) {
        if (!fromGlob) known.fromGlob = false;
        continue;
      }
      const input = { abs, fromGlob };
      seen.set(key, input);
      inputs.push(input);
    }
  }
  return inputs;
}

/** The file's real path (symlinks resolved); its own path when that fails (reading it will say why). */
function realPath(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

/** The files an argument names; `glob` when it was a pattern (its matches may be skipped, see candidates.ts). */
async function expand(arg: string, cwd: string): Promise<{ files: string[]; glob: boolean }> {
  const abs = path.resolve(cwd, arg);
  if (fs.existsSync(abs)) return { files: fs.statSync(abs).isFile() ? [abs] : [], glob: false };
  if (!/[*?[\]{}]/.test(arg)) return { files: [], glob: false };
  const found = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
  return { files: found.sort(), glob: true };
}

function notFullyChecked(r: FileResult): boolean {
  return r.diagnostics.some((d) => d.code === RULE_FAILED);
}

function toJson(r: FileResult) {
  return {
    file: r.file,
    ...(notFullyChecked(r) ? { incomplete: true } : {}),
    diagnostics: r.diagnostics.map((d) => ({
      range: { start: r.lineOf(d.start), end: r.lineOf(d.end) },
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(isCloud(d) ? { source: CLOUD_SOURCE } : {}),
    })),
  };
}

function isCloud(d: Diagnostic): boolean {
  return d.code.startsWith('cloud/');
}

function cloudText(locale: Locale, id: 'off' | 'incomplete' | 'where', args: Record<string, string | number>): string {
  return cliText(locale, id === 'off' ? 'cloudOff' : id === 'incomplete' ? 'cloudIncomplete' : 'cloudWhere', args);
}

interface CloudFlags {
  region?: string;
  endpoint?: string;
  profile?: string;
  'app-id'?: string;
  'ecs-metadata'?: boolean;
  quiet?: boolean;
}

/**
 * `--cloud`: every file's MediaIds looked up in one batch (the same catalog and rules as the editor),
 * their diagnostics merged into the results. False when the checks could not run or not for every
 * MediaId: the run then ends with exit code 2, as for any I/O error.
 */
async function cloudChecks(results: FileResult[], flags: CloudFlags, io: Io, locale: Locale, service: TimelineService): Promise<boolean> {
  const region = flags.region ?? results.find((r) => r.settings?.region)?.settings?.region;
  let client;
  try {
    ({ client } = await makeClient(flags, io, region));
  } catch (e) {
    if (e instanceof CredentialsError || e instanceof EndpointError || e instanceof UsageError) {
      io.stderr(cloudText(locale, 'off', { reason: e instanceof UsageError ? e.message : setupMessage(e, locale) }) + '\n');
      return false;
    }
    throw e;
  }
  const ids = [...new Set(results.flatMap((r) => (r.doc ? cloudMediaIds(r.doc) : [])))];
  const where = flags['app-id'] ? cliText(locale, 'cloudWhereAppId', { region: client.endpoint.regionId, appId: flags['app-id'] }) : client.endpoint.regionId;
  const catalog = new MediaCatalog(client, { appId: flags['app-id'] });
  const found = await catalog.lookup(ids);
  const media = new Map<string, CloudMedia>(found.media.map((m) => [m.mediaId, m]));
  if (!flags.quiet) io.stderr(cloudText(locale, 'where', { count: ids.length, where, host: client.endpoint.host }) + '\n');
  for (const r of results) {
    if (!r.doc) continue;
    const extra = service.validateCloud(r.doc, r.settings ?? {}, locale, (id) => media.get(id), where);
    if (extra.length) r.diagnostics = [...r.diagnostics, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
  }
  if (found.unresolved.length) {
    io.stderr(cloudText(locale, 'incomplete', { count: found.unresolved.length, reason: found.error ? errorText(locale, found.error) : cliText(locale, 'unknownError') }) + '\n');
    return false;
  }
  return true;
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(results: FileResult[], cwd: string, executionSuccessful: boolean) {
  const rules = CODES.map((c) => ({
    id: c.code,
    shortDescription: { text: c.summary },
    defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
    // The code's rule page (docs/rules), as the editor links it.
    helpUri: `https://github.com/vod-timeline/vod-timeline/blob/main/docs/rules/en/${rulePageFile(c.code)}`,
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'vod-timeline', version: VERSION, informationUri: 'https://github.com/vod-timeline/vod-timeline', rules } },
      originalUriBaseIds: { SRCROOT: { uri: 'file://' + cwd.replace(/\\/g, '/') + '/' } },
      // false: something was not checked (a file not read, cloud checks or a rule that could not run).
      invocations: [{ executionSuccessful }],
      results: results.flatMap((r) => r.diagnostics.map((d) => {
        const s = r.lineOf(d.start);
        const e = r.lineOf(d.end);
        return {
          ruleId: d.code,
          ruleIndex: index.get(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [{
            physicalLocation: {
              artifactLocation: r.file === '<stdin>' ? { uri: 'stdin' } : { uri: r.file.split(path.sep).join('/'), uriBaseId: 'SRCROOT' },
              region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
            },
          }],
        };
      })),
    }],
  };
}
