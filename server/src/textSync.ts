// Document synchronisation with its parameters checked: vscode-languageserver's TextDocuments takes a
// didOpen or didChange as it comes, so one with a text that is not a string (or a range that is not
// one) left a document whose every later request failed until it was opened again. Such a
// notification is now dropped (and logged) before it reaches the documents: the document keeps its
// last good content.
import type * as lsp from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What TextDocuments.listen takes (the type is not exported by name). */
type TextDocumentConnection = Parameters<lsp.TextDocuments<TextDocument>['listen']>[0];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isVersion = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isPosition = (v: unknown) => isObject(v) && isCount(v.line) && isCount(v.character);
const isRange = (v: unknown) => isObject(v) && isPosition(v.start) && isPosition(v.end);
const hasUri = (v: unknown) => isObject(v) && isObject(v.textDocument) && typeof v.textDocument.uri === 'string';

/** What is wrong with a didOpen's parameters, or undefined. */
function badOpen(p: unknown): string | undefined {
  if (!hasUri(p)) return 'no textDocument.uri';
  const td = (p as { textDocument: Record<string, unknown> }).textDocument;
  if (typeof td.languageId !== 'string') return 'languageId is not a string';
  if (!isVersion(td.version)) return 'version is not an integer';
  if (typeof td.text !== 'string') return 'text is not a string';
  return undefined;
}

/** What is wrong with a didChange's parameters, or undefined. */
function badChange(p: unknown): string | undefined {
  if (!hasUri(p)) return 'no textDocument.uri';
  const td = (p as { textDocument: Record<string, unknown> }).textDocument;
  if (!isVersion(td.version)) return 'version is not an integer';
  const changes = (p as { contentChanges?: unknown }).contentChanges;
  if (!Array.isArray(changes)) return 'contentChanges is not an array';
  for (const c of changes) {
    if (!isObject(c) || typeof c.text !== 'string') return 'a change without a text';
    if ('range' in c && !isRange(c.range)) return 'a change with a range that is not one';
  }
  return undefined;
}

/**
 * The connection as TextDocuments.listen sees it: the same notifications, but a didOpen, didChange,
 * didClose or save event with malformed parameters is handed to `rejected` instead.
 */
export function checkedSync(connection: lsp.Connection, rejected: (method: string, why: string) => void): TextDocumentConnection {
  const guard = <P>(method: string, check: (p: unknown) => string | undefined, handler: (p: P) => void) => (p: P) => {
    const why = check(p);
    if (why) rejected(method, why);
    else handler(p);
  };
  const uriOnly = (p: unknown) => (hasUri(p) ? undefined : 'no textDocument.uri');
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(guard('textDocument/didOpen', badOpen, h)),
    onDidChangeTextDocument: (h) => connection.onDidChangeTextDocument(guard('textDocument/didChange', badChange, h)),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(guard('textDocument/didClose', uriOnly, h)),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(guard('textDocument/willSave', uriOnly, h)),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil((p, token) => (hasUri(p) ? h(p, token) : [])),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(guard('textDocument/didSave', uriOnly, h)),
  };
}
