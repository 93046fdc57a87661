// The schema rule: walks the parsed tree alongside the compiled schema and reports each violation
// at the exact key or value, with a message that names the field, its unit and what to write
// instead, and a quick fix where one is certain enough. The walk is generated from the schema
// (specialize.ts); what it reports is built in checks.ts.

import type { JsonTree } from '../json/parser';
import type { TimelineDocument } from '../document';
import type { Localize } from '../l10n';
import type { Diagnostic } from '../types';
import type { CompiledRoot, CompiledSchema } from './compile';
import { type Checker, checkerFor, matchesWith, runChecker } from './specialize';

export { UNCONFIRMED, itemIndex, placeholderFor } from './checks';

/** `checker`: the schema's own but in the differential test, which counts what its documents reach. */
export function validateSchema(doc: TimelineDocument, schema: CompiledRoot, t: Localize, out: Diagnostic[], checker: Checker = checkerFor(schema)): void {
  const mine: Diagnostic[] = [];
  runChecker(checker, doc, schema, t, mine);
  // "" in a field whose Type-specific block lists values: the list's warning says more than the
  // base field's hint at the same place.
  let choices: Set<string> | undefined;
  for (const d of mine) if (d.code === 'schema/empty-choice') (choices ??= new Set()).add(`${d.start}:${d.end}`);
  for (const d of mine) if (!(choices && d.code === 'schema/empty-value' && choices.has(`${d.start}:${d.end}`))) out.push(d);
}

/** Whether a node satisfies a schema, reporting nothing (for `if` branches in completion and hover). */
export function matchesSchema(doc: TimelineDocument, schema: CompiledRoot, tree: JsonTree, node: number, cs: CompiledSchema): boolean {
  return matchesWith(checkerFor(schema), doc, schema, tree, node, cs);
}
