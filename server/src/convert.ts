// Service results (offsets) ↔ LSP (line/character). The service and the protocol both count UTF-16
// code units, so only lines need translating, with the parsed document's own line index.

import * as lsp from 'vscode-languageserver';
import type { TimelineDocument } from './service';
import type * as svc from './service';

export const SOURCE = 'vod-timeline';

export function range(doc: TimelineDocument, start: number, end: number): lsp.Range {
  return { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
}

export function offsetOf(doc: TimelineDocument, p: lsp.Position): number {
  return doc.lines.offsetAt(p);
}

const SEVERITY: Record<svc.Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  information: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

/** `page(code)`: the code's rule page (rulePages.ts), linked from the code as its codeDescription. */
export function diagnostic(doc: TimelineDocument, d: svc.Diagnostic, uri: string, page?: (code: string) => string | undefined): lsp.Diagnostic {
  const out: lsp.Diagnostic = {
    range: range(doc, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: d.message,
  };
  const href = page?.(d.code);
  if (href) out.codeDescription = { href };
  if (d.tags?.length) out.tags = d.tags.map((t) => (t === 'deprecated' ? lsp.DiagnosticTag.Deprecated : lsp.DiagnosticTag.Unnecessary));
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: range(doc, r.start, r.end) }, message: r.message }));
  return out;
}

export function textEdits(doc: TimelineDocument, edits: svc.TextEdit[]): lsp.TextEdit[] {
  return edits.map((e) => ({ range: range(doc, e.start, e.end), newText: e.newText }));
}

const COMPLETION_KIND: Record<svc.CompletionItem['kind'], lsp.CompletionItemKind> = {
  property: lsp.CompletionItemKind.Property,
  value: lsp.CompletionItemKind.Value,
  enum: lsp.CompletionItemKind.EnumMember,
  snippet: lsp.CompletionItemKind.Snippet,
  keyword: lsp.CompletionItemKind.Keyword,
  reference: lsp.CompletionItemKind.Reference,
};

export function completionItem(doc: TimelineDocument, item: svc.CompletionItem, withDocs: boolean): lsp.CompletionItem {
  const out: lsp.CompletionItem = {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    textEdit: { range: range(doc, item.start, item.end), newText: item.insertText },
    insertTextFormat: item.isSnippet ? lsp.InsertTextFormat.Snippet : lsp.InsertTextFormat.PlainText,
  };
  if (item.detail) out.detail = item.detail;
  if (withDocs && item.documentation) out.documentation = { kind: lsp.MarkupKind.Markdown, value: item.documentation };
  if (item.sortText) out.sortText = item.sortText;
  if (item.filterText) out.filterText = item.filterText;
  if (item.deprecated) out.tags = [lsp.CompletionItemTag.Deprecated];
  if (item.preselect) out.preselect = true;
  return out;
}

const SYMBOL_KIND: Record<svc.DocumentSymbol['kind'], lsp.SymbolKind> = {
  file: lsp.SymbolKind.File,
  array: lsp.SymbolKind.Array,
  object: lsp.SymbolKind.Object,
  event: lsp.SymbolKind.Event,
  property: lsp.SymbolKind.Property,
  string: lsp.SymbolKind.String,
  number: lsp.SymbolKind.Number,
  key: lsp.SymbolKind.Key,
};

export function documentSymbol(doc: TimelineDocument, s: svc.DocumentSymbol): lsp.DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: range(doc, s.start, s.end),
    selectionRange: range(doc, s.selectionStart, s.selectionEnd),
    children: s.children?.map((c) => documentSymbol(doc, c)),
  };
}

export function selectionRange(doc: TimelineDocument, s: svc.SelectionRange): lsp.SelectionRange {
  return { range: range(doc, s.start, s.end), parent: s.parent ? selectionRange(doc, s.parent) : undefined };
}
