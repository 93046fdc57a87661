// One `vodTimeline/layout` request per document version, shared by the preview and CodeLens: on the
// 6,600-clip document the answer is ~2 MB, and both ask for it after every edit.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { LayoutRequest, type LayoutResult } from '../../../server/src/protocol';
import { sendRequest } from '../protocolClient';

export interface LayoutApi {
  languageClient(): Promise<LanguageClient>;
}

export class LayoutSource implements vscode.Disposable {
  private readonly cache = new Map<string, { document: vscode.TextDocument; version: number; result: Promise<LayoutResult | null> }>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly api: LayoutApi) {
    this.closing = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));
  }

  /** The layout of `document` as it is now (null: the server does not know the document yet). */
  layout(document: vscode.TextDocument): Promise<LayoutResult | null> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    // The same document object too: an untitled document closed and another opened gets the same URI
    // and version 1 again, and must not get the first one's layout.
    if (hit && hit.document === document && hit.version === document.version) return hit.result;
    const entry = { document, version: document.version, result: this.ask(document) };
    // A closed document's answer is not kept (its close event has passed: nothing would remove it).
    if (document.isClosed) return entry.result;
    this.cache.set(key, entry);
    // Failures and "not yet" answers are not kept: the next ask goes to the server again.
    const forget = () => { if (this.cache.get(key) === entry) this.cache.delete(key); };
    entry.result.then((r) => { if (r === null) forget(); }, forget);
    return entry.result;
  }

  /** The server's layout of `document`, asked again (a few times) while it answers about another text. */
  private async ask(document: vscode.TextDocument): Promise<LayoutResult | null> {
    const uri = document.uri.toString();
    for (let attempt = 1; ; attempt++) {
      const r = await this.api.languageClient().then((c) => sendRequest(c, LayoutRequest, { uri }));
      // Another version: the caller decides (an edit is on its way). Same version, another length: an
      // answer about another text under this URI (an untitled document closed and another opened with
      // the same name; seen in the host tests, the CodeLens of the previous one).
      if (!r || r.length === undefined || r.version !== document.version || document.isClosed || r.length === textLength(document)) return r;
      console.warn(`vod-timeline: the layout of ${uri} v${r.version} is of another text (${r.length} vs ${textLength(document)} characters); attempt ${attempt} of ${ASK_ATTEMPTS}`);
      if (attempt === ASK_ATTEMPTS) return null;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
}

const ASK_ATTEMPTS = 5;

function textLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

const shared = new WeakMap<LayoutApi['languageClient'], LayoutSource>();

/** The source for this language client (the preview and CodeLens get the same one). */
export function layoutSource(api: LayoutApi, context: vscode.ExtensionContext): LayoutSource {
  let source = shared.get(api.languageClient);
  if (!source) {
    source = new LayoutSource(api);
    shared.set(api.languageClient, source);
    context.subscriptions.push(source);
  }
  return source;
}
