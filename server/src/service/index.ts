// The timeline language service: pure TypeScript, no editor, no I/O. Parse once per document
// version (`parse`), then hand the parsed document to any feature. Nothing here throws on bad input.

import { TimelineDocument } from './document';
import { compileSchema, type CompiledRoot } from './schema/compile';
import { localizer, normalizeLocale, type Locale } from './l10n';
import { runRules, runCloudRules, RULES, CLOUD_RULES, type RuleFailure } from './validation';
import type { Rule } from './rules/rule';
import type { CloudRule } from './rules/cloud-rule';
import type { CloudMedia, CloudMediaLookup, Diagnostic, ServiceHost, ServiceSettings, TextEdit } from './types';
import { complete, type CompletionResult } from './completion';
import { hover, mediaIdSpanAt, cloudMediaText, type Hover } from './hover';
import { documentSymbols, foldingRanges, format, selectionRanges, type DocumentSymbol, type FoldingRange, type FormatOptions, type SelectionRange } from './structure';
import { codeActions, safeFixes, applyEdits, type CodeAction } from './actions';
import { definition, references, prepareRename, rename, type Span } from './references';
import { summarize, type DocumentSummary } from './summary';
import { documentLayout, type Layout, type LayoutOptions } from './layout';
import { buildProduceRequest, type ProduceDefaults, type ProduceRequestPlan } from './request';
import { documentComposition, type Composition, type CompositionOptions } from './composition';
import { documentColors, colorPresentations, type ColorInfo, type ColorPresentation, type Rgba } from './colors';
import { inlayHints, type InlayHint } from './inlayHints';
import bundledSchema from '../../../schemas/timeline.schema.json';
import bundledSchemaZh from '../../../schemas/timeline.schema.zh-cn.json';

export { TimelineDocument } from './document';
export type * from './types';
export { CODES, CODE_INFO, SOURCES, rulePageFile, type CodeInfo, type RuleDoc, type Bilingual, type SourceKey } from './codes';
export { RULE_FAILED, RULES, type RuleFailure } from './validation';
export type { Rule, RuleContext } from './rules/rule';
export type { CloudRule, CloudRuleContext } from './rules/cloud-rule';
export { normalizeLocale, localizer, type Locale } from './l10n';
export { cloudMediaIds } from './rules/cloud-rule';
export { formatDuration, formatTimeRange } from './duration';
export { suggest, type Suggestion } from './suggest';
// The JSON toolkit the adapter reads vod-timeline.config.json with: the same parser, positions and values.
export { parseJson, NodeKind, NONE } from './json/parser';
export { LineIndex, lineStartsOf } from './json/lines';
export { toValue } from './values';
export { applyEdits, safeFixes } from './actions';
export type { CompletionItem, CompletionResult } from './completion';
export type { Hover } from './hover';
export type { InlayHint } from './inlayHints';
export type { DocumentSymbol, FoldingRange, SelectionRange, FormatOptions } from './structure';
export type { CodeAction } from './actions';
export type { Span } from './references';
export type { ColorInfo, ColorPresentation, Rgba } from './colors';
export type { DocumentSummary } from './summary';
export type { Layout, ClipLayout, TrackLayout, LayoutOptions } from './layout';
export type { ProduceRequestPlan, ProduceParams, ProduceMode } from './request';
export type { TrackKind } from './model';
export type { Composition, CompItem, CompNote, CompRect, CompText, CompositionOptions, MediaFacts, ActiveItem, FitMode } from './composition';
export { frameAt, boundaries, sourceTimeAt } from './composition';

export interface TimelineServiceOptions {
  /** The JSON Schema (defaults to schemas/timeline.schema.json). */
  schema?: unknown;
  /** zh-CN annotations keyed by schema pointer (defaults to schemas/timeline.schema.zh-cn.json). */
  schemaZh?: Record<string, Record<string, unknown>>;
  host?: ServiceHost;
  /**
   * Told when a rule throws (the other rules still report, and the document gets an
   * `internal/rule-failed` error); the LSP adapter logs it with the stack.
   */
  onRuleFailure?: (failure: RuleFailure) => void;
  /** The rules validate() runs: all of them (RULES) but in tests, which put in a failing one. */
  rules?: readonly Rule[];
  /** The rules validateCloud() runs: CLOUD_RULES but in tests. */
  cloudRules?: readonly CloudRule[];
}

/** What the CLI commands and the LSP adapter pass on to their service (tests only). */
export type RuleSet = Pick<TimelineServiceOptions, 'rules' | 'cloudRules'>;

export class TimelineService {
  readonly schema: CompiledRoot;
  readonly schemaZh: Record<string, Record<string, unknown>>;
  readonly host: ServiceHost;
  private readonly onRuleFailure?: (failure: RuleFailure) => void;
  private readonly rules: readonly Rule[];
  private readonly cloudRules: readonly CloudRule[];

  constructor(options: TimelineServiceOptions = {}) {
    this.schema = compileSchema(options.schema ?? bundledSchema);
    this.schemaZh = options.schemaZh ?? (bundledSchemaZh as Record<string, Record<string, unknown>>);
    this.host = options.host ?? {};
    this.onRuleFailure = options.onRuleFailure;
    this.rules = options.rules ?? RULES;
    this.cloudRules = options.cloudRules ?? CLOUD_RULES;
  }

  /**
   * Parse a document; cache the result per version and pass it to every feature. `previous`, an earlier
   * version of the same document not yet disposed, lets an edit be parsed without reading the whole text.
   */
  parse(text: string, version?: number, uri?: string, previous?: TimelineDocument): TimelineDocument {
    return new TimelineDocument(text, version, uri, previous);
  }

  /** Every diagnostic of the document, sorted by position. Memoized per document, settings and locale. */
  validate(doc: TimelineDocument, settings: ServiceSettings = {}, locale?: string): Diagnostic[] {
    const loc: Locale = normalizeLocale(locale);
    const key = `diagnostics:${loc}:${settings.region ?? ''}:${JSON.stringify(settings.rules ?? {})}`;
    return doc.cached(key, () => runRules(doc, this.schema, settings, localizer(loc), this.onRuleFailure, this.rules));
  }

  /**
   * The checks against the media library, for what `media` knows (the host looked it up), sorted;
   * apart from validate() because their facts arrive later. `where` names the lookup in messages.
   */
  validateCloud(doc: TimelineDocument, settings: ServiceSettings, locale: string | undefined, media: CloudMediaLookup, where: string): Diagnostic[] {
    return runCloudRules(doc, this.schema, settings, localizer(normalizeLocale(locale)), media, where, this.onRuleFailure, this.cloudRules);
  }

  complete(doc: TimelineDocument, offset: number, locale?: string): Promise<CompletionResult> {
    return complete(doc, offset, this.schema, this.schemaZh, this.host, locale);
  }

  hover(doc: TimelineDocument, offset: number, locale?: string): Hover | undefined {
    return hover(doc, offset, this.schema, this.schemaZh, locale);
  }

  /** The MediaId string under `offset`, if any (for the media library's facts on hover). */
  mediaIdAt(doc: TimelineDocument, offset: number): { mediaId: string; start: number; end: number } | undefined {
    return mediaIdSpanAt(doc, offset);
  }

  /** Hover text for what the media library says about a MediaId. */
  cloudMediaHover(media: CloudMedia, locale?: string): string {
    return cloudMediaText(media, localizer(normalizeLocale(locale)));
  }

  symbols(doc: TimelineDocument, locale?: string): DocumentSymbol[] {
    return documentSymbols(doc, locale);
  }

  folding(doc: TimelineDocument): FoldingRange[] {
    return foldingRanges(doc);
  }

  selectionRanges(doc: TimelineDocument, offsets: number[]): SelectionRange[] {
    return selectionRanges(doc, offsets);
  }

  format(doc: TimelineDocument, options: FormatOptions, range?: { start: number; end: number }): TextEdit[] {
    return format(doc, options, range);
  }

  /** Quick fixes for the diagnostics in [start, end], and "fix all safe problems". `only` filters by LSP kind. */
  codeActions(doc: TimelineDocument, start: number, end: number, settings: ServiceSettings = {}, locale?: string, only?: string[]): CodeAction[] {
    return codeActions(this.validate(doc, settings, locale), start, end, localizer(normalizeLocale(locale)), only);
  }

  /** The text with every safe fix applied, and how many problems that fixed (`validate --fix`). */
  fixAll(doc: TimelineDocument, settings: ServiceSettings = {}): { text: string; fixed: number } {
    const { edits, diagnostics } = safeFixes(this.validate(doc, settings));
    return { text: applyEdits(doc.text, edits), fixed: diagnostics.length };
  }

  definition(doc: TimelineDocument, offset: number): Span[] {
    return definition(doc, offset);
  }

  references(doc: TimelineDocument, offset: number, includeDeclaration = true): Span[] {
    return references(doc, offset, includeDeclaration);
  }

  prepareRename(doc: TimelineDocument, offset: number): (Span & { placeholder: string }) | undefined {
    return prepareRename(doc, offset);
  }

  rename(doc: TimelineDocument, offset: number, newName: string): TextEdit[] {
    return rename(doc, offset, newName);
  }

  /** The colour values of the schema's colour fields (content ranges, RGBA 0–1), for swatches. */
  colors(doc: TimelineDocument): ColorInfo[] {
    return documentColors(doc, this.schema);
  }

  /** How to write a picked colour into the colour field at [start, end], the document's style first. */
  colorPresentations(doc: TimelineDocument, start: number, end: number, color: Rgba): ColorPresentation[] {
    return colorPresentations(doc, this.schema, start, end, color);
  }

  layout(doc: TimelineDocument, options?: LayoutOptions): Layout | undefined {
    return documentLayout(doc, options);
  }

  /**
   * Where the clips whose `{` is in [range.start, range.end] land on the output, where that tells more
   * than the text (inlayHints.ts). Reads the memoized validation (the same `settings` and `locale` as
   * the diagnostics share it) to leave out clips whose times are in error. `tooltips: false`: labels
   * only, the tooltip of one hint comes from inlayHintTooltip.
   */
  inlayHints(doc: TimelineDocument, range: { start: number; end: number }, settings: ServiceSettings = {}, locale?: string, options: { tooltips?: boolean } = {}): InlayHint[] {
    return inlayHints(doc, range, this.validate(doc, settings, locale), localizer(normalizeLocale(locale)), options.tooltips !== false);
  }

  /** The tooltip of the hint at `offset` (as inlayHints gave it), if there is one there. */
  inlayHintTooltip(doc: TimelineDocument, offset: number, settings: ServiceSettings = {}, locale?: string): string | undefined {
    return this.inlayHints(doc, { start: offset, end: offset }, settings, locale).find((h) => h.offset === offset)?.tooltip;
  }

  /** What the player draws and plays (see composition.ts); `media` gives what the library knows. */
  composition(doc: TimelineDocument, locale?: string, options?: CompositionOptions): Composition | undefined {
    return documentComposition(doc, localizer(normalizeLocale(locale)), options);
  }

  summary(doc: TimelineDocument, settings: ServiceSettings = {}): DocumentSummary {
    return summarize(doc, this.validate(doc, settings));
  }

  produceRequest(doc: TimelineDocument, defaults?: ProduceDefaults): ProduceRequestPlan {
    return buildProduceRequest(doc, defaults);
  }
}
