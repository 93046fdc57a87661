// The schema rule: types, enums, ranges, required and unknown keys, from schemas/timeline.schema.json.
import { validateSchema } from '../schema/validate';
import type { Rule } from './rule';

export const schemaRule: Rule = {
  codes: ['schema/type', 'schema/number-as-string', 'schema/enum', 'schema/range', 'schema/length', 'schema/pattern', 'schema/required', 'schema/unknown-key', 'schema/legacy-field', 'schema/ice-only', 'schema/deprecated', 'schema/items', 'schema/stringified-json', 'schema/unconfirmed', 'schema/null-value', 'schema/empty-value', 'schema/empty-choice', 'schema/empty-array', 'schema/unknown-value', 'schema/undocumented-value', 'schema/value-of-other-type', 'schema/value-list'],
  run(ctx) {
    const out: import('../types').Diagnostic[] = [];
    validateSchema(ctx.doc, ctx.schema, ctx.t, out);
    for (const d of out) ctx.report(d);
  },
};
