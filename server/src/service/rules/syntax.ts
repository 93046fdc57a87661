// Syntax: every JSON error the parser met, located, with a fix where the intent is clear
// (comments, trailing commas, quotes, duplicate keys).

import { NodeKind, NONE, SyntaxErrorKind, type SyntaxIssue, MAX_DEPTH } from '../json/parser';
import type { MessageId } from '../l10n';
import type { Diagnostic, Fix, TextEdit } from '../types';
import { removeNode } from '../edits';
import type { Rule, RuleContext } from './rule';

const MESSAGE: Record<SyntaxErrorKind, MessageId> = {
  [SyntaxErrorKind.UnexpectedToken]: 'syntax.unexpectedToken',
  [SyntaxErrorKind.ValueExpected]: 'syntax.valueExpected',
  [SyntaxErrorKind.PropertyNameExpected]: 'syntax.propertyNameExpected',
  [SyntaxErrorKind.ColonExpected]: 'syntax.colonExpected',
  [SyntaxErrorKind.CommaExpected]: 'syntax.commaExpected',
  [SyntaxErrorKind.CloseBraceExpected]: 'syntax.closeBraceExpected',
  [SyntaxErrorKind.CloseBracketExpected]: 'syntax.closeBracketExpected',
  [SyntaxErrorKind.UnterminatedString]: 'syntax.unterminatedString',
  [SyntaxErrorKind.InvalidEscape]: 'syntax.invalidEscape',
  [SyntaxErrorKind.ControlCharacterInString]: 'syntax.controlCharacter',
  [SyntaxErrorKind.InvalidNumber]: 'syntax.invalidNumber',
  [SyntaxErrorKind.Comment]: 'syntax.comment',
  [SyntaxErrorKind.TrailingComma]: 'syntax.trailingComma',
  [SyntaxErrorKind.SingleQuotedString]: 'syntax.singleQuoted',
  [SyntaxErrorKind.EndOfFileExpected]: 'syntax.endOfFileExpected',
  [SyntaxErrorKind.TooDeep]: 'syntax.tooDeep',
  [SyntaxErrorKind.DuplicateKey]: 'syntax.duplicateKey',
  [SyntaxErrorKind.EmptyDocument]: 'syntax.emptyDocument',
  [SyntaxErrorKind.ByteOrderMark]: 'syntax.byteOrderMark',
  [SyntaxErrorKind.UnquotedKey]: 'syntax.unquotedKey',
};

/**
 * Not errors: a repeated key (the service keeps the last value) and a UTF-8 byte order mark, which is
 * not part of what Produce sends (the request is built from the parsed document) and which RFC 8259
 * §8.1 lets parsers ignore; .NET's File.WriteAllText(path, text, Encoding.UTF8) writes one.
 */
const SEVERITY: Partial<Record<SyntaxErrorKind, Diagnostic['severity']>> = {
  [SyntaxErrorKind.DuplicateKey]: 'warning',
  [SyntaxErrorKind.ByteOrderMark]: 'information',
};

function codeOf(kind: SyntaxErrorKind): string {
  switch (kind) {
    case SyntaxErrorKind.Comment: return 'syntax/comment';
    case SyntaxErrorKind.TrailingComma: return 'syntax/trailing-comma';
    case SyntaxErrorKind.SingleQuotedString:
    case SyntaxErrorKind.UnquotedKey: return 'syntax/quotes';
    case SyntaxErrorKind.DuplicateKey: return 'syntax/duplicate-key';
    case SyntaxErrorKind.EmptyDocument: return 'syntax/empty-document';
    case SyntaxErrorKind.TooDeep: return 'syntax/too-deep';
    case SyntaxErrorKind.ByteOrderMark: return 'syntax/byte-order-mark';
    default: return 'syntax/invalid-json';
  }
}

/** A comment alone on its line goes with its line; a trailing one takes the spaces before it. */
function commentRemoval(text: string, start: number, end: number): TextEdit {
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  const lineStart = s === 0 || text[s - 1] === '\n' || text[s - 1] === '\r';
  let e = end;
  if (lineStart) {
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    if (text[e] === '\r') e++;
    if (text[e] === '\n') e++;
  }
  return { start: s, end: e, newText: '' };
}

/**
 * Past this many syntax problems the rest are recovery noise: a 2.5 MB file of garbage gave 460,000
 * of them and took seconds to report on every keystroke. The first ones are reported, then one
 * diagnostic counts the others, and the rules that read the tree (schema, timing, …) do not run
 * (runRules) when this many are errors.
 */
export const MAX_SYNTAX_DIAGNOSTICS = 1000;

/** True when the document has so many syntax errors (duplicate keys aside) that only syntax is checked. */
export function tooBrokenToCheck(issues: readonly SyntaxIssue[], dropped = 0): boolean {
  if (dropped > 0) return true;
  if (issues.length <= MAX_SYNTAX_DIAGNOSTICS) return false;
  let errors = 0;
  for (const i of issues) if (i.kind !== SyntaxErrorKind.DuplicateKey && ++errors > MAX_SYNTAX_DIAGNOSTICS) return true;
  return false;
}

export const syntaxRule: Rule = {
  codes: ['syntax/invalid-json', 'syntax/comment', 'syntax/trailing-comma', 'syntax/quotes', 'syntax/duplicate-key', 'syntax/empty-document', 'syntax/too-deep', 'syntax/not-an-object', 'syntax/byte-order-mark'],
  run(ctx: RuleContext): void {
    const { doc, t } = ctx;
    const text = doc.text;
    // Issues inside a JSON string parameter, with the parameter's name.
    const embeddedIssues = new Map<SyntaxIssue, string>();
    for (const e of doc.embeddings) for (const i of e.issues) embeddedIssues.set(i, e.key);
    const comments = doc.issues.filter((i) => i.kind === SyntaxErrorKind.Comment && !embeddedIssues.has(i));
    const removeAll: Fix | undefined = comments.length > 1
      ? { title: t('fix.removeAllComments'), edits: comments.map((c) => commentRemoval(text, c.start, c.end)), safe: true }
      : undefined;
    let reported = 0;
    for (const issue of doc.issues) {
      if (reported++ === MAX_SYNTAX_DIAGNOSTICS) {
        ctx.report({ start: issue.start, end: issue.end, severity: 'error', code: 'syntax/invalid-json', message: t('syntax.tooManyErrors', { count: doc.issues.length + doc.droppedIssues - MAX_SYNTAX_DIAGNOSTICS }) });
        break;
      }
      const embeddedIn = embeddedIssues.get(issue);
      const embedded = embeddedIn !== undefined;
      const args: Record<string, string | number> = { token: JSON.stringify(issue.detail ?? ''), key: issue.detail ?? '', max: MAX_DEPTH };
      if (issue.kind === SyntaxErrorKind.DuplicateKey && issue.winnerStart !== undefined) args.line = doc.lines.positionAt(issue.winnerStart).line + 1;
      let id = MESSAGE[issue.kind];
      if (issue.kind === SyntaxErrorKind.ValueExpected && issue.detail) id = 'syntax.valueExpectedGot';
      let message = t(id, args);
      if (embeddedIn !== undefined) message = t('syntax.inEmbedded', { message, key: embeddedIn });
      const d: Diagnostic = { start: issue.start, end: issue.end, severity: SEVERITY[issue.kind] ?? 'error', code: codeOf(issue.kind), message };
      const fixes: Fix[] = [];
      switch (issue.kind) {
        case SyntaxErrorKind.Comment:
          if (!embedded) {
            fixes.push({ title: t('fix.removeComment'), edits: [commentRemoval(text, issue.start, issue.end)], preferred: true, safe: true });
            if (removeAll) fixes.push(removeAll);
          }
          break;
        case SyntaxErrorKind.TrailingComma:
          fixes.push({ title: t('fix.removeTrailingComma'), edits: [{ start: issue.start, end: issue.end, newText: '' }], preferred: true, safe: true });
          break;
        case SyntaxErrorKind.SingleQuotedString: {
          const inner = text.slice(issue.start + 1, text[issue.end - 1] === "'" ? issue.end - 1 : issue.end);
          if (!embedded) fixes.push({ title: t('fix.doubleQuotes'), edits: [{ start: issue.start, end: issue.end, newText: JSON.stringify(inner.replace(/\\'/g, "'")) }], preferred: true, safe: true });
          break;
        }
        case SyntaxErrorKind.UnquotedKey:
          if (!embedded) fixes.push({ title: t('fix.quoteKey'), edits: [{ start: issue.start, end: issue.end, newText: JSON.stringify(issue.detail ?? '') }], preferred: true, safe: true });
          break;
        case SyntaxErrorKind.ByteOrderMark:
          fixes.push({ title: t('fix.removeByteOrderMark'), edits: [{ start: issue.start, end: issue.end, newText: '' }], preferred: true, safe: true });
          break;
        case SyntaxErrorKind.DuplicateKey:
          if (issue.tree && issue.node !== undefined) {
            const edit = removeNode({ tree: issue.tree, embedded }, issue.node);
            if (edit) fixes.push({ title: t('fix.removeDuplicate', { key: issue.detail ?? '' }), edits: [edit], preferred: true, safe: true });
            d.tags = ['unnecessary'];
            d.related = [{ start: issue.winnerStart!, end: issue.winnerStart! + (issue.end - issue.start), message: issue.detail ?? '' }];
          }
          break;
      }
      if (fixes.length) d.fixes = fixes;
      ctx.report(d);
    }
    // A document that is valid JSON but not an object (an array, a string …).
    const root = doc.tree.root;
    if (root !== NONE && doc.tree.kind[root] !== NodeKind.Object && doc.tree.kind[root] !== NodeKind.Invalid) {
      const kinds: Record<number, MessageId> = { [NodeKind.Array]: 'type.array', [NodeKind.String]: 'type.string', [NodeKind.Number]: 'type.number', [NodeKind.Boolean]: 'type.boolean', [NodeKind.Null]: 'type.null' };
      ctx.supersede(doc.tree.start[root], doc.tree.end[root], 'schema/type');
      ctx.report({ start: doc.tree.start[root], end: Math.min(doc.tree.end[root], doc.tree.start[root] + 1), severity: 'error', code: 'syntax/not-an-object', message: t('syntax.notAnObject', { kind: t(kinds[doc.tree.kind[root]] ?? 'type.invalid') }) });
    }
  },
};
