// What the preview's player gets from the extension: the composition (vodTimeline/composition, the
// server's frame model) with what the media library knows of each MediaId, and where each MediaId plays
// from (PlaybackResolver, through the VOD client) or why it plays as a slate. The language server stays
// cloud-free: the media facts travel to it as request parameters. Media URLs are asked for only when
// `vodTimeline.preview.playMedia` is on and the workspace is trusted; URLs written in the document
// (MediaURL, FileURL, FontURL) are never fetched.
import vscode = require('vscode');
import { CompositionRequest, type CompositionResult, type LayoutResult, type MediaFacts } from '../../../server/src/protocol';
import type { VodClient } from '../vod';
import type { PlaybackProblem, PlaybackRequest, PlaybackResolver, ResolvedPlayback } from '../vod/playback';
import { sendRequest } from '../protocolClient';
import { setting } from '../settings';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PlayerSource } from './protocol';

export interface PlayerDeps {
  languageClient(): Promise<LanguageClient>;
  /** A VOD client for the current settings and credentials; throws when there are no credentials. */
  vodClient(): Promise<VodClient>;
  /** Shared by every preview: one lookup per MediaId, kept until shortly before its URLs expire. */
  resolver: PlaybackResolver;
}

export interface PlayerFeedResult {
  composition: CompositionResult | null;
  sources: Record<string, PlayerSource>;
  mediaEnabled: boolean;
  /** Why media do not play at all (setting off, untrusted, no credentials), shown once in the panel. */
  notice?: string;
  /** Origins the sources load from: the webview's Content Security Policy must name them. */
  origins: string[];
  /** When to ask again (URLs about to expire), epoch ms. */
  refreshAt?: number;
}

/** How soon a lookup that could not reach the media library is tried again. */
const RETRY_MS = 15_000;

function reasonText(problem: PlaybackProblem, detail?: string): string {
  switch (problem) {
    case 'not-found': return vscode.l10n.t('not in your VOD media library');
    case 'no-stream': return vscode.l10n.t('no playable stream or source file');
    case 'not-normal': return vscode.l10n.t('not Normal yet (uploading, transcoding, or blocked)');
    case 'encrypted': return vscode.l10n.t('encrypted: only ApsaraVideo Player can play it');
    case 'no-source-file': return vscode.l10n.t('its source file is missing');
    case 'unplayable-format': return vscode.l10n.t('no stream in a format the preview plays ({0})', detail ?? '?');
    case 'unreachable': return vscode.l10n.t('the media library could not be reached ({0})', detail ?? '?');
  }
}

/** The MediaIds a layout names, with the kind of media each clip expects. */
export function playbackRequests(layout: LayoutResult): PlaybackRequest[] {
  const out: PlaybackRequest[] = [];
  for (const t of layout.tracks) {
    if (t.kind === 'subtitle' || t.kind === 'effect' || (t.kind === 'video' && t.type === 'Effect')) continue;
    for (const c of t.clips) {
      if (!c.mediaId) continue;
      const image = t.kind === 'image' || c.type === 'Image' || c.type === 'GlobalImage';
      out.push({ mediaId: c.mediaId, kind: image ? 'image' : t.kind === 'audio' ? 'audio' : 'video' });
    }
  }
  return out;
}

export async function playerFeed(deps: PlayerDeps, document: vscode.TextDocument, layout: LayoutResult, height: number): Promise<PlayerFeedResult> {
  const requests = playbackRequests(layout);
  const sources: Record<string, PlayerSource> = {};
  const media: Record<string, MediaFacts> = {};
  const origins = new Set<string>();
  let notice: string | undefined;
  let mediaEnabled = false;
  let refreshAt: number | undefined;
  const slateAll = (reason: string) => { for (const r of requests) sources[r.mediaId] = { kind: 'slate', reason }; };
  if (!vscode.workspace.isTrusted) {
    notice = vscode.l10n.t('Media are not played in an untrusted workspace: every clip is a slate. Trust this folder to play them.');
    slateAll(vscode.l10n.t('untrusted workspace'));
  } else if (!setting('preview.playMedia')) {
    notice = vscode.l10n.t('Media playback is off (vodTimeline.preview.playMedia): every clip is a slate.');
    slateAll(vscode.l10n.t('media playback is off'));
  } else if (requests.length) {
    let client: VodClient | undefined;
    try {
      client = await deps.vodClient();
    } catch {
      notice = vscode.l10n.t('No Alibaba Cloud credentials: every clip is a slate. Use "VOD Timeline: Set Access Key" to play the media.');
      slateAll(vscode.l10n.t('no credentials'));
    }
    if (client) {
      mediaEnabled = true;
      const resolved: Map<string, ResolvedPlayback> = await deps.resolver.resolve(client, requests, height);
      let unreachable = false;
      for (const [id, r] of resolved) {
        media[id] = r.facts;
        const s = r.source;
        if (s.kind === 'slate') unreachable ||= s.reason === 'unreachable';
        if (s.kind === 'slate') sources[id] = { kind: 'slate', reason: reasonText(s.reason, s.detail) };
        else {
          sources[id] = s;
          try { origins.add(new URL(s.url).origin); } catch { /* not a URL: the webview reports it */ }
        }
      }
      refreshAt = deps.resolver.nextRefresh();
      // A lookup that failed on the way (offline, throttled) is tried again soon, not at the next edit.
      if (unreachable) refreshAt = Math.min(refreshAt ?? Infinity, Date.now() + RETRY_MS);
    }
  }
  const client = await deps.languageClient();
  const composition = await sendRequest(client, CompositionRequest, { uri: document.uri.toString(), media });
  return { composition, sources, mediaEnabled, notice, origins: [...origins].sort(), refreshAt };
}
