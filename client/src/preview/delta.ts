// What the extension sends the webview after the first model: only what changed since the model the
// webview has. On the 6,600-clip document an edit inside one clip changes one bar (or the bars after it
// in its track), while the whole model is half a megabyte that had to be built, serialised, carried
// through the extension host → workbench → webview hops and decoded again; a delta is a few hundred
// bytes. Pure (no `vscode`, no DOM): the extension diffs, the webview applies, unit tests check that
// applying equals the new model.
//
// Every model the webview holds has a sequence number (`seq`, counted by the extension per panel; the
// document version is not enough: a diagnostics change keeps it). A delta names the seq it applies to
// (`base`); a webview holding another seq, or one that cannot apply it, asks for the full model
// ('resync') instead of drawing something wrong.

import { clipOrder, decodeClip, decodeModel, encodeClip, encodeModel, labelId, r4 } from './model';
import { CLIP_FIELDS, type LaneHead, type LanePatch, type ModelDelta, type PreviewClip, type PreviewLane, type PreviewModel, type WireModel } from './protocol';

export type { LaneHead, LanePatch, ModelDelta };

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal as the webview sees them (the wire rounds times to 1e-4 s: compare after the same rounding). */
export function sameClip(a: PreviewClip, b: PreviewClip): boolean {
  return a === b || (a.index === b.index && a.label === b.label && r4(a.start) === r4(b.start) && r4(a.end) === r4(b.end)
    && r4(a.x0) === r4(b.x0) && r4(a.x1) === r4(b.x1) && a.implicitStart === b.implicitStart && a.implicitEnd === b.implicitEnd
    && r4(a.sourceIn) === r4(b.sourceIn) && r4(a.sourceOut) === r4(b.sourceOut) && a.speed === b.speed
    && r4(a.transition) === r4(b.transition) && a.severity === b.severity && sameStrings(a.problems, b.problems));
}


function sameHead(a: LaneHead, b: LaneHead): boolean {
  return a.kind === b.kind && a.index === b.index && a.main === b.main && a.effect === b.effect && a.start === b.start
    && a.end === b.end && a.severity === b.severity && sameStrings(a.problems, b.problems);
}

export function laneHead(l: PreviewLane): LaneHead {
  return { kind: l.kind, index: l.index, main: l.main, effect: l.effect, start: l.start, end: l.end, severity: l.severity, problems: l.problems };
}

function sameClips(a: readonly PreviewClip[], b: readonly PreviewClip[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameClip(a[i], b[i])) return false;
  return true;
}

/**
 * The delta from `old` (the model the webview has, numbered `base`) to `next` (numbered `seq`).
 * Lanes: the equal ones at the start are kept, then the ones whose clips are equal at the end (a
 * track added or removed in the middle shifts the indices of those after it, not their clips); the
 * lanes between are paired by position and each sends the clips between its equal head and tail.
 */
export function diffModels(old: PreviewModel, next: PreviewModel, base: number, seq: number): ModelDelta {
  const A = old.lanes;
  const B = next.lanes;
  let p = 0;
  while (p < A.length && p < B.length && sameHead(A[p], B[p]) && sameClips(A[p].clips, B[p].clips)) p++;
  let s = 0;
  while (s < A.length - p && s < B.length - p && sameClips(A[A.length - 1 - s].clips, B[B.length - 1 - s].clips)) s++;

  const labels: string[] = [];
  const labelIds = new Map<string, number>();
  const lanes: (number | LanePatch)[] = [];
  const patch = (from: number, b: PreviewLane): number | LanePatch => {
    const a: PreviewLane | undefined = from >= 0 ? A[from] : undefined;
    const ac = a?.clips ?? [];
    const bc = b.clips;
    let at = 0;
    while (at < ac.length && at < bc.length && sameClip(ac[at], bc[at])) at++;
    let tail = 0;
    while (tail < ac.length - at && tail < bc.length - at && sameClip(ac[ac.length - 1 - tail], bc[bc.length - 1 - tail])) tail++;
    const del = ac.length - at - tail;
    const sameH = a !== undefined && sameHead(a, b);
    if (a && sameH && del === 0 && bc.length === ac.length) return from;
    const ins: (number | null)[] = [];
    let problems: Record<number, string[]> | undefined;
    for (let i = at, k = 0; i < bc.length - tail; i++, k++) {
      const c = bc[i];
      encodeClip(c, labelId(c.label, labels, labelIds), ins);
      if (c.problems.length) (problems ??= {})[k] = c.problems;
    }
    const out: LanePatch = { from: a ? from : -1, at, del, ins };
    if (!sameH) out.head = laneHead(b);
    if (problems) out.problems = problems;
    return out;
  };
  for (let j = 0; j < B.length; j++) {
    if (j < p) lanes.push(j);
    else if (j >= B.length - s) lanes.push(patch(A.length - (B.length - j), B[j]));
    else lanes.push(patch(p + (j - p) < A.length - s ? p + (j - p) : -1, B[j]));
  }
  return {
    base, seq,
    head: {
      version: next.version, fileName: next.fileName, form: next.form, duration: next.duration, minDuration: next.minDuration,
      extent: next.extent, clipCount: next.clipCount, errors: next.errors, warnings: next.warnings, empty: next.empty,
    },
    labels, lanes,
  };
}

/** True when the delta changes nothing the webview draws (a refresh that found the same model). */
export function isEmptyDelta(d: ModelDelta, old: PreviewModel): boolean {
  const h = d.head;
  return d.lanes.length === old.lanes.length && d.lanes.every((e, i) => e === i)
    && h.version === old.version && h.fileName === old.fileName && h.form === old.form && h.duration === old.duration
    && h.minDuration === old.minDuration && h.extent === old.extent && h.clipCount === old.clipCount
    && h.errors === old.errors && h.warnings === old.warnings && h.empty === old.empty;
}

/**
 * `old` with `delta` applied: a new model (lanes that did not change are shared with `old`, not
 * copied). Throws when the delta does not fit `old` (the caller then asks for the full model).
 */
export function applyDelta(old: PreviewModel, delta: ModelDelta): PreviewModel {
  const A = old.lanes;
  let clipCount = 0;
  const lanes = delta.lanes.map((e): PreviewLane => {
    if (typeof e === 'number') {
      const lane = A[e];
      if (!lane) throw new Error(`delta: no lane ${e}`);
      clipCount += lane.clips.length;
      return lane;
    }
    const from = e.from >= 0 ? A[e.from] : undefined;
    if (e.from >= 0 && !from) throw new Error(`delta: no lane ${e.from}`);
    const ac = from?.clips ?? [];
    if (e.at < 0 || e.del < 0 || e.at + e.del > ac.length || e.ins.length % CLIP_FIELDS) throw new Error('delta: the splice does not fit its lane');
    const head = e.head ?? (from && laneHead(from));
    if (!head) throw new Error('delta: a new lane without its fields');
    const n = e.ins.length / CLIP_FIELDS;
    const clips: PreviewClip[] = new Array(ac.length - e.del + n);
    for (let i = 0; i < e.at; i++) clips[i] = ac[i];
    for (let k = 0; k < n; k++) clips[e.at + k] = decodeClip(e.ins, k * CLIP_FIELDS, delta.labels, e.problems?.[k] ?? []);
    for (let i = e.at + e.del, j = e.at + n; i < ac.length; i++, j++) clips[j] = ac[i];
    clipCount += clips.length;
    return { ...head, clips, order: clipOrder(clips) };
  });
  if (clipCount !== delta.head.clipCount) throw new Error(`delta: ${clipCount} clips, the model says ${delta.head.clipCount}`);
  return { ...delta.head, lanes };
}

/** What the extension posts for a model: all of it, or what changed since the webview's. */
export type Outgoing = { kind: 'full'; seq: number; wire: WireModel } | { kind: 'delta'; delta: ModelDelta };

/**
 * The extension's side: numbers the models, remembers the one the webview holds once it has read what
 * was posted (messages to a webview arrive in order), and answers each new model with the delta from it.
 */
export class DeltaSender {
  private sent: { seq: number; model: PreviewModel } | undefined;
  private seq = 0;

  /** The webview has no model (it loaded or reloaded): the next message is the full model. */
  reset(): void {
    this.sent = undefined;
  }

  /** The number of the model the webview holds after the last message (undefined: none yet). */
  get sentSeq(): number | undefined {
    return this.sent?.seq;
  }

  /** What to post for `model`; undefined when the webview already holds it. */
  update(model: PreviewModel): Outgoing | undefined {
    if (!this.sent) return this.full(model);
    const delta = diffModels(this.sent.model, model, this.sent.seq, this.seq + 1);
    if (isEmptyDelta(delta, this.sent.model)) return undefined;
    this.seq = delta.seq;
    this.sent = { seq: delta.seq, model };
    return { kind: 'delta', delta };
  }

  /** The full model (first paint, a reload, a webview that missed a step). */
  full(model: PreviewModel): Outgoing {
    this.seq++;
    this.sent = { seq: this.seq, model };
    return { kind: 'full', seq: this.seq, wire: encodeModel(model) };
  }

  /** The webview, holding `seq`, could not apply a delta: true when it needs the full model. */
  needsFull(seq: number | null): boolean {
    return seq === null || seq !== this.sent?.seq;
  }
}

/** The webview's side: the model it holds and its number; a delta that does not fit asks for the whole, once per gap. */
export class DeltaReceiver {
  seq: number | null = null;
  model: PreviewModel | undefined;
  private asked: number | null | undefined;

  full(seq: number, wire: WireModel): PreviewModel {
    this.seq = seq;
    this.model = decodeModel(wire);
    this.asked = undefined;
    return this.model;
  }

  /**
   * The model after `d`; or, when `d` does not apply to the model held (a step missed, or a delta that
   * does not fit it), `resync`: the seq to report in a 'resync' message (absent when already asked).
   */
  apply(d: ModelDelta): { model: PreviewModel } | { resync?: number | null; error?: string } {
    let error: string | undefined;
    if (this.model && this.seq === d.base) {
      try {
        const model = applyDelta(this.model, d);
        this.model = model;
        this.seq = d.seq;
        return { model };
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (this.asked === this.seq) return { error };
    this.asked = this.seq;
    return { resync: this.seq, error };
  }
}
