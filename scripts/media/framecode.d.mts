// Types of framecode.mjs for the TypeScript tests (the module itself is plain JavaScript so that the
// sample generator and the host UI scenarios, which run in plain Node, use it as it is).
export declare const FPS: 25;
export declare const COLS: number;
export declare const ROWS: number;
export declare const GRID_HEIGHT: number;
export declare const BLOCK_INSET: number;
export declare const SAMPLE_INSET: number;
export declare const MAX_CLIP_CODE: number;
export declare const MAX_FRAME: number;
export declare function checkByte(clip: number, frame: number): number;
export declare function frameBits(clip: number, frame: number): boolean[];
export declare function drawFrame(
  rgb: Uint8Array, width: number, height: number,
  f: { clip: number; frame: number; background: [number, number, number]; label?: string },
): void;
export declare function labelFor(letter: string, frame: number): string;
export interface DecodedFrame {
  clip: number;
  frame: number;
  /** Luma difference between the white and the black reference block (0–255). */
  contrast: number;
}
export declare function decodeFrame(
  rgba: Uint8Array | Uint8ClampedArray, imageWidth: number, imageHeight: number,
  rect?: { x: number; y: number; width: number; height: number },
): DecodedFrame | null;
