// The preview's HTML: a strict Content Security Policy (no default source; scripts only with this load's
// nonce, styles with it or from the extension's dist folder: the page's own script and stylesheet are
// written into it; media, images and connections only to the media hosts the VOD answers named, plus
// blob: for hls.js's MediaSource and worker), the localized strings as inert JSON, and the static chrome
// the script fills in.
import vscode = require('vscode');
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { InitialModel, PreviewStrings } from './protocol';
import { countMessages } from '../vod/counts';

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * `mediaOrigins`: the origins of the URLs VOD gave for this document's media (GetPlayInfo,
 * GetMezzanineInfo, GetImageInfo; the loopback emulator's under `npm start`). Nothing else is loaded:
 * URLs written in the document are never fetched.
 */
export function contentSecurityPolicy(cspSource: string, scriptNonce: string, mediaOrigins: readonly string[] = []): string {
  const hosts = mediaOrigins.filter((o) => /^https?:\/\/[^\s;,'"]+$/.test(o)).join(' ');
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${scriptNonce}'`,
    `img-src ${cspSource} data:${hosts ? ` ${hosts}` : ''}`,
    `media-src blob:${hosts ? ` ${hosts}` : ''}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
    // hls.js fetches playlists and segments, and transmuxes in a blob: worker.
    `connect-src ${hosts || "'none'"}`,
    'worker-src blob:',
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every string the webview shows; placeholders {0}, {1} are filled in there. */
export function previewStrings(): PreviewStrings {
  return {
    'kind.video': vscode.l10n.t('Video'),
    'kind.audio': vscode.l10n.t('Audio'),
    'kind.image': vscode.l10n.t('Image'),
    'kind.subtitle': vscode.l10n.t('Subtitle'),
    'kind.effect': vscode.l10n.t('Effect'),
    track: vscode.l10n.t('{0} {1}', '{0}', '{1}'),
    main: vscode.l10n.t('main'),
    clip: vscode.l10n.t('Clip {0}', '{0}'),
    output: vscode.l10n.t('Output {0}', '{0}'),
    outputAtLeast: vscode.l10n.t('Output ≥ {0}', '{0}'),
    outputRange: vscode.l10n.t('Output: {0}', '{0}'),
    computed: vscode.l10n.t('(computed)'),
    length: vscode.l10n.t('Length: {0}', '{0}'),
    unknownLength: vscode.l10n.t('Length: depends on the media (Out omitted)'),
    source: vscode.l10n.t('Source: {0}', '{0}'),
    sourceRange: vscode.l10n.t('Source: {0}–{1}', '{0}', '{1}'),
    mediaEnd: vscode.l10n.t('media end'),
    speed: vscode.l10n.t('Speed: {0}×', '{0}'),
    transition: vscode.l10n.t('Transition: {0} into the next clip', '{0}'),
    noTimeline: vscode.l10n.t('Nothing to draw yet: no tracks, or the JSON is not valid.'),
    timelineLabel: vscode.l10n.t('Timeline of {0}: {1}, {2}', '{0}', '{1}', '{2}'),
    // The player.
    'player.play': vscode.l10n.t('Play (K)'),
    'player.pause': vscode.l10n.t('Pause (K)'),
    'player.time': vscode.l10n.t('{0} / {1}', '{0}', '{1}'),
    'player.fpsAssumed': vscode.l10n.t('{0} fps (assumed)', '{0}'),
    'player.fps': vscode.l10n.t('{0} fps', '{0}'),
    'player.sizeAssumed': vscode.l10n.t('{0}×{1} (assumed)', '{0}', '{1}'),
    'player.size': vscode.l10n.t('{0}×{1}', '{0}', '{1}'),
    'player.notes': vscode.l10n.t('Not rendered or approximate ({0})', '{0}'),
    'player.notesNone': vscode.l10n.t('Everything shown is rendered'),
    'player.notesTitle': vscode.l10n.t('What this approximate preview does not render, clip by clip'),
    'player.noteTimeline': vscode.l10n.t('Whole timeline'),
    'player.slate': vscode.l10n.t('Slate: {0}', '{0}'),
    'player.slateTrack': vscode.l10n.t('{0} {1} · clip {2}', '{0}', '{1}', '{2}'),
    'player.slateTime': vscode.l10n.t('source {0} s', '{0}'),
    'player.holding': vscode.l10n.t('(last frame held)'),
    'player.loading': vscode.l10n.t('loading…'),
    'player.failed': vscode.l10n.t('could not be played ({0})', '{0}'),
    'player.noSource': vscode.l10n.t('no media resolved yet'),
    'player.noMediaId': vscode.l10n.t('no MediaId'),
    'player.mediaOff': vscode.l10n.t('media playback is off'),
    'player.overBudget': vscode.l10n.t('Not decoded: more than {0} media play at once here; shown as a slate.', '{0}'),
    'player.overBudgetShort': vscode.l10n.t('not decoded (decoder budget)'),
    'player.gainCapped': vscode.l10n.t('Gain above 1 is not applied: the media host sends no CORS headers, so the sound is not routed through Web Audio.'),
    'player.noAac': vscode.l10n.t('Sound not played: this editor has no AAC decoder (VS Code desktop), the picture plays silent.'),
    'player.noHls': vscode.l10n.t('HLS cannot be played here (no MediaSource)'),
    'player.audioBlocked': vscode.l10n.t('The browser blocked sound until you interact: press Play (or K) again.'),
    'player.fontMissing': vscode.l10n.t('Font "{0}" is not on this machine: a fallback font is drawn.', '{0}'),
    'player.loopOn': vscode.l10n.t('Looping {0}', '{0}'),
    // Counted nouns and the seconds unit under their English text, for client/src/counts.ts there.
    ...countMessages(vscode.l10n),
  };
}

const inlined = new Map<string, { mtimeMs: number; text: string }>();

/**
 * The webview's stylesheet and script, read once (again when the build changed them) to be written into
 * the page: loaded by URL, each went service worker → workbench → the remote file system and back, on
 * the workbench's thread, which is busiest just when a large document has been opened beside it.
 */
function inline(extensionUri: vscode.Uri, file: string): string {
  const p = vscode.Uri.joinPath(extensionUri, 'dist', 'preview', file).fsPath;
  const mtimeMs = fs.statSync(p).mtimeMs;
  let hit = inlined.get(p);
  if (!hit || hit.mtimeMs !== mtimeMs) {
    // `</script` or `</style` inside the code would end the element early.
    hit = { mtimeMs, text: fs.readFileSync(p, 'utf8').replace(/<\/(script|style)/gi, '<\\/$1') };
    inlined.set(p, hit);
  }
  return hit.text;
}

/** `initial`: the model the page draws as soon as its script runs (InitialModel), written in as inert JSON. */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, mediaOrigins: readonly string[] = [], initial?: InitialModel): string {
  const scriptNonce = nonce();
  // `<` escaped: nothing in the document's text (a subtitle, a file name) can end the element early.
  const initialJson = initial ? `<script type="application/json" id="vod-initial-model" nonce="${scriptNonce}">${JSON.stringify(initial).replace(/</g, '\\u003c')}</script>\n` : '';
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview', file)).toString();
  const strings = JSON.stringify(previewStrings()).replace(/</g, '\\u003c');
  const help = vscode.l10n.t('Arrow keys move between clips (left and right along a track, up and down across tracks), Home and End go to the first and last clip, Enter or Space selects the clip in the editor, plus and minus zoom, 0 fits the whole timeline.');
  const playerHelp = vscode.l10n.t('Player: K plays or pauses, comma and period step one frame back or forward, [ and ] jump to the previous or next clip boundary, L loops the selected clip; click or drag on the ruler to move the playhead. Selecting a clip moves the playhead to its start.');
  const hlsUri = media('hls.js');
  const button = (id: string, label: string, path: string, extra = '') => `<button id="${id}" type="button" title="${escapeHtml(label)}" aria-label="${escapeHtml(label)}"${extra}><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="${path}"/></svg></button>`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, scriptNonce, mediaOrigins)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${scriptNonce}">${inline(extensionUri, 'preview.css')}</style>
<title>${escapeHtml(title)}</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Timeline preview'))}">
  <span class="title" id="title"></span>
  <span id="duration"></span>
  <span class="muted" id="counts"></span>
  <span class="problems" id="problems"></span>
  <span class="grow"></span>
  <span class="legend" id="legend"></span>
  <span class="zoom">
    <button id="zoomOut" type="button" title="${escapeHtml(vscode.l10n.t('Zoom Out (-)'))}" aria-label="${escapeHtml(vscode.l10n.t('Zoom Out (-)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="M3 7.3h10v1.4H3z"/></svg></button>
    <button id="zoomFit" type="button" title="${escapeHtml(vscode.l10n.t('Fit the Whole Timeline (0)'))}" aria-label="${escapeHtml(vscode.l10n.t('Fit the Whole Timeline (0)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill-rule="evenodd" d="M1 4h1.4v8H1zM13.6 4H15v8h-1.4zM4 7.3h8v1.4H4zM4 8l2.5-2.5v5zM12 8l-2.5-2.5v5z"/></svg></button>
    <button id="zoomIn" type="button" title="${escapeHtml(vscode.l10n.t('Zoom In (+)'))}" aria-label="${escapeHtml(vscode.l10n.t('Zoom In (+)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="M3 7.3h4.3V3h1.4v4.3H13v1.4H8.7V13H7.3V8.7H3z"/></svg></button>
  </span>
</div>
<div class="player" id="player" role="region" aria-label="${escapeHtml(vscode.l10n.t('Player'))}" aria-describedby="playerHelp">
  <div class="stage" id="stage">
    <canvas id="frame" role="img" aria-label="${escapeHtml(vscode.l10n.t('Output frame'))}"></canvas>
    <div class="approx" id="approx">${escapeHtml(vscode.l10n.t('Approximate preview: what VOD produces may differ.'))}</div>
  </div>
  <div class="transport" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Player controls'))}">
    ${button('prevBoundary', vscode.l10n.t('Previous Clip Boundary ([)'), 'M2 3h1.5v10H2zM13 3v10L5 8z')}
    ${button('stepBack', vscode.l10n.t('One Frame Back (,)'), 'M12 3v10L6 8zM4 3h1.5v10H4z')}
    ${button('playPause', vscode.l10n.t('Play (K)'), 'M4 2.5v11l9-5.5z')}
    ${button('stepForward', vscode.l10n.t('One Frame Forward (.)'), 'M4 3v10l6-5zM10.5 3H12v10h-1.5z')}
    ${button('nextBoundary', vscode.l10n.t('Next Clip Boundary (])'), 'M3 3v10l8-5zM12.5 3H14v10h-1.5z')}
    ${button('loop', vscode.l10n.t('Loop the Selected Clip (L)'), 'M4 5h7.5L10 3.5l1-1L14.5 6 11 9.5l-1-1L11.5 7H4.5v2H3V6.5C3 5.7 3.5 5 4 5zm8 6H4.5L6 12.5l-1 1L1.5 10 5 6.5l1 1L4.5 9h7V7H13v2.5c0 .8-.5 1.5-1 1.5z', ' aria-pressed="false"')}
    <span class="time" id="time" aria-live="off"></span>
    <span class="muted" id="format"></span>
    <span class="grow"></span>
    <span class="status" id="playerStatus" role="status"></span>
    <button id="notesToggle" type="button" class="link" aria-expanded="false" aria-controls="notes"></button>
  </div>
  <div class="notes" id="notes" hidden></div>
</div>
<div class="viewport" id="viewport">
  <canvas id="canvas" aria-hidden="true"></canvas>
  <div class="scroller" id="scroller" tabindex="0" role="application" aria-roledescription="${escapeHtml(vscode.l10n.t('timeline'))}" aria-describedby="help"><div class="spacer" id="spacer"></div></div>
  <div class="tooltip" id="tooltip" role="tooltip" hidden></div>
  <div class="empty" id="empty" hidden></div>
</div>
<div class="sr-only" id="live" aria-live="polite"></div>
<div class="sr-only" id="help">${escapeHtml(help)} ${escapeHtml(playerHelp)}</div>
<div class="sr-only" id="playerHelp">${escapeHtml(playerHelp)}</div>
<script type="text/plain" id="vod-hls-url">${escapeHtml(hlsUri)}</script>
<script type="application/json" id="vod-strings" nonce="${scriptNonce}">${strings}</script>
${initialJson}<script nonce="${scriptNonce}">${inline(extensionUri, 'preview.js')}</script>
</body>
</html>`;
}
