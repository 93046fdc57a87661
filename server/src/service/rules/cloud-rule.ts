// Rules that read the user's media library: they run only when the host has looked the document's
// MediaIds up (the editor through the client, `validate --cloud` through the VOD client), and they
// report warnings only. A MediaId the host could not check (offline, throttled) is never reported.
import type { TimelineDocument } from '../document';
import { buildModel, readString } from '../model';
import type { CloudMediaLookup, CloudMedia } from '../types';
import type { RuleContext } from './rule';

export interface CloudRuleContext extends RuleContext {
  /** What the host knows about a MediaId; undefined = not checked. */
  media: CloudMediaLookup;
  /** Where the lookup happened, for messages ("cn-shanghai", "cn-shanghai, AppId app-…"). */
  where: string;
}

export interface CloudRule {
  codes: readonly string[];
  run(ctx: CloudRuleContext): void;
}

/** The media's title for a message, quotes added by the message itself. */
export function mediaTitle(ctx: CloudRuleContext, m: CloudMedia): string {
  return m.title?.trim() || ctx.t('cloud.untitled');
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Every distinct media ID the document's clips name (MediaId, and the legacy VideoId/ImageId), in order. */
export function cloudMediaIds(doc: TimelineDocument): string[] {
  const m = buildModel(doc);
  if (!m) return [];
  const ids = new Set<string>();
  for (const track of m.tracks) for (const clip of track.clips) {
    if (clip.mediaId) { ids.add(clip.mediaId); continue; }
    for (const key of ['VideoId', 'ImageId']) {
      const id = readString(m.tree, m.tree.get(clip.node, key));
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
