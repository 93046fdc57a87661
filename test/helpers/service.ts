// Helpers shared by the language-service unit tests: one service instance, diagnostics as compact
// records with LSP-style (0-based) line:character ranges and the text they cover, cursor markers.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TimelineService, applyEdits, type Diagnostic, type ServiceSettings, type TimelineDocument, type TextEdit } from '../../server/src/service';

export const ROOT = path.join(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures');

export const service = new TimelineService();

export interface Compact {
  code: string;
  severity: string;
  /** 0-based `line:character-line:character`, as LSP ranges are. */
  range: string;
  /** The text the range covers. */
  text: string;
  message: string;
}

function rangeText(doc: TimelineDocument, start: number, end: number): string {
  const s = doc.lines.positionAt(start);
  const e = doc.lines.positionAt(end);
  return `${s.line}:${s.character}-${e.line}:${e.character}`;
}

function compact(doc: TimelineDocument, d: Diagnostic): Compact {
  return { code: d.code, severity: d.severity, range: rangeText(doc, d.start, d.end), text: doc.text.slice(d.start, d.end), message: d.message };
}

export function diagnose(text: string, settings: ServiceSettings = {}, locale?: string, svc: TimelineService = service): { doc: TimelineDocument; diagnostics: Diagnostic[]; list: Compact[] } {
  const doc = svc.parse(text);
  const diagnostics = svc.validate(doc, settings, locale);
  return { doc, diagnostics, list: diagnostics.map((d) => compact(doc, d)) };
}

/** Diagnostics with this code. */
export function withCode(list: Compact[], code: string): Compact[] {
  return list.filter((d) => d.code === code);
}

export function codes(list: { code: string }[]): string[] {
  return list.map((d) => d.code);
}

const CURSOR = '‸';

/** Text with one `‸` marker → the text without it and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('exactly one cursor marker expected');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Offset of the n-th (0-based) occurrence of `needle`; throws when absent so a test never silently uses -1. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not found`);
  }
  return at;
}

export function apply(text: string, edits: TextEdit[]): string {
  return applyEdits(text, edits);
}

/** Pretty JSON, two spaces, the layout most tests' line:character figures assume. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A bare timeline with one video track holding these clips. */
export function videoTimeline(...clips: Record<string, unknown>[]): string {
  return json({ VideoTracks: [{ VideoTrackClips: clips }] });
}

export function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(EXAMPLES_DIR, f));
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** A deterministic PRNG (mulberry32) so that fuzz-style loops are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
