// Runs every rule over one parsed document and applies the user's severity overrides.
// Rules are one per file under rules/; each reports what it sees and never throws past here. A rule
// that throws anyway is not silent: the document gets an `internal/rule-failed` error that no `rules`
// setting can hide (it was not fully checked, so it must not look clean, and Produce refuses it).

import type { TimelineDocument } from './document';
import { documentLayout, type Layout } from './layout';
import { buildModel } from './model';
import type { CompiledRoot } from './schema/compile';
import type { Localize } from './l10n';
import type { CloudMediaLookup, Diagnostic, ServiceSettings, SeveritySetting } from './types';
import type { Rule, RuleContext } from './rules/rule';
import { syntaxRule, tooBrokenToCheck } from './rules/syntax';
import { addRemoveAllUnset } from './unset';
import { schemaRule } from './rules/schema';
import { inOutRule } from './rules/in-out';
import { timelineInOutRule } from './rules/timeline-in-out';
import { negativeTimesRule } from './rules/negative-times';
import { overlapRule } from './rules/overlap';
import { transitionsRule } from './rules/transitions';
import { durationMismatchRule } from './rules/duration-mismatch';
import { referenceClipRule } from './rules/reference-clip';
import { mainTrackRule } from './rules/main-track';
import { noTracksRule } from './rules/no-tracks';
import { imageTracksRule } from './rules/image-tracks';
import { subtitleTextRule } from './rules/subtitle-text';
import { effectTrackMixedRule } from './rules/effect-track-mixed';
import { trackLimitsRule } from './rules/track-limits';
import { materialsRule } from './rules/materials';
import { resolutionRule } from './rules/resolution';
import { zeroSizeRule } from './rules/zero-size';
import { userDataRule } from './rules/user-data';
import { mediaMetadataRule } from './rules/media-metadata';
import { produceRequestRule } from './rules/produce-request';
import type { CloudRule, CloudRuleContext } from './rules/cloud-rule';
import { cloudMediaRule } from './rules/cloud-media';
import { cloudMaterialsRule } from './rules/cloud-materials';

export const RULES: readonly Rule[] = [
  syntaxRule,
  schemaRule,
  inOutRule,
  timelineInOutRule,
  negativeTimesRule,
  overlapRule,
  transitionsRule,
  durationMismatchRule,
  referenceClipRule,
  mainTrackRule,
  noTracksRule,
  imageTracksRule,
  subtitleTextRule,
  effectTrackMixedRule,
  trackLimitsRule,
  materialsRule,
  resolutionRule,
  zeroSizeRule,
  userDataRule,
  mediaMetadataRule,
  produceRequestRule,
];

/** Rules against the user's media library: run apart (runCloudRules), with what the host looked up. */
export const CLOUD_RULES: readonly CloudRule[] = [
  cloudMediaRule,
  cloudMaterialsRule,
];

/** The code of "a check could not run": not a rule's, so no severity override reaches it. */
export const RULE_FAILED = 'internal/rule-failed';

export interface RuleFailure {
  /** The rule's first code, its name in logs. */
  rule: string;
  /** Every code the rule checks: what is unknown for this document. */
  codes: readonly string[];
  /** The document's URI, when the host gave one. */
  uri?: string;
  error: unknown;
}

/** Told to the host as it happens (the log gets the stack), and said in the document (failedDiagnostic). */
function failure(doc: TimelineDocument, rule: Rule | CloudRule, error: unknown): RuleFailure {
  return { rule: rule.codes[0], codes: rule.codes, uri: doc.uri, error };
}

/** At the top of the document, an error whatever the user's `rules` say. */
function failedDiagnostic(f: RuleFailure, t: Localize): Diagnostic {
  return { start: 0, end: 0, severity: 'error', code: RULE_FAILED, message: t('internal.ruleFailed', { codes: f.codes.join(', ') }) };
}

/** `rules` is RULES but for tests, which put a failing rule in to check what a failure looks like. */
export function runRules(doc: TimelineDocument, schema: CompiledRoot, settings: ServiceSettings, t: Localize, onRuleFailure?: (f: RuleFailure) => void, rules: readonly Rule[] = RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  const failures: RuleFailure[] = [];
  const superseded = new Set<string>();
  const model = buildModel(doc);
  let layout: Layout | undefined | null = null;
  const ctx: RuleContext = {
    doc,
    model,
    layout: () => (layout === null ? (layout = documentLayout(doc)) : layout),
    schema,
    settings,
    t,
    report: (d) => { out.push(d); },
    supersede: (start, end, code) => { superseded.add(`${start}:${end}:${code}`); },
  };
  // Structural rules read a Timeline; without one (syntax errors everywhere) only syntax and schema run.
  // With more syntax errors than are reported, the tree is mostly recovery guesses: syntax only.
  const syntaxOnly = tooBrokenToCheck(doc.issues, doc.droppedIssues);
  for (const rule of rules) {
    if (syntaxOnly && rule !== syntaxRule) continue;
    try {
      rule.run(ctx);
    } catch (error) {
      // A rule bug must not take the other diagnostics down with it, nor pass unseen.
      const f = failure(doc, rule, error);
      failures.push(f);
      onRuleFailure?.(f);
    }
  }
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (const d of out) {
    if (superseded.has(`${d.start}:${d.end}:${d.code}`)) continue;
    const key = `${d.start}:${d.end}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const severity = overrideFor(settings.rules, d.code);
    if (severity === 'off') continue;
    if (severity) d.severity = severity;
    result.push(d);
  }
  result.sort((a, b) => a.start - b.start || a.end - b.end);
  // Over what is shown, so a code turned off is not removed either.
  addRemoveAllUnset(result, t);
  // Added past the overrides, first in the list.
  return failures.length ? [...failures.map((f) => failedDiagnostic(f, t)), ...result] : result;
}

/**
 * The cloud rules' diagnostics (warnings unless the user's `rules` say otherwise), sorted. Only
 * MediaIds `media` knows are judged; the local diagnostics come from runRules, untouched by this.
 */
export function runCloudRules(doc: TimelineDocument, schema: CompiledRoot, settings: ServiceSettings, t: Localize, media: CloudMediaLookup, where: string, onRuleFailure?: (f: RuleFailure) => void, rules: readonly CloudRule[] = CLOUD_RULES): Diagnostic[] {
  const model = buildModel(doc);
  if (!model) return [];
  const out: Diagnostic[] = [];
  const failures: RuleFailure[] = [];
  let layout: Layout | undefined | null = null;
  const ctx: CloudRuleContext = {
    doc,
    model,
    layout: () => (layout === null ? (layout = documentLayout(doc)) : layout),
    schema,
    settings,
    t,
    report: (d) => { out.push(d); },
    supersede: () => undefined,
    media,
    where,
  };
  for (const rule of rules) {
    try {
      rule.run(ctx);
    } catch (error) {
      const f = failure(doc, rule, error);
      failures.push(f);
      onRuleFailure?.(f);
    }
  }
  const result: Diagnostic[] = [];
  for (const d of out) {
    const severity = overrideFor(settings.rules, d.code);
    if (severity === 'off') continue;
    if (severity) d.severity = severity;
    result.push(d);
  }
  result.sort((a, b) => a.start - b.start || a.end - b.end);
  return failures.length ? [...failures.map((f) => failedDiagnostic(f, t)), ...result] : result;
}

/** `rules` may name a code ("timing/overlap") or a group ("timing/*"); the code wins. */
export function overrideFor(rules: Record<string, SeveritySetting> | undefined, code: string): SeveritySetting | undefined {
  if (!rules) return undefined;
  if (code in rules) return rules[code];
  const group = code.slice(0, code.indexOf('/') + 1) + '*';
  if (group in rules) return rules[group];
  return undefined;
}
