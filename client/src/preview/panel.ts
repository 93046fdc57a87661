// One preview panel bound to one timeline document: it asks the language server for the layout
// (`vodTimeline/layout`) after edits (debounced), maps the document's diagnostics onto the clips,
// sends the result to the webview, selects a clip's JSON when its bar is clicked and highlights the
// bar under the editor's cursor.
import * as path from 'node:path';
import vscode = require('vscode');
import { previewHtml } from './html';
import { playerFeed, type PlayerDeps, type PlayerFeedResult } from './playerFeed';
import type { LayoutSource } from './layoutSource';
import { buildPreviewModel, ClipIndex, emptyModel, type SimpleDiagnostic } from './model';
import { DeltaSender, type Outgoing } from './delta';
import type { BarRef, FromWebview, InitialModel, LayoutResult, PreviewModel, Severity, ToWebview } from './protocol';
import { setting } from '../settings';

export const VIEW_TYPE = 'vodTimeline.preview';

export type { LayoutApi as PreviewApi } from './layoutSource';

/** What the host tests read through `vodTimeline.preview._testState` (test/host/suite/preview.test.ts imports this type). */
export interface PreviewTestState {
  uri: string;
  visible: boolean;
  documentVersion: number;
  /** Version of the model the webview drew last (-1 before the first). */
  renderedVersion: number;
  renders: number;
  bars: number;
  lanes: number;
  drawn: number;
  paintMs: number;
  /** Milliseconds from sending the model to the webview until it reported it drawn. */
  transferMs: number;
  /** Of which: from sending the model until the webview received it. */
  toWebviewMs: number;
  /** The last `vodTimeline/layout` request and building the model from it (and the delta or wire bytes). */
  requestMs: number;
  modelMs: number;
  /** The last update the webview drew: a delta (else the full model), its bytes, and the webview's decoding. */
  delta: boolean;
  sentBytes: number;
  decodeMs: number;
  /** Full models sent because the webview asked (it missed a step). */
  resyncs: number;
  /** From the edit (the change event) until the refresh began: the typing delay and a busy extension host. */
  waitMs: number;
  /** From the webview's paint until the extension heard of it. */
  backMs: number;
  /** Epoch ms: the edit behind the last refresh arrived (change event); the extension heard the webview drew it. */
  changedAt: number;
  renderedAt: number;
  /** From creating the panel until the webview's page started loading, had its HTML, its stylesheet and script, and ran the script. */
  webviewOriginMs: number | null;
  webviewHtmlMs: number | null;
  webviewLoadedMs: number | null;
  webviewScriptMs: number | null;
  /** From opening the preview (or the edit) to the webview drawing the model. */
  firstRenderMs: number | null;
  duration: number | null;
  errors: number;
  warnings: number;
  /** Bars the webview marks with an error / a warning (it reports them after each update). */
  clipsWithErrors: number;
  clipsWithWarnings: number;
  /** From creating the panel until its webview loaded and said "ready". */
  webviewReadyMs: number | null;
  current: { kind: string; track: number; clip: number } | null;
  pxPerSecond: number;
  lastError: string | null;
  /** The player, as the webview last reported it. */
  player: PlayerReport | null;
  /** What the extension last gave the player. */
  playerFeed: { mediaIds: number; playable: number; notice?: string; origins: string[] } | null;
}

export type PlayerReport = Extract<FromWebview, { type: 'playerState' }>;

const SEVERITY: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 3,
  [vscode.DiagnosticSeverity.Warning]: 2,
  [vscode.DiagnosticSeverity.Information]: 1,
  [vscode.DiagnosticSeverity.Hint]: 1,
};

/** The player's input is asked for once the lanes show the document's version and no edit came for this long. */
const FEED_AFTER_EDIT_MS = 400;
/**
 * How long a new preview waits for its first model before its page is written without one. The layout
 * of the 6,600-clip document takes 150–250 ms; the page written with it draws as its script runs,
 * instead of after the page's "ready" and a 400 KB message through a workbench busy with the document
 * just opened: first paint about 0.2 s sooner there (README, "Preview on the maximum document").
 */
const FIRST_MODEL_WAIT_MS = 400;

function updateDelay(): number {
  return setting('preview.updateDelay');
}

export class TimelinePreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<void>();
  private readonly received = new vscode.EventEmitter<FromWebview>();
  private layout: LayoutResult | null = null;
  private layoutVersion = -1;
  private index = new ClipIndex(undefined);
  private model: PreviewModel | undefined;
  /** Numbers the models sent; after the first, each update goes as the delta from the webview's (delta.ts). */
  private readonly sender = new DeltaSender();
  private resyncs = 0;
  private current: BarRef | null = null;
  private pending: NodeJS.Timeout | undefined;
  private generation = 0;
  /** Layout requests answered with null in a row (the server has not opened the document yet). */
  private misses = 0;
  private ready = false;
  private disposed = false;
  private readonly openedAt = Date.now();
  private stats = { renderedVersion: -1, renders: 0, drawn: 0, paintMs: 0, transferMs: 0, toWebviewMs: 0, firstRenderMs: null as number | null, pxPerSecond: 0, delta: false, decodeMs: 0, backMs: 0, renderedAt: 0 };
  /** Milliseconds of the last refresh: the layout request, building the model; the bytes posted. */
  private timing = { requestMs: 0, modelMs: 0, waitMs: 0, sentBytes: 0, changedAt: 0 };
  /** When the last edit arrived (epoch ms; 0: none since the last refresh began). */
  private changedAt = 0;
  private webviewTiming: { origin: number; html: number; loaded: number; script: number } | null = null;
  private lastError: string | null = null;
  private marked = { version: -1, errors: 0, warnings: 0 };
  private readyAt: number | null = null;
  private htmlWritten = false;
  private htmlTimer: NodeJS.Timeout | undefined;
  private feed: PlayerFeedResult | undefined;
  private feedPending: NodeJS.Timeout | undefined;
  private feedGeneration = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private playerHeight = 360;
  private origins: string[] = [];
  private playerReport: PlayerReport | null = null;
  readonly onDidRender = this.rendered.event;
  /** Every message from the webview, after it was handled. */
  readonly onDidReceiveMessage = this.received.event;
  readonly onDidDispose: vscode.Event<void>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly document: vscode.TextDocument,
    private readonly layouts: LayoutSource,
    private readonly extensionUri: vscode.Uri,
    private readonly player: PlayerDeps,
  ) {
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'preview')] };
    this.origins = [];
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'timeline-file.svg');
    this.onDidDispose = panel.onDidDispose;
    this.setTitle();
    // The page is written once the first model is built (it draws it as soon as its script runs), or
    // after FIRST_MODEL_WAIT_MS without it (a server still starting: the model then follows 'ready').
    this.htmlTimer = setTimeout(() => this.setHtml(), FIRST_MODEL_WAIT_MS);
    this.disposables.push(
      this.rendered,
      this.received,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => {
        this.onMessage(m);
        this.received.fire(m);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length) {
          this.changedAt ||= Date.now();
          this.schedule(updateDelay());
          // Still typing: the player's input waits for the lanes of the next version.
          if (this.feedPending) {
            clearTimeout(this.feedPending);
            this.feedPending = undefined;
          }
        }
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.document.uri.toString();
        if (e.uris.some((u) => u.toString() === uri)) this.remodel();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document === this.document) this.followCursor(e.textEditor);
      }),
      // Media URLs are asked for while the panel shows; a panel shown again catches up.
      panel.onDidChangeViewState((e) => { if (e.webviewPanel.visible && this.feedStale) this.scheduleFeed(0); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vodTimeline.preview.playMedia') || e.affectsConfiguration('vodTimeline.endpoint') || e.affectsConfiguration('vodTimeline.region')) {
          this.player.resolver.clear();
          this.scheduleFeed(0);
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleFeed(0)),
    );
    this.schedule(0);
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  private setTitle(): void {
    this.panel.title = vscode.l10n.t('Preview {0}', path.basename(this.document.uri.path));
  }

  private post(message: ToWebview): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private schedule(delay: number): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => { this.pending = undefined; void this.refresh(); }, delay);
  }

  /** Asks the server for the layout of the document as it is now and sends the model. */
  async refresh(): Promise<void> {
    // A closed document's URI may already name another one (untitled documents reuse theirs).
    if (this.document.isClosed) return;
    const generation = ++this.generation;
    const version = this.document.version;
    let layout: LayoutResult | null = null;
    const t0 = Date.now();
    if (this.changedAt) {
      this.timing.waitMs = t0 - this.changedAt;
      this.timing.changedAt = this.changedAt;
    }
    this.changedAt = 0;
    try {
      layout = await this.layouts.layout(this.document);
      this.timing.requestMs = Date.now() - t0;
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
    }
    if (generation !== this.generation || this.disposed) return;
    // null: the server does not know the document yet (it is still starting or opening it); ask again.
    if (layout === null && this.misses < 10) {
      this.misses++;
      this.schedule(200 * this.misses);
      return;
    }
    this.misses = 0;
    this.layout = layout;
    this.layoutVersion = layout?.version ?? version;
    this.index = new ClipIndex(layout ?? undefined);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    if (editor) this.current = this.index.barAt(editor.selection.active) ?? null;
    this.remodel(true);
    // The player's input follows once the webview has drawn this version ('rendered').
    this.feedDue = this.layoutVersion;
  }

  /**
   * The document version whose player input is still to be asked for, once the lanes show it. On the
   * 6,600-clip document the composition is 3 MB of JSON from the server and to the webview: asked for
   * with the lanes, it delayed their update; asked for after each edit while typing, it delayed the next.
   */
  private feedDue: number | undefined;

  private feedStale = false;

  /** Asks for the player's composition and media after an edit (or when URLs are about to expire). */
  private scheduleFeed(delay: number): void {
    if (this.feedPending) clearTimeout(this.feedPending);
    this.feedPending = setTimeout(() => { this.feedPending = undefined; void this.updateFeed(); }, delay);
  }

  private async updateFeed(): Promise<void> {
    if (this.disposed || !this.layout || this.document.isClosed) return;
    if (!this.panel.visible) {
      this.feedStale = true;
      return;
    }
    this.feedStale = false;
    const generation = ++this.feedGeneration;
    const layout = this.layout;
    let feed: PlayerFeedResult;
    try {
      feed = await playerFeed(this.player, this.document, layout, this.playerHeight);
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      return;
    }
    if (generation !== this.feedGeneration || this.disposed) return;
    this.feed = feed;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (feed.refreshAt !== undefined) {
      // Timers longer than ~24 days overflow; URLs last an hour.
      const wait = Math.min(2 ** 31 - 1, Math.max(1000, feed.refreshAt - Date.now()));
      this.refreshTimer = setTimeout(() => this.scheduleFeed(0), wait);
    }
    // The Content Security Policy names the media hosts: a host it does not name yet reloads the page.
    if (feed.origins.some((o) => !this.origins.includes(o))) {
      this.origins = [...new Set([...this.origins, ...feed.origins])].sort();
      this.setHtml();
      return; // 'ready' sends the player again (and what changed in the model since the page was written)
    }
    this.postPlayer();
  }

  private postPlayer(): void {
    if (!this.feed) return;
    const f = this.feed;
    // As JSON bytes, as the model: a typed array crosses to the webview without a per-object cost.
    const composition = new TextEncoder().encode(JSON.stringify(f.composition));
    this.post({ type: 'player', composition, sources: f.sources, mediaEnabled: f.mediaEnabled, notice: f.notice });
  }

  /** Rebuilds the model from the last layout and the current diagnostics; sends what changed. */
  private remodel(force = false): void {
    if (this.disposed) return;
    // Diagnostics of an edit still on its way would land on the wrong clips: the refresh sends them.
    if (!force && (this.pending || this.layoutVersion !== this.document.version)) return;
    // The same problem can arrive through two collections (pushed by the workspace pass and pulled for
    // the open document): count it once.
    const seen = new Set<string>();
    const diagnostics: SimpleDiagnostic[] = [];
    for (const d of vscode.languages.getDiagnostics(this.document.uri)) {
      const key = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.severity}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push({ range: d.range, severity: SEVERITY[d.severity] ?? 1, message: d.message });
    }
    const fileName = path.basename(this.document.uri.path);
    const t0 = Date.now();
    this.model = this.layout ? buildPreviewModel(this.layout, diagnostics, fileName, this.layoutVersion, this.index) : emptyModel(fileName, this.layoutVersion);
    if (this.ready) this.send(this.sender.update(this.model), t0);
    else {
      this.timing.modelMs = Date.now() - t0;
      // The first model: the page is written with it. Not ready otherwise: 'ready' sends what changed.
      if (!this.htmlWritten) this.setHtml();
    }
  }

  /** Writes the page, with the model it draws first when there is one (InitialModel). */
  private setHtml(): void {
    if (this.disposed) return;
    clearTimeout(this.htmlTimer);
    this.htmlWritten = true;
    this.ready = false;
    let initial: InitialModel | undefined;
    if (this.model) {
      const out = this.sender.full(this.model);
      if (out.kind === 'full') {
        initial = { uri: this.document.uri.toString(), seq: out.seq, model: out.wire, current: this.current, sent: Date.now() };
        this.timing.sentBytes = JSON.stringify(out.wire).length;
      }
    } else this.sender.reset();
    this.panel.webview.html = previewHtml(this.panel.webview, this.extensionUri, this.panel.title, this.origins, initial);
  }

  /** Sends the whole model (first paint, a reloaded webview, one that missed a step). */
  private postModel(): void {
    if (this.model && this.ready && !this.disposed) this.send(this.sender.full(this.model), Date.now());
  }

  private send(out: Outgoing | undefined, t0: number): void {
    if (!out) {
      // The webview holds this model already.
      this.timing.modelMs = Date.now() - t0;
      return;
    }
    const bytes = new TextEncoder().encode(JSON.stringify(out.kind === 'full' ? out.wire : out.delta));
    this.timing.modelMs = Date.now() - t0;
    this.timing.sentBytes = bytes.length;
    const sent = Date.now();
    this.post(out.kind === 'full'
      ? { type: 'model', uri: this.document.uri.toString(), seq: out.seq, model: bytes, current: this.current, sent }
      : { type: 'delta', delta: bytes, current: this.current, sent });
  }

  private followCursor(editor: vscode.TextEditor): void {
    if (this.layoutVersion !== this.document.version) return; // the refresh after the edit places it
    const bar = this.index.barAt(editor.selection.active) ?? null;
    if (bar?.lane === this.current?.lane && bar?.clip === this.current?.clip) return;
    this.current = bar;
    this.post({ type: 'current', bar, reveal: true });
  }

  /** Selects the clip's JSON in an editor of the document (opening one beside the preview if none shows it). */
  async selectClip(bar: BarRef, focusEditor: boolean): Promise<void> {
    const clip = this.layout?.tracks[bar.lane]?.clips[bar.clip];
    if (!clip) return;
    const range = new vscode.Range(clip.range.start.line, clip.range.start.character, clip.range.end.line, clip.range.end.character);
    this.current = bar;
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    if (!editor || focusEditor) {
      const column = editor?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
      editor = await vscode.window.showTextDocument(this.document, { viewColumn: column, preserveFocus: !focusEditor });
    }
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.readyAt ??= Date.now() - this.openedAt;
        this.webviewTiming ??= { origin: m.origin, html: m.html, loaded: m.loaded, script: m.script };
        // Drawn from the page (InitialModel): only what changed since it was written. Else the whole.
        if (m.seq !== null && m.seq !== undefined && this.model && !this.sender.needsFull(m.seq)) this.send(this.sender.update(this.model), Date.now());
        else {
          this.sender.reset();
          this.postModel();
        }
        this.postPlayer();
        break;
      case 'resync':
        // The webview holds another model than the deltas assume (or none): start again from the whole.
        if (!this.sender.needsFull(m.seq)) break; // it has caught up in the meantime
        this.resyncs++;
        this.postModel();
        break;
      case 'playerSize':
        // A taller player may want a higher definition: asked again when it grew.
        if (m.height > this.playerHeight * 1.2) {
          this.playerHeight = m.height;
          this.scheduleFeed(300);
        } else this.playerHeight = Math.max(this.playerHeight, m.height);
        break;
      case 'playerState':
        this.playerReport = m;
        this.received.fire(m);
        return;
      case 'select':
        void this.selectClip(m.bar, m.focusEditor);
        break;
      case 'current':
        this.current = m.bar;
        break;
      case 'rendered': {
        const now = Date.now();
        this.stats = {
          renderedVersion: m.version,
          renders: this.stats.renders + 1,
          drawn: m.drawn,
          paintMs: m.paintMs,
          transferMs: now - m.sent,
          toWebviewMs: m.receivedAt - m.sent,
          firstRenderMs: this.stats.firstRenderMs ?? now - this.openedAt,
          pxPerSecond: m.pxPerSecond,
          delta: m.delta,
          decodeMs: m.decodeMs,
          backMs: now - m.paintedAt,
          renderedAt: now,
        };
        if (this.feedDue !== undefined && m.version >= this.feedDue) {
          this.feedDue = undefined;
          // When no edit came for a moment (the next edit moves it on), also the first: a preview is
          // often opened to type beside it, and the lanes come first.
          this.scheduleFeed(FEED_AFTER_EDIT_MS);
        }
        this.rendered.fire();
        break;
      }
      case 'marked':
        this.marked = { version: m.version, errors: m.errors, warnings: m.warnings };
        this.rendered.fire();
        break;
      case 'error':
        this.lastError = m.message;
        console.error(`vod-timeline preview: ${m.message}`);
        break;
    }
  }

  postToWebview(message: ToWebview): void {
    this.post(message);
  }

  testState(): PreviewTestState {
    const m = this.model;
    const cur = this.current && m?.lanes[this.current.lane] ? { kind: m.lanes[this.current.lane].kind, track: m.lanes[this.current.lane].index, clip: m.lanes[this.current.lane].clips[this.current.clip]?.index ?? -1 } : null;
    return {
      uri: this.document.uri.toString(),
      visible: this.panel.visible,
      documentVersion: this.document.version,
      renderedVersion: this.stats.renderedVersion,
      renders: this.stats.renders,
      bars: m?.clipCount ?? 0,
      lanes: m?.lanes.length ?? 0,
      drawn: this.stats.drawn,
      paintMs: this.stats.paintMs,
      transferMs: this.stats.transferMs,
      toWebviewMs: this.stats.toWebviewMs,
      requestMs: this.timing.requestMs,
      modelMs: this.timing.modelMs,
      delta: this.stats.delta,
      sentBytes: this.timing.sentBytes,
      decodeMs: this.stats.decodeMs,
      resyncs: this.resyncs,
      waitMs: this.timing.waitMs,
      backMs: this.stats.backMs,
      changedAt: this.timing.changedAt,
      renderedAt: this.stats.renderedAt,
      webviewOriginMs: this.webviewTiming ? Math.round(this.webviewTiming.origin - this.openedAt) : null,
      webviewHtmlMs: this.webviewTiming?.html ? this.webviewTiming.html - this.openedAt : null,
      webviewLoadedMs: this.webviewTiming?.loaded ? this.webviewTiming.loaded - this.openedAt : null,
      webviewScriptMs: this.webviewTiming ? this.webviewTiming.script - this.openedAt : null,
      firstRenderMs: this.stats.firstRenderMs,
      duration: m?.duration ?? null,
      errors: m?.errors ?? 0,
      warnings: m?.warnings ?? 0,
      clipsWithErrors: this.marked.errors,
      clipsWithWarnings: this.marked.warnings,
      webviewReadyMs: this.readyAt,
      current: cur,
      pxPerSecond: this.stats.pxPerSecond,
      lastError: this.lastError,
      player: this.playerReport,
      playerFeed: this.feed ? {
        mediaIds: Object.keys(this.feed.sources).length,
        playable: Object.values(this.feed.sources).filter((s) => s.kind !== 'slate').length,
        notice: this.feed.notice,
        origins: this.origins,
      } : null,
    };
  }

  /** The bar of track `kind[track]`, clip `clip` (JSON indices). */
  barOf(kind: string, track: number, clip: number): BarRef | undefined {
    const lane = this.model?.lanes.findIndex((l) => l.kind === kind && l.index === track) ?? -1;
    if (lane < 0) return undefined;
    const c = this.model!.lanes[lane].clips.findIndex((x) => x.index === clip);
    return c < 0 ? undefined : { lane, clip: c };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending) clearTimeout(this.pending);
    if (this.feedPending) clearTimeout(this.feedPending);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    clearTimeout(this.htmlTimer);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
