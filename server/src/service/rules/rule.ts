import type { TimelineDocument } from '../document';
import type { Layout } from '../layout';
import type { TimelineModel } from '../model';
import type { CompiledRoot } from '../schema/compile';
import type { Localize } from '../l10n';
import type { Diagnostic, ServiceSettings } from '../types';

export interface RuleContext {
  doc: TimelineDocument;
  /** Tracks and clips of the Timeline (undefined when the document has no Timeline object). */
  model: TimelineModel | undefined;
  /** Where clips land; computed on first use. */
  layout(): Layout | undefined;
  schema: CompiledRoot;
  settings: ServiceSettings;
  t: Localize;
  report(d: Diagnostic): void;
  /** A more specific rule said it better: drop diagnostics with this code at exactly this range. */
  supersede(start: number, end: number, code: string): void;
}

export interface Rule {
  /** The codes this rule can report (documentation and tests). */
  codes: readonly string[];
  run(ctx: RuleContext): void;
}
