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
    const entry = {
      document,
      version: document.version,
      result: this.api.languageClient().then((c) => sendRequest(c, LayoutRequest, { uri: key })),
    };
    // A closed document's answer is not kept (its close event has passed: nothing would remove it).
    if (document.isClosed) return entry.result;
    this.cache.set(key, entry);
    // Failures and "not yet" answers are not kept: the next ask goes to the server again.
    const forget = () => { if (this.cache.get(key) === entry) this.cache.delete(key); };
    entry.result.then((r) => { if (r === null) forget(); }, forget);
    return entry.result;
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
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
