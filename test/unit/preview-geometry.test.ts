// The preview's geometry (client/src/preview/webview/geometry.ts): zoom limits, hit testing, ruler
// ticks and labels, keyboard navigation, reveal, zoom around the pointer, and culling on 6,600 clips.

import * as assert from 'node:assert/strict';
import { TimelineService } from '../../server/src/service';
import { layoutResult } from '../../server/src/layoutResult';
import { buildPreviewModel } from '../../client/src/preview/model';
import type { PreviewModel } from '../../client/src/preview/protocol';
import {
  BAR_INSET, LABEL_W, LANE_H, MAX_PPS, MIN_BAR_W, RULER_H, type View,
  barRect, clampPps, clampScroll, contentHeight, contentWidth, fitPps, formatTick, hitTest, navigate, reveal, tickStep, ticks,
  timeToX, visibleLanes, xToTime, zoomAt,
} from '../../client/src/preview/webview/geometry';

const service = new TimelineService();

function model(timeline: unknown): PreviewModel {
  const result = JSON.parse(JSON.stringify(layoutResult(service.parse(JSON.stringify(timeline)), service)));
  return buildPreviewModel(result, [], 'x', 1);
}

// Video 0: [0,10] [10,20] [20,30]; video 1: [5,6]; audio 0: [0,30]; subtitle 0 (no clips).
const M = model({
  VideoTracks: [
    { VideoTrackClips: [{ MediaId: 'a', Out: 10 }, { MediaId: 'b', Out: 10 }, { MediaId: 'c', Out: 10 }] },
    { VideoTrackClips: [{ MediaId: 'd', Out: 1, TimelineIn: 5 }] },
  ],
  AudioTracks: [{ AudioTrackClips: [{ MediaId: 'm', Out: 30 }] }],
  SubtitleTracks: [{ SubtitleTrackClips: [] }],
});

const view = (over: Partial<View> = {}): View => ({ pps: 10, scrollX: 0, scrollY: 0, width: LABEL_W + 400, height: RULER_H + 4 * LANE_H, ...over });
/** The centre of a bar, in view coordinates. */
const centre = (v: View, lane: number, clip: number) => {
  const r = barRect(M, { lane, clip }, v)!;
  return [r.x + r.w / 2, r.y + r.h / 2] as const;
};

suite('preview: geometry', () => {
  test('time ↔ x, content size and fit', () => {
    const v = view({ scrollX: 50 });
    assert.equal(timeToX(5, v), LABEL_W + 50 - 50);
    assert.equal(xToTime(timeToX(12.5, v), v), 12.5);
    assert.equal(contentHeight(M), RULER_H + 4 * LANE_H + BAR_INSET);
    assert.ok(contentWidth(M, 10) >= LABEL_W + 300);
    const fit = fitPps(M.extent, 1000);
    assert.ok(LABEL_W + M.extent * fit <= 1000, 'the whole extent fits');
  });

  test('zoom is clamped between half of "fit" and MAX_PPS', () => {
    const fit = fitPps(M.extent, 800);
    assert.equal(clampPps(0.0001, M.extent, 800), fit * 0.5);
    assert.equal(clampPps(1e9, M.extent, 800), MAX_PPS);
    assert.equal(clampPps(fit * 2, M.extent, 800), fit * 2);
  });

  test('scrolling is clamped to the content', () => {
    const v = clampScroll(M, view({ scrollX: -10, scrollY: 1e6 }));
    assert.equal(v.scrollX, 0);
    assert.equal(v.scrollY, Math.max(0, contentHeight(M) - v.height));
  });

  test('hit testing finds the bar under the pointer, nothing on the ruler, the labels or between lanes', () => {
    const v = view();
    assert.deepEqual(hitTest(M, v, ...centre(v, 0, 1)), { lane: 0, clip: 1 });
    assert.deepEqual(hitTest(M, v, ...centre(v, 2, 0)), { lane: 2, clip: 0 });
    const [x] = centre(v, 0, 1);
    assert.equal(hitTest(M, v, x, RULER_H - 2), undefined, 'ruler');
    assert.equal(hitTest(M, v, LABEL_W - 5, RULER_H + LANE_H / 2), undefined, 'labels');
    assert.equal(hitTest(M, v, x, RULER_H + LANE_H - 1), undefined, 'the gap between lanes');
    assert.equal(hitTest(M, v, timeToX(20, v) + 200, RULER_H + LANE_H + LANE_H / 2), undefined, 'empty part of video 1');
  });

  test('hit testing follows scrolling', () => {
    const v = view({ scrollX: 100, scrollY: LANE_H });
    // Lane 1 is now the first row; its clip [5, 6] is at 50 px − 100 px scroll: off screen to the left.
    assert.equal(hitTest(M, v, LABEL_W + 5, RULER_H + LANE_H / 2), undefined);
    assert.deepEqual(hitTest(M, v, LABEL_W + 5, RULER_H + LANE_H + LANE_H / 2), { lane: 2, clip: 0 });
  });

  test('a bar too thin to see is still hit (minimum width, and a few px of tolerance)', () => {
    const thin = model({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 0.001, TimelineIn: 100 }, { MediaId: 'b', Out: 1, TimelineIn: 200 }] }] });
    const v: View = { pps: 0.5, scrollX: 0, scrollY: 0, width: 800, height: 200 };
    const r = barRect(thin, { lane: 0, clip: 0 }, v)!;
    assert.equal(r.w, MIN_BAR_W);
    assert.deepEqual(hitTest(thin, v, r.x + 1, r.y + 2), { lane: 0, clip: 0 });
    assert.deepEqual(hitTest(thin, v, r.x + MIN_BAR_W + 2, r.y + 2), { lane: 0, clip: 0 });
    assert.equal(hitTest(thin, v, r.x + 20, r.y + 2), undefined);
  });

  test('where bars overlap, the one drawn last wins', () => {
    const overlap = model({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 10, TimelineIn: 0 }, { MediaId: 'b', Out: 4, TimelineIn: 3 }] }] });
    const v = view();
    assert.deepEqual(hitTest(overlap, v, timeToX(5, v), RULER_H + LANE_H / 2), { lane: 0, clip: 1 });
    assert.deepEqual(hitTest(overlap, v, timeToX(9, v), RULER_H + LANE_H / 2), { lane: 0, clip: 0 });
  });

  test('ruler: steps at least 72 px apart, labels in seconds or m:ss', () => {
    assert.equal(tickStep(10), 10);
    assert.equal(tickStep(100), 1);
    assert.equal(tickStep(1000), 0.1);
    assert.equal(tickStep(0.01), 7200);
    assert.equal(formatTick(12.5, 0.5, 30), '12.5 s');
    assert.equal(formatTick(5, 1, 30), '5 s');
    assert.equal(formatTick(65, 5, 600), '1:05');
    assert.equal(formatTick(65.5, 0.5, 600), '1:05.5');
    assert.equal(formatTick(3725, 60, 7200), '1:02:05');
    assert.equal(formatTick(59.96, 0.1, 120), '1:00.0', 'never :60');
    const t = ticks(view({ scrollX: 95 }), M.extent);
    assert.equal(t.step, 10);
    assert.deepEqual(t.times, [0, 10, 20, 30]);
  });

  test('visible lanes follow vertical scrolling', () => {
    assert.deepEqual(visibleLanes(M, view()), [0, 3]);
    assert.deepEqual(visibleLanes(M, view({ scrollY: LANE_H * 2, height: RULER_H + LANE_H })), [2, 3]);
  });

  test('keyboard: ←/→ along the track, ↑/↓ to the nearest bar of the next track with clips, Home/End', () => {
    assert.deepEqual(navigate(M, null, 'ArrowRight'), { lane: 0, clip: 0 }, 'nothing current: the first bar');
    assert.deepEqual(navigate(M, { lane: 0, clip: 0 }, 'ArrowRight'), { lane: 0, clip: 1 });
    assert.deepEqual(navigate(M, { lane: 0, clip: 2 }, 'ArrowRight'), { lane: 0, clip: 2 }, 'stays at the end');
    assert.deepEqual(navigate(M, { lane: 0, clip: 0 }, 'ArrowLeft'), { lane: 0, clip: 0 });
    assert.deepEqual(navigate(M, { lane: 0, clip: 0 }, 'End'), { lane: 0, clip: 2 });
    assert.deepEqual(navigate(M, { lane: 0, clip: 2 }, 'Home'), { lane: 0, clip: 0 });
    assert.deepEqual(navigate(M, { lane: 0, clip: 2 }, 'ArrowDown'), { lane: 1, clip: 0 }, 'the only clip of video 1');
    assert.deepEqual(navigate(M, { lane: 2, clip: 0 }, 'ArrowDown'), { lane: 2, clip: 0 }, 'the empty subtitle lane is skipped; nothing below');
    assert.deepEqual(navigate(M, { lane: 1, clip: 0 }, 'ArrowUp'), { lane: 0, clip: 0 }, '[5, 6] overlaps the first video clip');
    assert.deepEqual(navigate(M, { lane: 0, clip: 1 }, 'PageDown', 10), { lane: 2, clip: 0 });
    assert.deepEqual(navigate(M, { lane: 2, clip: 0 }, 'CtrlHome'), { lane: 0, clip: 0 });
    assert.deepEqual(navigate(M, { lane: 0, clip: 0 }, 'CtrlEnd'), { lane: 2, clip: 0 });
    assert.deepEqual(navigate(M, { lane: 9, clip: 9 }, 'ArrowLeft'), { lane: 0, clip: 0 }, 'a stale current bar restarts');
  });

  test('reveal scrolls as little as needed to show a bar', () => {
    const v = view({ pps: 100 });
    assert.equal(reveal(M, v, { lane: 0, clip: 0 }).scrollX, 0, 'already visible');
    const r = reveal(M, v, { lane: 0, clip: 2 });
    const rect = barRect(M, { lane: 0, clip: 2 }, r)!;
    assert.ok(rect.x >= LABEL_W, 'starts after the labels');
    const small = view({ height: RULER_H + LANE_H });
    assert.equal(reveal(M, small, { lane: 2, clip: 0 }).scrollY, 2 * LANE_H);
  });

  test('zooming keeps the time under the pointer in place', () => {
    const v = view({ pps: 10, scrollX: 40 });
    const x = LABEL_W + 123;
    const before = xToTime(x, v);
    const z = zoomAt(M, v, 40, x);
    assert.equal(z.pps, 40);
    assert.ok(Math.abs(xToTime(x, z) - before) < 1e-9);
  });

  test('6,600 clips: hit testing and navigation stay cheap', () => {
    const big = model({
      VideoTracks: Array.from({ length: 100 }, () => ({ VideoTrackClips: Array.from({ length: 30 }, (_, i) => ({ MediaId: `m${i}`, In: 0, Out: 2, TimelineIn: i * 2 })) })),
      AudioTracks: Array.from({ length: 20 }, () => ({ AudioTrackClips: Array.from({ length: 30 }, (_, i) => ({ MediaId: `a${i}`, Out: 2 })) })),
      SubtitleTracks: Array.from({ length: 100 }, () => ({ SubtitleTrackClips: Array.from({ length: 30 }, (_, i) => ({ Content: `l${i}`, TimelineIn: i * 2, TimelineOut: i * 2 + 2 })) })),
    });
    assert.equal(big.clipCount, 6600);
    const v: View = { pps: fitPps(big.extent, 1200), scrollX: 0, scrollY: 0, width: 1200, height: 800 };
    const t0 = performance.now();
    let hits = 0;
    for (let i = 0; i < 2000; i++) if (hitTest(big, v, LABEL_W + (i * 37) % 900, RULER_H + (i * 13) % 700)) hits++;
    let cur = navigate(big, null, 'ArrowRight');
    for (let i = 0; i < 500; i++) cur = navigate(big, cur, i % 3 === 0 ? 'ArrowDown' : 'ArrowRight');
    const ms = performance.now() - t0;
    assert.ok(hits > 0);
    assert.ok(ms < 500, `${ms.toFixed(1)} ms for 2,000 hit tests and 500 moves`);
  });
});
