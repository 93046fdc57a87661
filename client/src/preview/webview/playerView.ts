/// <reference lib="dom" />
// The player's controls around the Player engine: transport buttons, keys (K play/pause, comma and
// period one frame, [ and ] clip boundaries, L loop the selected clip: none of them collides with the
// lanes' own keys), the time and format line, the legend of what is not rendered, and the state the
// extension reads for tests. The lanes (main.ts) get the playhead and the clips under it from here.
import type { Composition, CompItem } from '../../../../server/src/service/frame';
import { frameAt } from '../../../../server/src/service/frame';
import type { FromWebview, PlayerSource } from '../protocol';
import { Player } from './player';

export interface PlayerViewHooks {
  s(key: string, ...args: (string | number)[]): string;
  post(m: FromWebview): void;
  /** Playhead moved or play state changed: the lanes redraw. */
  onTime(): void;
  /** Time formatting shared with the lanes (server/src/service/duration.ts). */
  formatTime(t: number): string;
  /** The output range of the clip selected in the lanes, for Loop. */
  selectedRange(): { start: number; end: number } | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const PAUSE_PATH = 'M4 2.5h3v11H4zM9 2.5h3v11H9z';
const PLAY_PATH = 'M4 2.5v11l9-5.5z';

export class PlayerView {
  readonly player: Player;
  private readonly canvas = $<HTMLCanvasElement>('frame');
  private readonly stage = $('stage');
  private readonly time = $('time');
  private readonly format = $('format');
  private readonly status = $('playerStatus');
  private readonly notesToggle = $<HTMLButtonElement>('notesToggle');
  private readonly notes = $('notes');
  private readonly playButton = $<HTMLButtonElement>('playPause');
  private readonly loopButton = $<HTMLButtonElement>('loop');
  private statusText: string | undefined;
  private notice: string | undefined;
  private lastReport = 0;
  private lastHeight = 0;
  private readonly fontsChecked = new Map<string, boolean>();

  constructor(private readonly hooks: PlayerViewHooks) {
    this.player = new Player(this.canvas, {
      s: hooks.s,
      onTime: (_t, playing) => {
        this.renderTime();
        hooks.onTime();
        const now = performance.now();
        if (!playing || now - this.lastReport > 500) this.report();
      },
      onNotes: () => this.renderNotes(),
      onStatus: (m) => { this.statusText = m; this.renderStatus(); this.report(); },
    });
    this.playButton.addEventListener('click', () => this.toggle());
    $('stepBack').addEventListener('click', () => this.step(-1));
    $('stepForward').addEventListener('click', () => this.step(1));
    $('prevBoundary').addEventListener('click', () => this.jump(-1));
    $('nextBoundary').addEventListener('click', () => this.jump(1));
    this.loopButton.addEventListener('click', () => this.toggleLoop());
    this.notesToggle.addEventListener('click', () => {
      this.notes.hidden = !this.notes.hidden;
      this.notesToggle.setAttribute('aria-expanded', String(!this.notes.hidden));
    });
    new ResizeObserver(() => this.resized()).observe(this.stage);
    this.renderTime();
    this.renderNotes();
  }

  setInput(composition: Composition | null, sources: Record<string, PlayerSource>, mediaEnabled: boolean, notice: string | undefined): void {
    this.notice = notice;
    this.player.setInput(composition, sources, mediaEnabled);
    if (composition) {
      const k = composition;
      const size = k.sizeSource === 'assumed' ? this.hooks.s('player.sizeAssumed', k.width, k.height) : this.hooks.s('player.size', k.width, k.height);
      const fps = k.fpsAssumed ? this.hooks.s('player.fpsAssumed', k.fps) : this.hooks.s('player.fps', k.fps);
      this.format.textContent = `${size} · ${fps}`;
    } else {
      this.format.textContent = '';
    }
    this.renderTime();
    this.renderStatus();
    this.renderNotes();
    this.report();
  }

  /** Keys the player answers; false for everything else (the lanes' keys). */
  onKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    switch (e.key) {
      case 'k': case 'K': this.toggle(); return true;
      case ',': this.step(-1); return true;
      case '.': this.step(1); return true;
      case '[': this.jump(-1); return true;
      case ']': this.jump(1); return true;
      case 'l': case 'L': this.toggleLoop(); return true;
      default: return false;
    }
  }

  toggle(): void {
    this.player.toggle();
    this.renderTime();
    this.report();
  }

  step(frames: number): void { this.player.step(frames); this.report(); }
  jump(direction: -1 | 1): void { this.player.jump(direction); this.report(); }
  seek(t: number): void { this.player.seek(t); this.report(); }

  toggleLoop(): void {
    if (this.player.loop) this.player.setLoop(null);
    else this.player.setLoop(this.hooks.selectedRange());
    this.loopButton.setAttribute('aria-pressed', String(!!this.player.loop));
    this.renderStatus();
    this.report();
  }


  /** The items under the playhead (for highlighting their bars while playing). */
  activeItems(): CompItem[] {
    const comp = this.player.composition;
    if (!comp) return [];
    return frameAt(comp, this.player.time).map((a) => a.item);
  }

  private resized(): void {
    this.player.draw();
    const h = Math.round(this.stage.clientHeight * (window.devicePixelRatio || 1));
    if (Math.abs(h - this.lastHeight) > 16) {
      this.lastHeight = h;
      this.hooks.post({ type: 'playerSize', height: h });
    }
    this.report();
  }

  private renderTime(): void {
    const d = this.player.duration;
    this.time.textContent = this.hooks.s('player.time', this.hooks.formatTime(this.player.time), this.hooks.formatTime(d));
    const playing = this.player.playing;
    const label = this.hooks.s(playing ? 'player.pause' : 'player.play');
    this.playButton.title = label;
    this.playButton.setAttribute('aria-label', label);
    this.playButton.querySelector('path')?.setAttribute('d', playing ? PAUSE_PATH : PLAY_PATH);
  }

  private renderStatus(): void {
    const loop = this.player.loop;
    const parts = [this.statusText, this.notice, loop ? this.hooks.s('player.loopOn', `${this.hooks.formatTime(loop.start)}–${this.hooks.formatTime(loop.end)}`) : undefined].filter(Boolean);
    this.status.textContent = parts.join(' · ');
  }

  /** The legend: per clip, what was not rendered or was approximated (the composition's notes and the player's). */
  private renderNotes(): void {
    const comp = this.player.composition;
    const groups: { title: string; lines: string[] }[] = [];
    if (comp?.notes.length) groups.push({ title: this.hooks.s('player.noteTimeline'), lines: comp.notes.map((n) => n.text) });
    for (const item of comp?.items ?? []) {
      const lines = [...item.notes.map((n) => n.text), ...(this.player.notes.get(item.id) ?? [])];
      if (item.text?.font && !this.fontAvailable(item.text.font)) lines.push(this.hooks.s('player.fontMissing', item.text.font));
      if (!lines.length) continue;
      const name = `${this.hooks.s(`kind.${item.kind}`)} ${item.track} · ${this.hooks.s('clip', item.clip)}${item.effect !== undefined ? ` · Text ${item.effect}` : ''}${item.mediaId ? ` · ${item.mediaId}` : ''}`;
      groups.push({ title: name, lines: [...new Set(lines)] });
    }
    const count = groups.reduce((n, g) => n + g.lines.length, 0);
    this.notesToggle.textContent = count ? this.hooks.s('player.notes', count) : this.hooks.s('player.notesNone');
    this.notesToggle.disabled = count === 0;
    this.notes.textContent = '';
    const title = document.createElement('div');
    title.textContent = this.hooks.s('player.notesTitle');
    title.className = 'muted';
    this.notes.appendChild(title);
    for (const g of groups) {
      const head = document.createElement('div');
      head.className = 'note-clip';
      head.textContent = g.title;
      const ul = document.createElement('ul');
      for (const l of g.lines) {
        const li = document.createElement('li');
        li.textContent = l;
        ul.appendChild(li);
      }
      this.notes.append(head, ul);
    }
    this.noteCount = count;
  }

  private noteCount = 0;

  private fontAvailable(font: string): boolean {
    let ok = this.fontsChecked.get(font);
    if (ok === undefined) this.fontsChecked.set(font, (ok = this.player.fontAvailable(font)));
    return ok;
  }

  /** The output frame's rectangle in CSS pixels (page coordinates) where the picture is drawn. */
  private frameRect(): { x: number; y: number; w: number; h: number } | null {
    const comp = this.player.composition;
    if (!comp) return null;
    const r = this.canvas.getBoundingClientRect();
    const k = Math.min(r.width / comp.width, r.height / comp.height);
    const w = comp.width * k;
    const h = comp.height * k;
    return { x: r.left + (r.width - w) / 2, y: r.top + (r.height - h) / 2, w, h };
  }

  private peakHz(): number | null {
    const a = this.player.analyser;
    if (!a || !this.player.playing) return null;
    const data = new Float32Array(a.frequencyBinCount);
    a.getFloatFrequencyData(data);
    let best = 1;
    for (let i = 2; i < data.length; i++) if (data[i] > data[best]) best = i;
    if (!Number.isFinite(data[best]) || data[best] < -90) return null;
    return Math.round((best * a.context.sampleRate) / a.fftSize);
  }

  /** Tells the extension where the player stands (tests read it through the preview's test state). */
  report(): void {
    this.lastReport = performance.now();
    const p = this.player;
    const comp = p.composition;
    const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    const state: Extract<FromWebview, { type: 'playerState' }> = {
      type: 'playerState',
      time: p.time,
      playing: p.playing,
      duration: p.duration,
      fps: p.fps,
      fpsAssumed: comp?.fpsAssumed ?? true,
      size: comp ? { width: comp.width, height: comp.height, source: comp.sizeSource } : null,
      frame: this.frameRect(),
      audio: p.audioState,
      decoders: p.decoders,
      frames: p.stats.frames,
      presented: p.stats.presented,
      late: p.stats.late,
      dropped: p.dropped,
      peakHz: this.peakHz(),
      active: comp ? frameAt(comp, p.time).map((a) => `${a.item.kind} ${a.item.track}/${a.item.clip}${a.item.effect !== undefined ? `/T${a.item.effect}` : ''} ${a.item.mediaId ?? a.item.text?.content ?? ''} @${a.sourceTime.toFixed(3)}`) : [],
      loop: p.loop,
      notes: this.noteCount,
      status: this.status.textContent || undefined,
      heapMb: mem ? Math.round(mem.usedJSHeapSize / 1048576) : undefined,
    };
    this.hooks.post(state);
    // The same on the stage element, where a UI test driving the page can read it; the frame rectangle
    // there is relative to the canvas (a screenshot of the canvas finds the picture at it).
    const c = this.canvas.getBoundingClientRect();
    const f = state.frame;
    this.stage.dataset.state = JSON.stringify({ ...state, frame: f ? { x: f.x - c.left, y: f.y - c.top, w: f.w, h: f.h } : null, composition: comp ? { width: comp.width, height: comp.height } : null });
  }
}
