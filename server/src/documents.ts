// Document → cached parse. One TimelineDocument per (uri, version): every request for that version
// shares it, and when a newer version replaces it the old parse buffers are recycled.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TimelineDocument, TimelineService } from './service';

interface Entry {
  version: number;
  doc: TimelineDocument;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly service: TimelineService) {}

  get(document: TextDocument): TimelineDocument {
    const e = this.entries.get(document.uri);
    if (e && e.version === document.version) return e.doc;
    // The version it replaces is still alive here: an edit inside one object is parsed from it.
    const doc = this.service.parse(document.getText(), document.version, document.uri, e?.doc);
    this.entries.set(document.uri, { version: document.version, doc });
    // Handlers read a parse synchronously (completion, the only one that awaits, reads nothing of
    // the tree after its await), so by the next turn of the event loop no one reads the old version.
    if (e) setImmediate(() => e.doc.dispose());
    return doc;
  }

  /** A parse of text that is not open in the editor (workspace files); the caller disposes it. */
  parseText(text: string, uri: string): TimelineDocument {
    return this.service.parse(text, undefined, uri);
  }

  delete(uri: string): void {
    const e = this.entries.get(uri);
    this.entries.delete(uri);
    if (e) setImmediate(() => e.doc.dispose());
  }
}
