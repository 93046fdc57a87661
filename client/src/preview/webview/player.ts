/// <reference lib="dom" />
// The preview's player: draws the output frame of the composition at output time t on a canvas and
// plays its sound, from the media the extension resolved (or slates where there is none). It decides
// nothing about timing: frameAt (server/src/service/frame.ts, the same model the lanes and `inspect`
// come from) says what is active and at which source time; this file only makes media elements show
// and sound that.
//
// Budget: at most MAX_DECODERS media elements exist at once (a 100-track timeline must not start 200
// decoders on 2 cores); items beyond it are slates, said in the legend. Items starting within
// PRELOAD_S get an element early, paused at their first frame, so a cut shows no gap. Clock: the audio
// context's clock while sound plays (the picture follows the sound), else the page's clock.
import { boundaries, frameAt, type ActiveItem, type CompItem, type Composition, type CompText } from '../../../../server/src/service/frame';
import type { PlayerSource } from '../protocol';

export const MAX_DECODERS = 4;
const PRELOAD_S = 1.5;
/** Playing media further than this from where it should be is sought (seconds of source time). */
const DRIFT_S = 0.15;
const MIN_RATE = 0.0625;
const MAX_RATE = 16;

export interface PlayerHooks {
  /** Localized text (key, args). */
  s(key: string, ...args: (string | number)[]): string;
  /** Output time moved (each animation frame while playing, and on seeks). */
  onTime(t: number, playing: boolean): void;
  /** What the legend should list changed (runtime notes: budget, missing media, sound). */
  onNotes(): void;
  /** A message for the user (autoplay blocked, …), or undefined to clear it. */
  onStatus(message: string | undefined): void;
}

interface Slot {
  el: HTMLVideoElement;
  /** The item it serves (or preloads), undefined when free. */
  item?: number;
  url?: string;
  /** Loaded with crossOrigin=anonymous (the host answered with CORS headers). */
  cors: boolean;
  /** Routed through Web Audio (only possible with CORS). */
  node?: { source: MediaElementAudioSourceNode; gain: GainNode };
  hls?: { destroy(): void };
  /**
   * Seconds by which the element's timeline is ahead of the source's: hls.js starts the timeline at the
   * earliest sample of any track, and AAC priming puts audio some 60 ms before the first video frame,
   * so source time s is element time s + offset. 0 for a plain file.
   */
  offset: number;
  failed?: string;
}

interface HlsEventData {
  fatal?: boolean;
  details?: string;
  frag?: { start: number; elementaryStreams?: { video?: { startPTS: number } } };
}
interface HlsStatic {
  new (config?: Record<string, unknown>): { loadSource(url: string): void; attachMedia(el: HTMLMediaElement): void; destroy(): void; on(event: string, cb: (e: unknown, data: HlsEventData) => void): void };
  isSupported(): boolean;
  Events: { ERROR: string; FRAG_BUFFERED: string };
}
declare global { interface Window { Hls?: HlsStatic } }

/** Runtime notes per item id: why something is a slate or only partly rendered. */
export type RuntimeNotes = Map<number, Set<string>>;

const hash = (s: string) => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
};

export class Player {
  private comp: Composition | null = null;
  private sources: Record<string, PlayerSource> = {};
  private mediaEnabled = true;
  private t = 0;
  private playingNow = false;
  private anchor = { t: 0, wall: 0, audio: false };
  private raf = 0;
  private slots: Slot[] = [];
  private images = new Map<string, HTMLImageElement>();
  private audio: AudioContext | undefined;
  private master: GainNode | undefined;
  readonly notes: RuntimeNotes = new Map();
  private loopRange: { start: number; end: number } | null = null;
  private bounds: number[] = [];
  private hlsLoading: Promise<HlsStatic | undefined> | undefined;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly aac: boolean;
  private visible = true;
  /** Frames drawn, and video frames presented late (requestVideoFrameCallback), for the bench. */
  readonly stats = { frames: 0, seeks: 0, late: 0, presented: 0 };
  analyser: AnalyserNode | undefined;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly hooks: PlayerHooks) {
    this.ctx = canvas.getContext('2d', { alpha: false })!;
    const probe = document.createElement('audio');
    // VS Code's desktop build has no AAC decoder (microsoft/vscode#167685): MP4 then plays silent.
    this.aac = probe.canPlayType('audio/mp4; codecs="mp4a.40.2"') !== '';
    document.addEventListener('visibilitychange', () => this.setVisible(!document.hidden));
  }

  get time(): number { return this.t; }
  get playing(): boolean { return this.playingNow; }
  get composition(): Composition | null { return this.comp; }
  get duration(): number { return this.comp?.duration ?? 0; }
  get fps(): number { return this.comp?.fps ?? 25; }
  get audioState(): string { return this.audio?.state ?? 'none'; }
  get decoders(): number { return this.slots.filter((s) => s.url).length; }
  /** Video frames the browser dropped so far (getVideoPlaybackQuality), for the bench. */
  get dropped(): number {
    return this.droppedBefore + this.slots.reduce((n, s) => n + (s.el.getVideoPlaybackQuality?.().droppedVideoFrames ?? 0), 0);
  }
  private droppedBefore = 0;

  /** A new composition (after an edit) or new sources: keeps the time, re-assigns media. */
  setInput(comp: Composition | null, sources: Record<string, PlayerSource>, mediaEnabled: boolean): void {
    this.comp = comp;
    this.sources = sources;
    this.mediaEnabled = mediaEnabled;
    this.bounds = comp ? boundaries(comp) : [];
    this.notes.clear();
    if (comp && this.t > comp.duration) this.t = comp.duration;
    if (this.loopRange && comp && this.loopRange.start >= comp.duration) this.loopRange = null;
    this.sync(true);
    this.draw();
    this.hooks.onNotes();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    // Nothing runs while the panel is hidden.
    if (!visible && this.playingNow) this.pause();
  }

  setLoop(range: { start: number; end: number } | null): void {
    this.loopRange = range && range.end > range.start ? range : null;
    if (this.loopRange && (this.t < this.loopRange.start || this.t >= this.loopRange.end)) this.seek(this.loopRange.start);
  }
  get loop(): { start: number; end: number } | null { return this.loopRange; }

  /** Starts playing; from a user gesture, so sound may start too. */
  async play(): Promise<void> {
    if (!this.comp || this.playingNow) return;
    if (this.t >= this.comp.duration - 1e-6) this.t = this.loopRange?.start ?? 0;
    this.ensureAudio();
    if (this.audio && this.audio.state !== 'running') {
      try { await this.audio.resume(); } catch { /* reported below */ }
    }
    this.playingNow = true;
    this.reanchor();
    this.sync(true);
    this.hooks.onStatus(this.audio && this.audio.state !== 'running' ? this.hooks.s('player.audioBlocked') : undefined);
    this.tick();
  }

  pause(): void {
    if (!this.playingNow) return;
    this.t = this.now();
    this.playingNow = false;
    cancelAnimationFrame(this.raf);
    for (const slot of this.slots) slot.el.pause();
    this.sync(true);
    this.draw();
    this.hooks.onTime(this.t, false);
  }

  toggle(): void {
    if (this.playingNow) this.pause();
    else void this.play();
  }

  seek(t: number): void {
    if (!this.comp) return;
    this.t = Math.min(Math.max(0, t), this.comp.duration);
    this.reanchor();
    this.stats.seeks++;
    this.sync(true);
    this.draw();
    this.hooks.onTime(this.t, this.playingNow);
  }

  /** One output frame forward (1) or back (-1), at the output frame rate. */
  step(frames: number): void {
    if (this.playingNow) this.pause();
    const f = 1 / this.fps;
    const index = Math.round(this.t / f) + frames;
    this.seek(index * f);
  }

  /** The previous (-1) or next (1) time where a clip starts or ends. */
  jump(direction: -1 | 1): void {
    if (!this.bounds.length) return;
    const eps = 1e-3;
    const target = direction > 0 ? this.bounds.find((b) => b > this.t + eps) : [...this.bounds].reverse().find((b) => b < this.t - eps);
    if (target !== undefined) this.seek(Math.min(target, this.duration));
  }

  /** Draws the current frame at the canvas's size (call after a resize). */
  draw(): void {
    const { canvas, ctx } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.max(1, Math.round(w * dpr));
      canvas.height = Math.max(1, Math.round(h * dpr));
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const comp = this.comp;
    if (!comp) return;
    // The output frame, letterboxed in the canvas.
    const k = Math.min(canvas.width / comp.width, canvas.height / comp.height);
    const ox = (canvas.width - comp.width * k) / 2;
    const oy = (canvas.height - comp.height * k) / 2;
    ctx.save();
    ctx.beginPath();
    ctx.rect(ox, oy, comp.width * k, comp.height * k);
    ctx.clip();
    ctx.translate(ox, oy);
    ctx.scale(k, k);
    for (const a of frameAt(comp, this.t)) {
      if (a.item.visual === 'none' || a.alpha <= 0) continue;
      ctx.globalAlpha = Math.min(1, a.alpha);
      if (a.item.visual === 'text' && a.item.text) this.drawText(a.item.text, comp);
      else this.drawVisual(a);
      ctx.globalAlpha = 1;
    }
    ctx.restore();
    this.stats.frames++;
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    for (const slot of this.slots) this.release(slot, true);
    this.slots = [];
    void this.audio?.close().catch(() => undefined);
  }

  // --- the clock --------------------------------------------------------------------------------------

  private wall(audio: boolean): number {
    return audio && this.audio ? this.audio.currentTime : performance.now() / 1000;
  }

  private reanchor(): void {
    const audio = !!this.audio && this.audio.state === 'running';
    this.anchor = { t: this.t, wall: this.wall(audio), audio };
  }

  private now(): number {
    if (!this.playingNow) return this.t;
    return this.anchor.t + (this.wall(this.anchor.audio) - this.anchor.wall);
  }

  private tick = (): void => {
    if (!this.playingNow || !this.comp) return;
    if (!this.visible) { this.pause(); return; }
    let t = this.now();
    const end = this.loopRange ? this.loopRange.end : this.comp.duration;
    if (t >= end) {
      if (this.loopRange) {
        this.t = this.loopRange.start;
        this.reanchor();
        this.sync(true);
        t = this.t;
      } else {
        this.t = this.comp.duration;
        this.pause();
        return;
      }
    }
    this.t = t;
    this.sync(false);
    this.draw();
    this.hooks.onTime(this.t, true);
    this.raf = requestAnimationFrame(this.tick);
  };

  // --- media -------------------------------------------------------------------------------------------

  private note(item: CompItem, key: string, ...args: (string | number)[]): void {
    const text = this.hooks.s(key, ...args);
    let set = this.notes.get(item.id);
    if (!set) this.notes.set(item.id, (set = new Set()));
    if (!set.has(text)) {
      set.add(text);
      this.hooks.onNotes();
    }
  }

  /** The source an item plays from, or why there is none. */
  private sourceOf(item: CompItem): PlayerSource | undefined {
    if (!item.mediaId) return undefined;
    if (!this.mediaEnabled) return { kind: 'slate', reason: this.hooks.s('player.mediaOff') };
    return this.sources[item.mediaId] ?? { kind: 'slate', reason: this.hooks.s('player.noSource') };
  }

  /**
   * Gives media elements to the items that need them now (and to those about to start), in priority
   * order, within the budget; positions and starts or pauses them. `hard`: after a seek or a new
   * input, every element is put exactly where it belongs.
   */
  private sync(hard: boolean): void {
    const comp = this.comp;
    if (!comp) return;
    const t = this.t;
    const active = frameAt(comp, t);
    type Want = { item: CompItem; a?: ActiveItem; url: string; hls: boolean; priority: number };
    const wants: Want[] = [];
    const want = (item: CompItem, a: ActiveItem | undefined, priority: number) => {
      if (item.visual === 'image' || item.visual === 'text') return;
      if (item.visual === 'none' && !item.audio) return;
      const src = this.sourceOf(item);
      if (!src) return;
      if (src.kind !== 'media') {
        if (src.kind === 'slate') this.note(item, 'player.slate', src.reason);
        return;
      }
      wants.push({ item, a, url: src.url, hls: src.format === 'hls', priority });
    };
    for (const a of active) {
      const area = a.item.visual === 'video' ? (a.item.rect.w * a.item.rect.h) / (comp.width * comp.height) : 0;
      // Pictures first (the biggest first), then sound by loudness.
      want(a.item, a, a.item.visual === 'video' ? 10 + area : a.gain);
    }
    if (this.playingNow || hard) {
      for (const item of comp.items) {
        if (item.start > t && item.start - t <= PRELOAD_S && (item.visual === 'video' || item.audio)) want(item, undefined, -1 - (item.start - t));
      }
    }
    wants.sort((x, y) => y.priority - x.priority);
    const chosen = wants.slice(0, MAX_DECODERS);
    for (const w of wants.slice(MAX_DECODERS)) if (w.a) this.note(w.item, 'player.overBudget', MAX_DECODERS);
    const chosenIds = new Set(chosen.map((w) => w.item.id));

    // Free what is no longer wanted; keep slots whose item is still chosen.
    for (const slot of this.slots) if (slot.item !== undefined && !chosenIds.has(slot.item)) slot.item = undefined;
    for (const w of chosen) {
      let slot = this.slots.find((s) => s.item === w.item.id);
      if (!slot) {
        // Prefer a free element already holding this media (the next clip of the same file): no reload.
        slot = this.slots.find((s) => s.item === undefined && s.url === w.url) ?? this.slots.find((s) => s.item === undefined && !s.url)
          ?? this.slots.find((s) => s.item === undefined);
        if (!slot && this.slots.length < MAX_DECODERS) {
          slot = this.newSlot();
          this.slots.push(slot);
        }
        if (!slot) continue;
        slot.item = w.item.id;
      }
      if (slot.url !== w.url) this.load(slot, w.url, w.hls, w.a ? w.a.sourceTime : w.item.sourceIn);
      this.position(slot, w, hard);
    }
    // A free element keeps its media only while some item of the composition still plays it (the next
    // clip of the same file starts without a reload); otherwise its decoder is given back.
    const urls = new Set<string>();
    for (const item of comp.items) {
      const src = item.mediaId ? this.sourceOf(item) : undefined;
      if (src?.kind === 'media') urls.add(src.url);
    }
    for (const slot of this.slots) {
      if (slot.item !== undefined) continue;
      if (slot.url && !urls.has(slot.url)) this.release(slot, false);
      else if (!slot.el.paused) slot.el.pause();
    }
  }

  private newSlot(): Slot {
    const el = document.createElement('video');
    el.preload = 'auto';
    el.playsInline = true;
    el.muted = false;
    el.addEventListener('seeked', () => { if (!this.playingNow) this.draw(); });
    el.addEventListener('loadeddata', () => { if (!this.playingNow) { this.sync(true); this.draw(); } });
    const slot: Slot = { el, cors: true, offset: 0 };
    const onFrame = (_now: number, meta: { expectedDisplayTime?: number; presentationTime?: number }) => {
      if (this.playingNow && meta.expectedDisplayTime !== undefined && meta.presentationTime !== undefined) {
        this.stats.presented++;
        if (meta.presentationTime - meta.expectedDisplayTime > 1000 / this.fps) this.stats.late++;
      }
      (el as HTMLVideoElement & { requestVideoFrameCallback?: (cb: typeof onFrame) => void }).requestVideoFrameCallback?.(onFrame);
    };
    (el as HTMLVideoElement & { requestVideoFrameCallback?: (cb: typeof onFrame) => void }).requestVideoFrameCallback?.(onFrame);
    el.addEventListener('error', () => {
      // A host without CORS headers refuses an anonymous cross-origin load: load again without it
      // (the picture still draws; the sound then goes through the element's own volume, at most 1).
      if (slot.cors && slot.url && !slot.hls) {
        const url = slot.url;
        this.release(slot, false);
        slot.cors = false;
        this.load(slot, url, false);
        this.sync(true);
        return;
      }
      slot.failed = el.error?.message || `error ${el.error?.code ?? ''}`;
      this.hooks.onNotes();
      this.draw();
    });
    return slot;
  }

  private load(slot: Slot, url: string, hls: boolean, startAt = 0): void {
    this.release(slot, false);
    slot.url = url;
    slot.failed = undefined;
    slot.offset = 0;
    const el = slot.el;
    // A routed element keeps its audio node for life; it can only take CORS media again.
    if (slot.node && !slot.cors) slot.cors = true;
    if (slot.cors) el.crossOrigin = 'anonymous';
    else el.removeAttribute('crossorigin');
    if (hls) {
      // HLS always through hls.js where MediaSource exists: the same timeline in every editor. (Newer
      // Chromium plays HLS natively too, but aligns it to the AAC priming: frames some 60 ms early.)
      void this.loadHls().then((Hls) => {
        if (slot.url !== url) return;
        if (!Hls || !Hls.isSupported()) {
          if (el.canPlayType('application/vnd.apple.mpegurl')) {
            el.src = url;
            el.load();
            return;
          }
          slot.failed = this.hooks.s('player.noHls');
          this.hooks.onNotes();
          return;
        }
        // startPosition: hls.js otherwise moves a fresh element to 0 once the manifest is parsed.
        const h = new Hls({ enableWorker: true, maxBufferLength: 10, startPosition: startAt });
        // Where a fragment's first video frame landed in the element's timeline, against where the
        // playlist puts it: the shift to apply to source times (see Slot.offset).
        h.on(Hls.Events.FRAG_BUFFERED, (_e, data) => {
          const video = data.frag?.elementaryStreams?.video;
          if (!video || !Number.isFinite(video.startPTS)) return;
          const offset = video.startPTS - data.frag!.start;
          if (Math.abs(offset - slot.offset) > 0.001 && Math.abs(offset) < 1) slot.offset = offset;
        });
        // Once data is there, a paused player puts the element exactly where it belongs.
        h.on(Hls.Events.FRAG_BUFFERED, () => { if (!this.playingNow) { this.sync(true); this.draw(); } });
        h.on(Hls.Events.ERROR, (_e, data) => {
          if (data?.fatal) {
            slot.failed = data.details ?? 'HLS error';
            this.hooks.onNotes();
          }
        });
        h.loadSource(url);
        h.attachMedia(el);
        slot.hls = h;
      });
    } else {
      el.src = url;
      el.load();
    }
  }

  private loadHls(): Promise<HlsStatic | undefined> {
    if (window.Hls) return Promise.resolve(window.Hls);
    // hls.js ships as its own file (dist/preview/hls.js), loaded only when an HLS stream plays.
    this.hlsLoading ??= new Promise((resolve) => {
      // This load's nonce, from the page's own script (written into the page: it has no src).
      const current = document.querySelector<HTMLScriptElement>('script[nonce]');
      const script = document.createElement('script');
      script.nonce = current?.nonce ?? '';
      script.src = (document.getElementById('vod-hls-url')?.textContent ?? '').trim();
      script.onload = () => resolve(window.Hls);
      script.onerror = () => resolve(undefined);
      document.head.appendChild(script);
    });
    return this.hlsLoading;
  }

  private release(slot: Slot, destroy: boolean): void {
    // An element's playback quality counts restart with its next source: keep what it dropped so far.
    if (slot.url) this.droppedBefore += slot.el.getVideoPlaybackQuality?.().droppedVideoFrames ?? 0;
    slot.hls?.destroy();
    slot.hls = undefined;
    slot.el.pause();
    if (slot.url || destroy) {
      slot.el.removeAttribute('src');
      slot.el.load();
    }
    slot.url = undefined;
    if (destroy && slot.node) {
      slot.node.source.disconnect();
      slot.node.gain.disconnect();
    }
  }

  private ensureAudio(): void {
    if (this.audio) return;
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    this.audio = new Ctx();
    this.master = this.audio.createGain();
    this.analyser = this.audio.createAnalyser();
    this.analyser.fftSize = 4096;
    this.master.connect(this.analyser);
    this.analyser.connect(this.audio.destination);
  }

  /** Puts the element where its item is at time t, playing or paused, with its gain. */
  private position(slot: Slot, w: { item: CompItem; a?: ActiveItem }, hard: boolean): void {
    const el = slot.el;
    const item = w.item;
    const a = w.a;
    const target = (a ? a.sourceTime : item.sourceIn) + slot.offset;
    const gain = a ? a.gain : 0;
    // Sound: through Web Audio when the media allows it (any gain), else the element's volume (≤ 1).
    if (item.audio && slot.cors && this.audio && !slot.node && el.readyState >= 1) {
      try {
        const source = this.audio.createMediaElementSource(el);
        const g = this.audio.createGain();
        source.connect(g);
        g.connect(this.master!);
        slot.node = { source, gain: g };
      } catch { /* already routed */ }
    }
    if (slot.node) {
      slot.node.gain.gain.value = item.audio ? gain : 0;
      el.volume = 1;
    } else {
      el.volume = Math.min(1, Math.max(0, item.audio ? gain : 0));
      if (item.audio && gain > 1) this.note(item, 'player.gainCapped');
    }
    if (item.audio && !this.aac && slot.url && /\.mp4|\.m4a|mp4|m3u8/i.test(slot.url)) this.note(item, 'player.noAac');
    if (el.readyState < 1) return;
    const playNow = this.playingNow && !!a && !a.holding;
    const rate = Math.min(MAX_RATE, Math.max(MIN_RATE, item.speed));
    if (Math.abs(el.playbackRate - rate) > 1e-6) el.playbackRate = rate;
    const speedPlayable = item.speed >= MIN_RATE && item.speed <= MAX_RATE;
    const drift = Math.abs(el.currentTime - target);
    const tolerance = playNow && speedPlayable ? DRIFT_S : 0.5 / this.fps;
    if (hard || drift > tolerance) {
      if (!el.seeking || hard) el.currentTime = target;
    }
    if (playNow && el.paused) {
      el.play().catch((e: unknown) => {
        if ((e as DOMException)?.name === 'NotAllowedError') {
          el.muted = true;
          this.hooks.onStatus(this.hooks.s('player.audioBlocked'));
          void el.play().catch(() => undefined);
        }
      });
    } else if (!playNow && !el.paused) {
      el.pause();
    }
  }

  // --- drawing -----------------------------------------------------------------------------------------

  private slotFor(item: CompItem): Slot | undefined {
    return this.slots.find((s) => s.item === item.id);
  }

  private drawVisual(a: ActiveItem): void {
    const item = a.item;
    const src = this.sourceOf(item);
    let drawable: CanvasImageSource | undefined;
    let iw = 0;
    let ih = 0;
    let reason: string | undefined;
    if (!src) reason = this.hooks.s('player.noMediaId');
    else if (src.kind === 'slate') reason = src.reason;
    else if (src.kind === 'image' || item.visual === 'image') {
      const img = this.image(src.url);
      if (img.complete && img.naturalWidth) { drawable = img; iw = img.naturalWidth; ih = img.naturalHeight; }
      else reason = img.complete ? this.hooks.s('player.failed', src.url ? 'image' : '') : this.hooks.s('player.loading');
    } else {
      const slot = this.slotFor(item);
      if (!slot) reason = this.hooks.s('player.overBudgetShort');
      else if (slot.failed) reason = this.hooks.s('player.failed', slot.failed);
      else if (slot.el.readyState >= 2 && slot.el.videoWidth) { drawable = slot.el; iw = slot.el.videoWidth; ih = slot.el.videoHeight; }
      else reason = this.hooks.s('player.loading');
    }
    if (!drawable) {
      this.drawSlate(a, reason ?? '');
      // Only what lasts goes to the legend (a failed load), not "loading…".
      const failed = src && src.kind === 'media' ? this.slotFor(item)?.failed : undefined;
      if (failed) this.note(item, 'player.slate', this.hooks.s('player.failed', failed));
      return;
    }
    const r = item.rect;
    const ctx = this.ctx;
    if (item.fit === 'fill') {
      ctx.drawImage(drawable, r.x, r.y, r.w, r.h);
    } else if (item.fit === 'cover') {
      const s = Math.max(r.w / iw, r.h / ih);
      const sw = r.w / s;
      const sh = r.h / s;
      ctx.drawImage(drawable, (iw - sw) / 2, (ih - sh) / 2, sw, sh, r.x, r.y, r.w, r.h);
    } else {
      const s = Math.min(r.w / iw, r.h / ih);
      const dw = iw * s;
      const dh = ih * s;
      ctx.drawImage(drawable, r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw, dh);
    }
  }

  private image(url: string): HTMLImageElement {
    let img = this.images.get(url);
    if (!img) {
      img = new Image();
      img.decoding = 'async';
      img.onload = () => this.draw();
      img.onerror = () => this.draw();
      img.src = url;
      this.images.set(url, img);
    }
    return img;
  }

  /** A coloured frame standing in for media: track, MediaId, the source time running, the reason. */
  private drawSlate(a: ActiveItem, reason: string): void {
    const { ctx } = this;
    const item = a.item;
    const r = item.rect;
    const hue = hash(item.mediaId ?? `${item.kind}${item.track}`) % 360;
    ctx.fillStyle = `hsl(${hue} 45% 28%)`;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.strokeStyle = `hsl(${hue} 60% 60%)`;
    ctx.lineWidth = Math.max(2, r.w / 200);
    ctx.strokeRect(r.x + ctx.lineWidth / 2, r.y + ctx.lineWidth / 2, r.w - ctx.lineWidth, r.h - ctx.lineWidth);
    const size = Math.max(10, Math.min(r.h / 9, r.w / 16));
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    const pad = size * 0.6;
    const lines = [
      this.hooks.s('player.slateTrack', this.hooks.s(`kind.${item.kind}`), item.track, item.clip),
      item.mediaId ?? '',
      this.hooks.s('player.slateTime', (Math.round(a.sourceTime * 100) / 100).toFixed(2)) + (a.holding ? ` ${this.hooks.s('player.holding')}` : ''),
    ];
    ctx.font = `600 ${size}px sans-serif`;
    lines.forEach((l, i) => { if (l) ctx.fillText(l, r.x + pad, r.y + pad + i * size * 1.35, r.w - 2 * pad); });
    if (reason) {
      // Wrapped, not squeezed into one line (fillText's maxWidth narrows the glyphs until unreadable); as
      // many lines as the slate has room for, the last one ending in an ellipsis when cut.
      const small = Math.max(9, size * 0.75);
      ctx.font = `${small}px sans-serif`;
      ctx.globalAlpha *= 0.85;
      const top = r.y + pad + 3 * size * 1.35;
      const room = Math.max(1, Math.floor((r.y + r.h - pad - top) / (small * 1.25)));
      const all = wrap(ctx, reason, r.w - 2 * pad);
      const shown = all.slice(0, room);
      if (all.length > room) shown[room - 1] = `${shown[room - 1].replace(/\s*\S?$/, '')}…`;
      shown.forEach((l, i) => ctx.fillText(l, r.x + pad, top + i * small * 1.25, r.w - 2 * pad));
    }
  }

  private drawText(text: CompText, comp: Composition): void {
    const { ctx } = this;
    const weight = text.bold ? '700' : '400';
    const style = text.italic ? 'italic ' : '';
    const family = text.font ? `"${text.font.replace(/"/g, '')}", "WenQuanYi Zen Hei", sans-serif` : '"WenQuanYi Zen Hei", sans-serif';
    ctx.font = `${style}${weight} ${text.fontSize}px ${family}`;
    ctx.textBaseline = 'top';
    const lineH = text.fontSize * 1.25;
    const lines = wrap(ctx, text.content, text.width);
    const widths = lines.map((l) => ctx.measureText(l).width);
    const blockW = Math.max(0, ...widths);
    const blockH = lines.length * lineH;
    let x0: number;
    let y0: number;
    if (!text.align) {
      x0 = text.x;
      y0 = text.y;
    } else {
      x0 = text.align.h === 'left' ? text.x : text.align.h === 'right' ? comp.width - text.x - blockW : (comp.width - blockW) / 2 + text.x;
      y0 = text.align.v === 'top' ? text.y : text.align.v === 'bottom' ? comp.height - text.y - blockH : (comp.height - blockH) / 2 + text.y;
    }
    const base = ctx.globalAlpha;
    if (text.box) {
      ctx.globalAlpha = base * text.box.opacity;
      ctx.fillStyle = text.box.color;
      const pad = text.fontSize * 0.2;
      ctx.fillRect(x0 - pad, y0 - pad, blockW + 2 * pad, blockH + 2 * pad);
    }
    ctx.globalAlpha = base * text.opacity;
    lines.forEach((line, i) => {
      const lw = widths[i];
      const lx = !text.align || text.align.h === 'left' ? x0 : text.align.h === 'right' ? x0 + blockW - lw : x0 + (blockW - lw) / 2;
      const ly = y0 + i * lineH;
      if (text.outline && text.outline.width > 0) {
        ctx.strokeStyle = text.outline.color;
        ctx.lineWidth = text.outline.width * 2;
        ctx.lineJoin = 'round';
        ctx.strokeText(line, lx, ly);
      }
      ctx.fillStyle = text.color;
      ctx.fillText(line, lx, ly);
      if (text.underline) ctx.fillRect(lx, ly + text.fontSize * 1.05, lw, Math.max(1, text.fontSize / 15));
    });
    ctx.globalAlpha = base;
  }

  /** Whether a font name is drawn with its own face here (else the fallback is used: said in the legend). */
  fontAvailable(font: string): boolean {
    const ctx = this.ctx;
    const sample = 'mmmmmmmmmwwwwwww 永和九年';
    ctx.font = '40px monospace';
    const a = ctx.measureText(sample).width;
    ctx.font = `40px "${font.replace(/"/g, '')}", monospace`;
    const b = ctx.measureText(sample).width;
    ctx.font = '40px serif';
    const c = ctx.measureText(sample).width;
    ctx.font = `40px "${font.replace(/"/g, '')}", serif`;
    const d = ctx.measureText(sample).width;
    return a !== b || c !== d;
  }
}

/** Lines of `content` (\n breaks), wrapped to `width` output pixels when given. */
function wrap(ctx: CanvasRenderingContext2D, content: string, width: number | undefined): string[] {
  const out: string[] = [];
  for (const para of content.split('\n')) {
    if (!width || ctx.measureText(para).width <= width) { out.push(para); continue; }
    let line = '';
    for (const ch of [...para]) {
      if (line && ctx.measureText(line + ch).width > width) {
        // Break after the last space when the line has one (words stay whole), else between characters
        // (Chinese has no spaces; a very long word has no other place).
        const space = line.lastIndexOf(' ');
        if (space > 0 && ch !== ' ') { out.push(line.slice(0, space)); line = line.slice(space + 1) + ch; }
        else { out.push(line); line = ch.trimStart(); }
      } else line += ch;
    }
    out.push(line);
  }
  return out;
}
