// Track-kind icons as 16×16 SVG path data, drawn on the canvas with Path2D and in the legend as
// inline SVG (fill-rule evenodd: a frame is an outer rectangle minus an inner one).
import type { TrackKind } from '../protocol';

const FRAME = 'M1 3h14v10H1zM2.4 4.4v7.2h11.2V4.4z';

export const ICONS: Record<TrackKind, string> = {
  // A frame with a play triangle.
  video: `${FRAME}M6 5.8l4.6 2.2L6 10.2z`,
  // A waveform.
  audio: 'M1.5 7h1.6v2H1.5zM4.4 4.5H6v7H4.4zM7.2 2h1.6v12H7.2zM10 5h1.6v6H10zM12.9 6.5h1.6v3h-1.6z',
  // A frame with a mountain and a sun.
  image: `${FRAME}M3.6 10.6l2.8-3.4 2 2.3 1.4-1.4 2.6 2.5zM10.6 5.4h1.6v1.6h-1.6z`,
  // A caption box with two lines of text.
  subtitle: `${FRAME}M4 7h8v1.4H4zM5.2 9.2h5.6v1.2H5.2z`,
  // A four-pointed sparkle.
  effect: 'M8 1l1.7 5.3L15 8l-5.3 1.7L8 15l-1.7-5.3L1 8l5.3-1.7z',
};

/** Inline SVG for the legend (no style attribute: the CSP allows no inline styles). */
export function iconSvg(kind: TrackKind): string {
  return `<svg class="icon kind-${kind}" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" fill-rule="evenodd" d="${ICONS[kind]}"/></svg>`;
}
