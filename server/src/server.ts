// The LSP adapter: document → cached parse → one service call. Validation runs at once on open and
// debounced on change (or on the client's pull), results for stale versions are dropped, and every
// handler is guarded so that one bad request cannot take the server down.

import * as path from 'node:path';
import { format } from 'node:util';
import * as lsp from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TimelineService, type Diagnostic, type RuleFailure, type RuleSet, type ServiceSettings, type TimelineDocument, type CompletionItem } from './service';
import { ParseCache } from './documents';
import * as convert from './convert';
import { findConfig, loadConfig, type LoadedConfig } from './config';
import { WorkspaceValidator } from './workspace';
import { ownsDocument } from './ownership';
import { uriToPath } from './uri';
import { layoutResult } from './layoutResult';
import { CloudState, withTimeout } from './cloud';
import { DirectMessageWriter, ResyncingMessageReader } from './framing';
import { ServerTextDocument } from './textDocument';
import { checkedSync } from './textSync';
import { clientSettings } from './clientSettings';
import {
  CLOUD_SOURCE, CloudMediaRequest, CloudRefreshNotification, CompositionRequest, LayoutRequest, MediaIdsRequest, ProduceRequestRequest, SummaryRequest,
  type ClientSettings, type InitializationOptions, type RequestType,
} from './protocol';
import { defaultRulePagesBase, rulePageHref } from './rulePages';
import { trace, traceInput } from './trace';
import { InlayHints } from './inlayHints';

const DEFAULT_DELAY_MS = 50;

interface ServerHandle {
  connection: lsp.Connection;
}

/** `rules`: the service's rules, all of them but in tests (a failing rule, to see what a failure does). */
export function createServer(connection: lsp.Connection, rules: RuleSet = {}): ServerHandle {
  // Line starts found by indexOf and only when asked for (textDocument.ts): applying the first edit to
  // the 2.6 MB maximum document took the library 13–23 ms.
  const documents = new lsp.TextDocuments(ServerTextDocument);
  let locale = 'en';
  let settings: ClientSettings = {};
  let pullDiagnostics = false;
  let workspaceFolders: string[] = [];
  let configurationRequests = false;
  /** Where the rule pages are (initializationOptions.rulePages, else beside this server). */
  let rulePages: string | undefined;
  const page = (code: string) => rulePageHref(rulePages, locale, code);

  const log = (message: string) => connection.console.log(message);
  const logError = (what: string, e: unknown) => connection.console.error(`${what}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);

  // The document shows an internal/rule-failed error; the output channel gets what a bug report needs.
  const onRuleFailure = (f: RuleFailure) => logError(ruleFailureText(f), f.error);
  const service = new TimelineService({
    ...rules,
    onRuleFailure,
    host: {
      // MediaIds come from the client (history, the media library) when it offers them.
      mediaIds: async (prefix) => {
        if (!clientProvidesMediaIds) return [];
        try {
          const result = await withTimeout(ask(MediaIdsRequest, { prefix }), 1500);
          return result?.items ?? [];
        } catch {
          return [];
        }
      },
    },
  });
  let clientProvidesMediaIds = false;
  const cache = new ParseCache(service);
  // Cloud facts arrive after the local diagnostics; when they change, open documents are checked again.
  const cloud = new CloudState({
    request: (params) => ask(CloudMediaRequest, params),
    service,
    onChange: () => {
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else revalidateOpen();
    },
    logError,
  });
  const configs = new Map<string, LoadedConfig>();
  const inlay = new InlayHints({
    connection, service, parsed, logError,
    version: (uri) => documents.get(uri)?.version,
    settingsFor: (uri) => serviceSettings(uri),
    locale: () => locale,
    enabled: () => settings.inlayHints?.enabled !== false,
  });

  function configFor(uri: string): LoadedConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const fsPath = uriToPath(uri);
    const configFile = findConfig(path.dirname(fsPath));
    if (!configFile) return undefined;
    let loaded = configs.get(configFile);
    if (!loaded) {
      loaded = loadConfig(configFile);
      configs.set(configFile, loaded);
      for (const p of loaded.problems) log(`${p.file}:${p.line}:${p.column} ${p.message}`);
    }
    return loaded;
  }

  function serviceSettings(uri: string): ServiceSettings {
    const config = configFor(uri)?.config;
    return { region: settings.region || config?.region, rules: config?.rules };
  }

  function guard<P, R>(name: string, fallback: R, handler: (params: P, token?: lsp.CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: lsp.CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (e) {
        logError(`${name} failed`, e);
        return fallback;
      }
    };
  }

  /** A custom request's handler, typed by its constant in protocol.ts and guarded. */
  function handle<P, R>(type: RequestType<P, R>, fallback: R, handler: (params: P, token?: lsp.CancellationToken) => R | Promise<R>): void {
    connection.onRequest(type.method, guard(type.method, fallback, handler));
  }

  /** A server → client request, typed by its constant in protocol.ts. */
  function ask<P, R>(type: RequestType<P, R>, params: P): Promise<R> {
    return connection.sendRequest<R>(type.method, params);
  }

  function parsed(uri: string): TimelineDocument | undefined {
    const document = documents.get(uri);
    if (!document || !ownsDocument(document)) return undefined;
    return cache.get(document);
  }

  function diagnosticsFor(doc: TimelineDocument, uri: string): lsp.Diagnostic[] {
    const settings = serviceSettings(uri);
    const found = service.validate(doc, settings, locale);
    trace('validated', uri);
    const local = found.map((d: Diagnostic) => convert.diagnostic(doc, d, uri, page));
    const remote = cloud.diagnostics(doc, settings, locale).map((d) => ({ ...convert.diagnostic(doc, d, uri, page), source: CLOUD_SOURCE }));
    trace('converted', uri);
    return remote.length ? [...local, ...remote] : local;
  }

  // Push mode: validate now on open, debounced on change; never publish for a version that is gone.
  const timers = new Map<string, NodeJS.Timeout>();
  /** Bumped per didOpen: part of the pull resultId (see onDidOpen). */
  const openEpoch = new Map<string, number>();
  let openCounter = 0;
  function validateSoon(document: TextDocument, delay: number): void {
    const uri = document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    const run = () => {
      timers.delete(uri);
      const current = documents.get(uri);
      if (!current || current.version !== document.version) return;
      try {
        if (!ownsDocument(current)) {
          void connection.sendDiagnostics({ uri, diagnostics: [] });
          return;
        }
        const doc = cache.get(current);
        const diagnostics = diagnosticsFor(doc, uri);
        if (documents.get(uri)?.version !== document.version) return;
        void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
      } catch (e) {
        logError('validation failed', e);
      }
    };
    if (delay <= 0) run();
    else timers.set(uri, setTimeout(run, delay));
  }

  const workspace = new WorkspaceValidator({
    connection,
    service,
    isOpen: (uri) => documents.get(uri) !== undefined,
    settingsFor: serviceSettings,
    locale: () => locale,
    page,
    log,
    logError,
  });

  let initialized = false;
  connection.onInitialize((params): lsp.InitializeResult | lsp.ResponseError<lsp.InitializeError> => {
    // Once per session, as the protocol says: a second one (any client bug) would switch the locale,
    // the diagnostics mode and the folders under the documents already open.
    if (initialized) return new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, 'initialize was already received', { retry: false });
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    locale = options.locale ?? params.locale ?? 'en';
    pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    configurationRequests = !!params.capabilities.workspace?.configuration;
    clientProvidesMediaIds = !!options.mediaIds;
    rulePages = options.rulePages ?? defaultRulePagesBase();
    cloud.offered = !!options.cloud;
    if (options.settings) settings = clientSettings(options.settings);
    // The client says whether checks are on before its settings arrive (workspace/configuration).
    cloud.checksEnabled = cloudChecksEnabled() && options.cloudChecks !== false;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [uriToPath(params.rootUri)];
    const capabilities: lsp.ServerCapabilities = {
      textDocumentSync: { openClose: true, change: lsp.TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: true },
      hoverProvider: true,
      documentSymbolProvider: { label: 'VOD Timeline' },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll] },
      selectionRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      colorProvider: true,
    };
    if (pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'vod-timeline', interFileDependencies: false, workspaceDiagnostics: false };
    capabilities.inlayHintProvider = inlay.initialize(params.capabilities);
    initialized = true;
    return { capabilities, serverInfo: { name: 'vod-timeline', version: VERSION } };
  });

  connection.onInitialized(() => {
    void (async () => {
      await refreshSettings();
      workspace.start(workspaceFolders, settings.validation?.workspace ?? 'all', settings.validation?.maxFiles ?? 2000);
    })();
  });

  // Settings arrive two ways: asked for (workspace/configuration) and pushed (didChangeConfiguration).
  // An answer to a question asked before a newer push or question would put older settings back: at
  // start-up, a change pushed while the first question was out was lost until the next change.
  let settingsGeneration = 0;
  async function refreshSettings(): Promise<void> {
    if (!configurationRequests) return;
    const generation = ++settingsGeneration;
    try {
      const [s] = await connection.workspace.getConfiguration([{ section: 'vodTimeline' }]);
      if (generation !== settingsGeneration) return;
      if (s && typeof s === 'object') settings = clientSettings(s);
      cloud.checksEnabled = cloudChecksEnabled();
    } catch (e) {
      logError('reading settings failed', e);
    }
  }

  connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, async (params: lsp.DidChangeConfigurationParams) => {
    const pushed = (params.settings as { vodTimeline?: unknown } | null | undefined)?.vodTimeline;
    if (pushed) {
      settingsGeneration++;
      settings = clientSettings(pushed);
    } else {
      await refreshSettings();
    }
    cloud.checksEnabled = cloudChecksEnabled();
    revalidateAll();
  }));

  function cloudChecksEnabled(): boolean {
    return settings.cloud?.enabled !== false && settings.cloud?.checks !== false;
  }

  connection.onNotification(CloudRefreshNotification.method, () => {
    try {
      cloud.refresh();
    } catch (e) {
      logError('cloud refresh failed', e);
    }
  });

  // Every open document again (settings, the config, cloud facts changed), one per turn of the event
  // loop: requests are answered in between (60 large documents in one go held them up for 3-4 s).
  const revalidating = new Set<string>();
  function revalidateOpen(): void {
    const idle = revalidating.size === 0;
    for (const d of documents.all()) revalidating.add(d.uri);
    if (idle && revalidating.size) setImmediate(nextRevalidation);
  }
  function nextRevalidation(): void {
    const [uri] = revalidating;
    if (uri === undefined) return;
    revalidating.delete(uri);
    const d = documents.get(uri);
    if (d) validateSoon(d, 0);
    if (revalidating.size) setImmediate(nextRevalidation);
  }

  function revalidateAll(): void {
    configs.clear();
    inlay.refresh();
    if (!pullDiagnostics) revalidateOpen();
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    workspace.revalidate();
  }

  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, (params: lsp.DidChangeWatchedFilesParams) => {
    let configChanged = false;
    for (const change of params.changes) {
      if (change.uri.endsWith('/vod-timeline.config.json')) configChanged = true;
      else workspace.fileChanged(change.uri, change.type);
    }
    if (configChanged) revalidateAll();
  }));

  documents.onDidOpen((e) => {
    trace('open', e.document.uri);
    // A document closed and opened again under the same URI (untitled) starts again at version 1:
    // its pull resultIds must not match the old one's.
    openEpoch.set(e.document.uri, ++openCounter);
    // …and its parse must be of the new text, even at the same version as a parse of the old one.
    cache.delete(e.document.uri);
    workspace.forget(e.document.uri);
    if (!pullDiagnostics) validateSoon(e.document, 0);
    // The client keeps pushed and pulled diagnostics in separate collections: once the editor pulls
    // an open file's problems, the workspace pass's pushed copy would show every problem twice.
    else if (workspace.covers(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.onDidChangeContent((e) => {
    trace('change', e.document.uri);
    if (!pullDiagnostics) validateSoon(e.document, settings.validation?.delay ?? DEFAULT_DELAY_MS);
  });
  documents.onDidClose((e) => {
    cloud.forget(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    // A closed file is still part of the workspace: its problems stay visible from the workspace pass.
    workspace.reopen(e.document.uri);
    if (!workspace.covers(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(guard('diagnostic', { kind: lsp.DocumentDiagnosticReportKind.Full, items: [] } as lsp.DocumentDiagnosticReport, (params: lsp.DocumentDiagnosticParams) => {
    trace('pull', params.textDocument.uri);
    const doc = parsed(params.textDocument.uri);
    trace('parsed', params.textDocument.uri);
    if (!doc) return { kind: lsp.DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${openEpoch.get(params.textDocument.uri) ?? 0}.${doc.version}:${cloud.generation}:${settingsKey(params.textDocument.uri)}`;
    if (params.previousResultId === resultId) return { kind: lsp.DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: lsp.DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsFor(doc, params.textDocument.uri) };
  }));

  function settingsKey(uri: string): string {
    return JSON.stringify(serviceSettings(uri)) + locale;
  }

  // Completion items carry their documentation only after resolve: a key list can be long. Each list
  // gets an id that its items carry, and the last few lists are kept: an item resolved after a newer
  // list (an incomplete list asked again) still gets its own documentation, never another item's.
  const completionLists = new Map<number, CompletionItem[]>();
  let completionListId = 0;
  const KEPT_COMPLETION_LISTS = 8;
  connection.onCompletion(guard('completion', null, async (params: lsp.CompletionParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return null;
    const offset = convert.offsetOf(doc, params.position);
    const result = await service.complete(doc, offset, locale);
    // Convert before anything else can replace this version (completion awaits the client above).
    const list = ++completionListId;
    const items = result.items.map((item, i): lsp.CompletionItem => ({
      ...convert.completionItem(doc, item, false),
      ...(item.labelDescription ? { labelDetails: { description: item.labelDescription } } : {}),
      data: { list, i },
    }));
    completionLists.set(list, result.items);
    completionLists.delete(list - KEPT_COMPLETION_LISTS);
    return { isIncomplete: result.isIncomplete, items };
  }));
  connection.onCompletionResolve(guard('completionResolve', null as unknown as lsp.CompletionItem, (item: lsp.CompletionItem) => {
    const data = item.data as { list?: number; i?: number } | undefined;
    const source = data?.list !== undefined && data.i !== undefined ? completionLists.get(data.list)?.[data.i] : undefined;
    // The label check guards against a client that hands back an item it changed.
    if (source?.documentation && source.label === item.label) item.documentation = { kind: lsp.MarkupKind.Markdown, value: source.documentation };
    return item;
  }));

  connection.onHover(guard('hover', null, async (params: lsp.HoverParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return null;
    // A hovered MediaId is looked up in the media library (once, then cached); the rest is local.
    const h = await cloud.hover(doc, convert.offsetOf(doc, params.position), locale);
    if (!h) return null;
    return { contents: { kind: lsp.MarkupKind.Markdown, value: h.contents }, range: convert.range(doc, h.start, h.end) };
  }));

  // Where each clip lands, for the visible range (inlayHints.ts).
  connection.languages.inlayHint.on(guard('inlayHint', null, (params: lsp.InlayHintParams, token) => inlay.hints(params, token)));
  connection.languages.inlayHint.resolve((hint) => inlay.resolve(hint));

  connection.onDocumentSymbol(guard('documentSymbol', [], (params: lsp.DocumentSymbolParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.symbols(doc, locale).map((s) => convert.documentSymbol(doc, s));
  }));

  connection.onFoldingRanges(guard('foldingRanges', [], (params: lsp.FoldingRangeParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.folding(doc);
  }));

  connection.onSelectionRanges(guard('selectionRanges', [], (params: lsp.SelectionRangeParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.selectionRanges(doc, params.positions.map((p) => convert.offsetOf(doc, p))).map((s) => convert.selectionRange(doc, s));
  }));

  connection.onDocumentFormatting(guard('formatting', [], (params: lsp.DocumentFormattingParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return convert.textEdits(doc, service.format(doc, { tabSize: params.options.tabSize, insertSpaces: params.options.insertSpaces }));
  }));

  connection.onDocumentRangeFormatting(guard('rangeFormatting', [], (params: lsp.DocumentRangeFormattingParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    const range = { start: convert.offsetOf(doc, params.range.start), end: convert.offsetOf(doc, params.range.end) };
    return convert.textEdits(doc, service.format(doc, { tabSize: params.options.tabSize, insertSpaces: params.options.insertSpaces }, range));
  }));

  connection.onCodeAction(guard('codeAction', [], (params: lsp.CodeActionParams) => {
    const uri = params.textDocument.uri;
    const doc = parsed(uri);
    if (!doc) return [];
    const start = convert.offsetOf(doc, params.range.start);
    const end = convert.offsetOf(doc, params.range.end);
    const actions = service.codeActions(doc, start, end, serviceSettings(uri), locale, params.context.only);
    return actions.map((a): lsp.CodeAction => ({
      title: a.title,
      kind: a.kind === 'quickfix' ? lsp.CodeActionKind.QuickFix : lsp.CodeActionKind.SourceFixAll,
      diagnostics: a.diagnostics.map((d) => convert.diagnostic(doc, d, uri, page)),
      isPreferred: a.preferred,
      edit: { documentChanges: [{ textDocument: { uri, version: doc.version ?? null }, edits: convert.textEdits(doc, a.edits) }] },
    }));
  }));

  connection.onDefinition(guard('definition', [], (params: lsp.DefinitionParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.definition(doc, convert.offsetOf(doc, params.position)).map((s) => ({ uri: params.textDocument.uri, range: convert.range(doc, s.start, s.end) }));
  }));

  connection.onReferences(guard('references', [], (params: lsp.ReferenceParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.references(doc, convert.offsetOf(doc, params.position), params.context.includeDeclaration).map((s) => ({ uri: params.textDocument.uri, range: convert.range(doc, s.start, s.end) }));
  }));

  connection.onPrepareRename(guard('prepareRename', null, (params: lsp.PrepareRenameParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return null;
    const r = service.prepareRename(doc, convert.offsetOf(doc, params.position));
    return r ? { range: convert.range(doc, r.start, r.end), placeholder: r.placeholder } : null;
  }));

  connection.onRenameRequest(guard('rename', null, (params: lsp.RenameParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return null;
    const edits = service.rename(doc, convert.offsetOf(doc, params.position), params.newName);
    if (!edits.length) return null;
    return { documentChanges: [{ textDocument: { uri: params.textDocument.uri, version: doc.version ?? null }, edits: convert.textEdits(doc, edits) }] };
  }));

  // Swatches and the colour picker on the schema's colour fields (service/colors.ts).
  connection.onDocumentColor(guard('documentColor', [], (params: lsp.DocumentColorParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    return service.colors(doc).map((c) => ({ range: convert.range(doc, c.start, c.end), color: c.color }));
  }));

  connection.onColorPresentation(guard('colorPresentation', [], (params: lsp.ColorPresentationParams) => {
    const doc = parsed(params.textDocument.uri);
    if (!doc) return [];
    const presentations = service.colorPresentations(doc, convert.offsetOf(doc, params.range.start), convert.offsetOf(doc, params.range.end), params.color);
    return presentations.map((p) => ({ label: p.label, textEdit: convert.textEdits(doc, [p.edit])[0] }));
  }));

  // Custom requests for the extension client (status bar, Produce, preview).
  handle(SummaryRequest, null, (params) => {
    const doc = parsed(params.uri);
    if (!doc) return null;
    return { version: doc.version, ...service.summary(doc, serviceSettings(params.uri)) };
  });

  handle(ProduceRequestRequest, null, (params) => {
    const doc = parsed(params.uri);
    if (!doc) return null;
    const diagnostics = service.validate(doc, serviceSettings(params.uri), locale);
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message, range: convert.range(doc, d.start, d.end) }));
    return { version: doc.version, plan: service.produceRequest(doc, { appId: params.appId }), errors, summary: service.summary(doc, serviceSettings(params.uri)) };
  });

  // Where every clip lands (preview, CodeLens, inspect): the service's layout with LSP ranges.
  handle(LayoutRequest, null, (params) => {
    const doc = parsed(params.uri);
    if (!doc) return null;
    return layoutResult(doc, service);
  });

  // What the preview's player draws and plays, with what the client knows of the media.
  handle(CompositionRequest, null, (params) => {
    const doc = parsed(params.uri);
    if (!doc) return null;
    const media = params.media ?? {};
    const composition = service.composition(doc, locale, { media: (id) => (Object.prototype.hasOwnProperty.call(media, id) ? media[id] : undefined) });
    return composition ? { version: doc.version, ...composition } : null;
  });

  // Malformed sync notifications are dropped before they reach the documents (textSync.ts).
  documents.listen(checkedSync(connection, (method, why) => connection.console.warn(`${method} dropped: ${why}`)));
  return { connection };
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

/** Keeps the process alive on stray errors: the editor should not lose its language server over one. */
function installProcessGuards(connection: lsp.Connection): void {
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
}

/** The log line's head; logError appends the stack. */
function ruleFailureText(f: RuleFailure): string {
  return `rule ${f.rule} failed on ${f.uri ?? 'a document without URI'} (not checked: ${f.codes.join(', ')})`;
}

/** Node IPC / stdio / socket, chosen from the command line as vscode-languageclient passes it. */
export function startServer(): void {
  const connection = process.argv.includes('--stdio') ? createStdioConnection() : lsp.createConnection(lsp.ProposedFeatures.all);
  installProcessGuards(connection);
  createServer(connection);
  connection.listen();
}

/** `vod-timeline lsp --stdio`. */
export function startStdioServer(): void {
  const connection = createStdioConnection();
  installProcessGuards(connection);
  createServer(connection);
  connection.listen();
}

/**
 * A connection over stdin/stdout whose reader resynchronises after broken framing (framing.ts).
 * Given a reader rather than the streams, vscode-languageserver no longer does two things it does for
 * `--stdio`, so they are done here: exit when stdin ends (0 after a shutdown request, as it does), and
 * keep console output off stdout, where it would corrupt the protocol.
 */
function createStdioConnection(): lsp.Connection {
  // Before the reader's own listener: with VOD_TIMELINE_TRACE=1, notes when each large message's last byte arrived.
  traceInput(process.stdin);
  const reader = new ResyncingMessageReader(process.stdin);
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, reader, new DirectMessageWriter(process.stdout));
  let shutdown = false;
  // createServer registers no shutdown handler; this one only notes the request.
  connection.onShutdown(() => { shutdown = true; });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  // One line per broken frame in the log: enough to see what a client sends wrong.
  reader.onError((e) => connection.console.warn(`stdin: ${e.message}`));
  for (const level of ['log', 'info', 'debug'] as const) console[level] = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}
