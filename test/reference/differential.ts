// The differential check: the generated schema checker (server/src/service/schema/specialize.ts)
// against the generic walker it replaced (./schema-validate.ts), on the same parse of a document.
// Both the schema rule's own output (codes, ranges, severities, messages, fixes, tags, related
// locations; in English and Chinese) and the whole validation (every rule, the severity overrides,
// the superseding, the sort) must be identical. Used by test/unit/schema-differential.test.ts and
// scripts/differential.mjs (20,000 fuzz documents and more); the checker used here counts which of
// its generated branches the documents reached (its coverage).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TimelineService, RULES, localizer, type Diagnostic, type Rule, type ServiceSettings } from '../../server/src/service';
import { validateSchema } from '../../server/src/service/schema/validate';
import { specialize, type Checker } from '../../server/src/service/schema/specialize';
import type { CompiledRoot } from '../../server/src/service/schema/compile';
import { schemaRule } from '../../server/src/service/rules/schema';
import { validateSchema as referenceValidate } from './schema-validate';

/** The schema rule with the reference checker. */
export const referenceSchemaRule: Rule = {
  codes: schemaRule.codes,
  run(ctx) {
    const out: Diagnostic[] = [];
    referenceValidate(ctx.doc, ctx.schema, ctx.t, out);
    for (const d of out) ctx.report(d);
  },
};

export interface Mismatch {
  name: string;
  what: string;
  index: number;
  ours: string | undefined;
  reference: string | undefined;
}

/** JSON with sorted keys: the same diagnostic built with its fields in another order compares equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

function firstDifference(name: string, what: string, a: Diagnostic[], b: Diagnostic[]): Mismatch | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] === undefined ? undefined : canonical(a[i]);
    const y = b[i] === undefined ? undefined : canonical(b[i]);
    if (x !== y) return { name, what, index: i, ours: x, reference: y };
  }
  return undefined;
}

const SETTINGS: ServiceSettings[] = [{}, { region: 'ap-southeast-1', rules: { 'schema/unknown-key': 'error', 'timing/*': 'off' } }];

export class Differential {
  readonly service = new TimelineService();
  readonly reference = new TimelineService({ rules: RULES.map((r) => (r === schemaRule ? referenceSchemaRule : r)) });
  /** The schema the generated checker is made from: the service's, but in the test that the comparison can fail. */
  readonly schema: CompiledRoot;
  /** The generated checker, counting its branches. */
  readonly checker: Checker;
  documents = 0;
  /** Schema-rule diagnostics compared (each locale counted). */
  schemaDiagnostics = 0;
  /** Diagnostics of whole validations compared. */
  validationDiagnostics = 0;
  readonly codes = new Map<string, number>();
  readonly mismatches: Mismatch[] = [];

  constructor(options: { schema?: CompiledRoot } = {}) {
    this.schema = options.schema ?? this.service.schema;
    this.checker = specialize(this.schema, { instrument: true });
  }

  /** Compares one document; returns its first mismatch, if any (all are kept in `mismatches`). */
  check(name: string, text: string): Mismatch | undefined {
    this.documents++;
    let first: Mismatch | undefined;
    const note = (m: Mismatch | undefined) => {
      if (!m) return;
      this.mismatches.push(m);
      first ??= m;
    };
    const doc = this.service.parse(text);
    try {
      for (const locale of ['en', 'zh-cn'] as const) {
        const t = localizer(locale);
        const ours: Diagnostic[] = [];
        const reference: Diagnostic[] = [];
        validateSchema(doc, this.schema, t, ours, this.checker);
        referenceValidate(doc, this.service.schema, t, reference);
        this.schemaDiagnostics += ours.length;
        if (locale === 'en') for (const d of ours) this.codes.set(d.code, (this.codes.get(d.code) ?? 0) + 1);
        note(firstDifference(name, `schema rule (${locale})`, ours, reference));
      }
    } finally {
      doc.dispose();
    }
    // The whole validation, on parses of their own (each service memoizes on its document).
    for (const [i, settings] of SETTINGS.entries()) {
      const a = this.service.parse(text);
      const b = this.reference.parse(text);
      try {
        const ours = this.service.validate(a, settings, i === 0 ? 'en' : 'zh-cn');
        const reference = this.reference.validate(b, settings, i === 0 ? 'en' : 'zh-cn');
        this.validationDiagnostics += ours.length;
        note(firstDifference(name, `validation (settings ${i})`, ours, reference));
      } finally {
        a.dispose();
        b.dispose();
      }
    }
    return first;
  }

  /** Which generated branches ran: per kind of site, how many of them. */
  coverage(): { sites: number; reached: number; byKind: Map<string, { sites: number; reached: number }>; unreached: string[] } {
    const cov = this.checker.coverage!;
    const byKind = new Map<string, { sites: number; reached: number }>();
    const unreached: string[] = [];
    let reached = 0;
    cov.sites.forEach((site, i) => {
      const k = site.slice(0, site.indexOf(':'));
      const entry = byKind.get(k) ?? { sites: 0, reached: 0 };
      entry.sites++;
      if (cov.counts[i] > 0) {
        entry.reached++;
        reached++;
      } else unreached.push(site);
      byKind.set(k, entry);
    });
    return { sites: cov.sites.length, reached, byKind, unreached };
  }
}

/** The examples and every fixture document (golden, serializers, fuzz findings), as name → text. */
export function fixtureDocuments(root: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.timeline.json')) out.push({ name: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(root, 'examples'));
  walk(path.join(root, 'test', 'fixtures'));
  return out;
}

export { probeDocuments, syntheticSeeds } from './probes';
