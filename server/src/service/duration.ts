// The one way every surface writes a time or a duration: the status bar, CodeLens, hover, inlay hints,
// the preview webview and the CLI's text output (machine output, JSON and diagnostics' quoted values stay plain
// seconds as the document has them). Below a minute, seconds with the unit ("0 s", "0.04 s",
// "59.95 s"): the unit the JSON is written in. From a minute on, a clock, as video tools show it
// ("1:04.25", "1:02:03.5"). Rounded once to the millisecond before splitting, so 59.9996 s is "1:00",
// never "0:60" or "60 s"; trailing zeros dropped. Pure: no imports, usable from the extension, the
// webview, the CLI and the service.

/** Writes "{value} s" in the reader's language ("{value} 秒"). */
export type SecondsUnit = (value: string) => string;

const plainUnit: SecondsUnit = (value) => `${value} s`;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Whole milliseconds of |t|, rounded half up. */
const millis = (t: number) => Math.round(Math.abs(t) * 1000);

/** ".25" for 250 ms, "" for 0. */
function fraction(ms: number): string {
  const f = ms % 1000;
  return f ? `.${String(f).padStart(3, '0').replace(/0+$/, '')}` : '';
}

function seconds(ms: number): string {
  return `${Math.floor(ms / 1000)}${fraction(ms)}`;
}

function clock(ms: number): string {
  const h = Math.floor(ms / HOUR_MS);
  const m = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const s = `${String(Math.floor((ms % MINUTE_MS) / 1000)).padStart(2, '0')}${fraction(ms)}`;
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const known = (t: number | null | undefined): t is number => typeof t === 'number' && Number.isFinite(t);
const sign = (t: number) => (t < 0 && millis(t) > 0 ? '-' : '');

/** "12.5 s" below a minute, "1:04.25" from a minute, "1:02:03.5" from an hour; "?" when unknown. */
export function formatDuration(t: number | null | undefined, unit: SecondsUnit = plainUnit): string {
  if (!known(t)) return '?';
  const ms = millis(t);
  return ms < MINUTE_MS ? unit(`${sign(t)}${seconds(ms)}`) : `${sign(t)}${clock(ms)}`;
}

export interface RangeOptions {
  unit?: SecondsUnit;
  /** Written right after each end (the CLI marks computed times with "*"). */
  marks?: [string, string];
}

/**
 * Both ends in one style: "0–8 s" while both are below a minute (one unit for the pair), else two
 * clocks ("0:50–1:04.25"); "?" for an unknown end.
 */
export function formatTimeRange(start: number | null | undefined, end: number | null | undefined, options: RangeOptions = {}): string {
  const unit = options.unit ?? plainUnit;
  const [a, b] = options.marks ?? ['', ''];
  const short = [start, end].every((t) => !known(t) || millis(t) < MINUTE_MS);
  const one = (t: number | null | undefined) => (!known(t) ? '?' : `${sign(t)}${short ? seconds(millis(t)) : clock(millis(t))}`);
  const text = `${one(start)}${a}–${one(end)}${b}`;
  return short ? unit(text) : text;
}
