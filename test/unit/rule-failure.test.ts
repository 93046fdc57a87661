// A rule that throws is never silent (issue 12): the document gets an `internal/rule-failed` error at
// its start that no `rules` setting hides, the log gets the stack and the document, Produce refuses it
// (editor and CLI), and `vod-timeline validate` exits 2. A failing rule is put in through the rules
// option the service, the CLI commands and the LSP adapter pass on (the real rules cannot be made to
// throw on purpose: the one that did, on a subtitle effect without Type, is fixed).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import * as lsp from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TimelineService, RULE_FAILED, type CloudRule, type Rule, type RuleFailure } from '../../server/src/service';
import { CLOUD_RULES, RULES, runCloudRules, runRules } from '../../server/src/service/validation';
import { schemaRule } from '../../server/src/service/rules/schema';
import { cloudMediaRule } from '../../server/src/service/rules/cloud-media';
import { localizer } from '../../server/src/service/l10n';
import { createServer } from '../../server/src/server';
import { validateCommand } from '../../cli/src/validate';
import { produceCommand } from '../../cli/src/produce';
import type { Io } from '../../cli/src/io';

/** The schema rule as if it had a bug: it reports one finding, then throws. */
const brokenSchemaRule: Rule = {
  codes: schemaRule.codes,
  run(ctx) {
    ctx.report({ start: 1, end: 2, severity: 'error', code: 'schema/type', message: 'reported before the bug' });
    throw new TypeError("Cannot read properties of undefined (reading 'length')");
  },
};
const RULES_WITH_BUG: readonly Rule[] = RULES.map((r) => (r === schemaRule ? brokenSchemaRule : r));
const brokenCloudRule: CloudRule = { codes: cloudMediaRule.codes, run() { throw new RangeError('cloud rule bug'); } };
const CLOUD_RULES_WITH_BUG: readonly CloudRule[] = CLOUD_RULES.map((r) => (r === cloudMediaRule ? brokenCloudRule : r));

/** Every way a user could try to silence it, and the failing rule's own group off too. */
const SILENCING = { 'schema/*': 'off', 'internal/rule-failed': 'off', 'internal/*': 'hint', 'cloud/*': 'off' } as const;

/** In ≥ Out (a warning of another rule) and an unknown key: the other rules still report. */
const TEXT = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 8, Out: 5, Foo: 1 }] }] }, null, 2) + '\n';
const CLEAN = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 5 }] }] }, null, 2) + '\n';
const SCHEMA_CODES = schemaRule.codes.join(', ');

suite('a rule that throws is never silent', () => {
  suite('service', () => {
    test('an internal/rule-failed error at the start of the document, naming the checks that did not run, whatever `rules` says', () => {
      const failures: RuleFailure[] = [];
      const service = new TimelineService({ rules: RULES_WITH_BUG, onRuleFailure: (f) => failures.push(f) });
      const doc = service.parse(TEXT, 1, 'file:///w/a.timeline.json');
      const diagnostics = service.validate(doc, { rules: { ...SILENCING } });
      assert.deepEqual(diagnostics[0], {
        start: 0, end: 0, severity: 'error', code: RULE_FAILED,
        message: `Not fully checked: an internal error stopped the checks for ${SCHEMA_CODES}, so problems of those kinds are not shown and Produce is refused. This is a bug in vod-timeline: please report it with the log (the VOD Timeline output in VS Code, the CLI's error output).`,
      });
      // The other rules still ran; what the failing rule reported before it threw follows the settings.
      assert.deepEqual(diagnostics.slice(1).map((d) => d.code), ['timing/in-not-before-out']);
      assert.equal(failures.length, 1);
      assert.deepEqual([failures[0].rule, failures[0].codes, failures[0].uri], ['schema/type', schemaRule.codes, 'file:///w/a.timeline.json']);
      assert.match(String((failures[0].error as Error).stack), /TypeError: Cannot read properties of undefined \(reading 'length'\)\n\s+at /);
      const zh = service.validate(doc, {}, 'zh-CN');
      assert.deepEqual([zh[0].code, zh[0].severity, zh[0].start, zh[0].end], [RULE_FAILED, 'error', 0, 0]);
      assert.match(zh[0].message, /^未完成全部检查：内部错误使以下检查未能运行：schema\/type, schema\/number-as-string/);
    });

    test('runRules with the real rules: no such diagnostic on a clean document, nor on the examples', () => {
      const service = new TimelineService();
      const doc = service.parse(CLEAN);
      assert.deepEqual(runRules(doc, service.schema, {}, localizer('en')), []);
      const examples = path.resolve(__dirname, '..', '..', 'examples');
      for (const f of fs.readdirSync(examples)) {
        const d = service.validate(service.parse(fs.readFileSync(path.join(examples, f), 'utf8')));
        assert.ok(!d.some((x) => x.code === RULE_FAILED), f);
      }
    });

    test('cloud rules: the same error, not hidden by "cloud/*": "off"', () => {
      const service = new TimelineService();
      const failures: RuleFailure[] = [];
      const doc = service.parse(TEXT, 1, 'file:///w/a.timeline.json');
      const media = () => ({ mediaId: 'a', found: false as const });
      const diagnostics = runCloudRules(doc, service.schema, { rules: { ...SILENCING } }, localizer('en'), media, 'cn-shanghai', (f) => failures.push(f), CLOUD_RULES_WITH_BUG);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.start, d.end]), [[RULE_FAILED, 'error', 0, 0]]);
      assert.match(diagnostics[0].message, /checks for cloud\/unknown-media, cloud\/media-status, cloud\/out-beyond-duration, cloud\/media-type,/);
      assert.deepEqual(failures.map((f) => [f.rule, f.uri, String(f.error)]), [['cloud/unknown-media', 'file:///w/a.timeline.json', 'RangeError: cloud rule bug']]);
      // Through the service, with its own rules and failure callback.
      const logged: RuleFailure[] = [];
      const viaService = new TimelineService({ cloudRules: CLOUD_RULES_WITH_BUG, onRuleFailure: (f) => logged.push(f) });
      assert.deepEqual(viaService.validateCloud(doc, { rules: { 'cloud/*': 'off' } }, 'en', media, 'cn-shanghai').map((d) => d.code), [RULE_FAILED]);
      assert.equal(logged.length, 1);
    });
  });

  suite('CLI', () => {
    let tmp: string;
    setup(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-rulefail-'));
      fs.writeFileSync(path.join(tmp, 'vod-timeline.config.json'), JSON.stringify({ rules: { 'schema/*': 'off', 'internal/rule-failed': 'off' } }));
      fs.writeFileSync(path.join(tmp, 'a.timeline.json'), TEXT);
      fs.writeFileSync(path.join(tmp, 'clean.timeline.json'), CLEAN);
    });
    teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

    function io(): Io & { out: string; err: string } {
      const r = {
        out: '', err: '',
        stdout: (s: string) => { r.out += s; },
        stderr: (s: string) => { r.err += s; },
        readStdin: async () => '',
        cwd: tmp,
        // No credentials and no proxy: nothing here may reach a network.
        env: { LANG: 'en_US.UTF-8', HOME: tmp } as NodeJS.ProcessEnv,
      };
      return r;
    }

    test('validate: exit 2 (not 1, although there are errors), the error in the text output, the stack and a summary on stderr', async () => {
      const r = io();
      const code = await validateCommand(['a.timeline.json', 'clean.timeline.json'], r, { rules: RULES_WITH_BUG });
      assert.equal(code, 2);
      const lines = r.out.split('\n');
      assert.equal(lines[0], `a.timeline.json:1:1 error internal/rule-failed Not fully checked: an internal error stopped the checks for ${SCHEMA_CODES}, so problems of those kinds are not shown and Produce is refused. This is a bug in vod-timeline: please report it with the log (the VOD Timeline output in VS Code, the CLI's error output).`);
      assert.match(lines[1], /^a\.timeline\.json:7:\d+ warning timing\/in-not-before-out /);
      assert.match(lines[2], /^clean\.timeline\.json:1:1 error internal\/rule-failed /);
      assert.match(r.err, /config: "internal\/rule-failed" cannot be changed or turned off/);
      assert.match(r.err, /^a\.timeline\.json: internal error: the checks for schema\/type, .* could not run \(a bug in vod-timeline; please report it with this output\):\nTypeError: Cannot read properties of undefined \(reading 'length'\)\n\s+at /m);
      assert.equal(r.err.match(/: internal error: /g)?.length, 2, 'once per file');
      assert.match(r.err, /2 error\(s\), 1 warning\(s\)\nnot fully checked: 2 file\(s\), where an internal error stopped some checks \(internal\/rule-failed\); exit code 2\n$/);
    });

    test('validate: still exit 2 with --quiet, --fix and in Chinese', async () => {
      const r = io();
      assert.equal(await validateCommand(['--quiet', '--fix', '--locale', 'zh-CN', 'clean.timeline.json'], r, { rules: RULES_WITH_BUG }), 2);
      assert.match(r.out, /^clean\.timeline\.json:1:1 error internal\/rule-failed 未完成全部检查/);
      assert.equal(r.err.match(/内部错误：/g)?.length, 1);
      assert.match(r.err, /未完成全部检查：有 1 个文件因内部错误未能运行部分检查（internal\/rule-failed）；退出码 2\n$/);
    });

    test('validate --format json: the diagnostic and "incomplete": true; SARIF: executionSuccessful false', async () => {
      const r = io();
      assert.equal(await validateCommand(['--format', 'json', 'a.timeline.json'], r, { rules: RULES_WITH_BUG }), 2);
      const [file] = JSON.parse(r.out);
      assert.equal(file.incomplete, true);
      assert.deepEqual([file.diagnostics[0].code, file.diagnostics[0].severity, file.diagnostics[0].range], [RULE_FAILED, 'error', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
      assert.match(r.err, /not fully checked: 1 file\(s\)/);
      const s = io();
      assert.equal(await validateCommand(['--format', 'sarif', 'a.timeline.json'], s, { rules: RULES_WITH_BUG }), 2);
      const run = JSON.parse(s.out).runs[0];
      assert.deepEqual(run.invocations, [{ executionSuccessful: false }]);
      assert.deepEqual([run.results[0].ruleId, run.results[0].level, run.tool.driver.rules[run.results[0].ruleIndex].id], [RULE_FAILED, 'error', RULE_FAILED]);
      // Without the failing rule: exit 0 (In ≥ Out is a warning, schema/* is off), no "incomplete", a successful execution.
      const ok = io();
      assert.equal(await validateCommand(['--format', 'json', 'a.timeline.json'], ok), 0);
      assert.equal('incomplete' in JSON.parse(ok.out)[0], false);
      const okSarif = io();
      await validateCommand(['--format', 'sarif', 'a.timeline.json'], okSarif);
      assert.deepEqual(JSON.parse(okSarif.out).runs[0].invocations, [{ executionSuccessful: true }]);
    });

    test('produce: refused (exit 2) before credentials are even looked for; nothing is sent', async () => {
      const r = io();
      // A closed loopback port: were anything sent, it would fail with a connection error instead.
      const code = await produceCommand(['clean.timeline.json', '--yes', '--endpoint', 'http://127.0.0.1:9'], r, { rules: { rules: RULES_WITH_BUG } });
      assert.equal(code, 2);
      assert.match(r.err, /^clean\.timeline\.json: internal error: the checks for schema\/type, .*\nTypeError: /m);
      assert.match(r.err, /clean\.timeline\.json:1:1 error internal\/rule-failed Not fully checked/);
      assert.match(r.err, /not produced: 1 error\(s\) in clean\.timeline\.json/);
      assert.doesNotMatch(r.err, /credentials:/);
      assert.equal(r.out, '');
    });
  });

  suite('LSP', () => {
    let tmp: string;
    let conn: MessageConnection;
    const logs: string[] = [];
    const published = new Map<string, { code: string; severity: number; range: lsp.Range; message: string }[]>();
    let wake: () => void = () => undefined;

    setup(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-rulefail-lsp-'));
      fs.writeFileSync(path.join(tmp, 'vod-timeline.config.json'), JSON.stringify({ rules: { 'schema/*': 'off', 'internal/rule-failed': 'off' } }));
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      const server = lsp.createConnection(lsp.ProposedFeatures.all, new lsp.StreamMessageReader(toServer), new lsp.StreamMessageWriter(toClient));
      createServer(server, { rules: RULES_WITH_BUG });
      server.listen();
      conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
      conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); wake(); });
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: never[] }) => { published.set(p.uri, p.diagnostics); wake(); });
      conn.onRequest('workspace/configuration', () => [{}]);
      conn.onRequest('client/registerCapability', () => null);
      conn.listen();
      await conn.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
      await conn.sendNotification('initialized', {});
    });
    teardown(async () => {
      await new Promise((r) => setTimeout(r, 80));
      conn.dispose();
      fs.rmSync(tmp, { recursive: true, force: true });
      logs.length = 0;
      published.clear();
    });

    function until<T>(pred: () => T | undefined, what: string): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
        const check = () => {
          const v = pred();
          if (v) { clearTimeout(timer); resolve(v); } else wake = check;
        };
        check();
      });
    }

    test('published at 0:0 as an error despite the config, logged with the URI and the stack, and Produce refused', async () => {
      const uri = pathToFileURL(path.join(tmp, 'a.timeline.json')).toString();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version: 1, text: CLEAN } });
      const diagnostics = await until(() => published.get(uri), 'diagnostics');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range]), [[RULE_FAILED, lsp.DiagnosticSeverity.Error, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]]);
      assert.match(diagnostics[0].message, /^Not fully checked: an internal error stopped the checks for schema\/type/);
      const log = await until(() => logs.find((l) => l.startsWith('rule schema/type failed')), 'the log line');
      assert.ok(log.startsWith(`rule schema/type failed on ${uri} (not checked: ${SCHEMA_CODES}): TypeError: Cannot read properties of undefined (reading 'length')\n    at `), log);
      assert.ok(logs.some((l) => l.includes('"internal/rule-failed" cannot be changed or turned off')), 'the config problem is logged');
      // The editor's Produce asks this and refuses any document with errors (client/src/produce/produceCommand.ts).
      const answer = await conn.sendRequest<{ errors: { code: string; message: string; range: lsp.Range }[] }>('vodTimeline/produceRequest', { uri });
      assert.deepEqual(answer.errors.map((e) => [e.code, e.range.start]), [[RULE_FAILED, { line: 0, character: 0 }]]);
    });
  });
});
