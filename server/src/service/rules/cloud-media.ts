// Each clip's MediaId against the media library: unknown IDs, media not in Normal status, In/Out past
// the media's real duration, and an image used as video or audio (or the reverse).
import { NONE } from '../json/parser';
import type { ClipModel } from '../model';
import type { CloudMedia } from '../types';
import { mediaTitle, round3, type CloudRule, type CloudRuleContext } from './cloud-rule';

/** Durations are rounded by VOD (and by people): a hair past the end is not worth a warning. */
const DURATION_TOLERANCE_S = 0.05;

function isImageClip(clip: ClipModel): boolean {
  return clip.track.kind === 'image' || clip.type === 'Image' || clip.type === 'GlobalImage';
}

function isEffectTrackClip(clip: ClipModel): boolean {
  return clip.track.kind === 'effect' || clip.track.kind === 'subtitle' || (clip.track.kind === 'video' && clip.track.type === 'Effect');
}

export const cloudMediaRule: CloudRule = {
  codes: ['cloud/unknown-media', 'cloud/media-status', 'cloud/out-beyond-duration', 'cloud/media-type'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    for (const track of m.tracks) {
      for (const clip of track.clips) {
        if (!clip.mediaId || clip.mediaIdNode === NONE || isEffectTrackClip(clip)) continue;
        // AI types (TTS, avatars) carry no media of their own.
        if (clip.type && clip.type.startsWith('AI_')) continue;
        const media = ctx.media(clip.mediaId);
        if (!media) continue;
        const idStart = tree.start[clip.mediaIdNode];
        const idEnd = tree.end[clip.mediaIdNode];
        if (!media.found) {
          ctx.report({ start: idStart, end: idEnd, severity: 'warning', code: 'cloud/unknown-media', message: ctx.t('cloud.unknownMedia', { mediaId: clip.mediaId, where: ctx.where }) });
          continue;
        }
        if (media.status && media.status !== 'Normal') {
          ctx.report({ start: idStart, end: idEnd, severity: 'warning', code: 'cloud/media-status', message: ctx.t('cloud.mediaStatus', { title: mediaTitle(ctx, media), status: media.status }) });
        }
        if (!checkType(ctx, clip, media, idStart, idEnd)) continue;
        checkDuration(ctx, clip, media);
      }
    }
  },
};

/** Reports a type mismatch; false when the clip's timing means nothing for this media. */
function checkType(ctx: CloudRuleContext, clip: ClipModel, media: CloudMedia, start: number, end: number): boolean {
  if (!media.type) return true;
  const image = isImageClip(clip);
  const report = (message: string) => ctx.report({ start, end, severity: 'warning', code: 'cloud/media-type', message });
  if (media.type === 'image' && !image) {
    report(ctx.t(clip.track.kind === 'audio' ? 'cloud.imageAsAudio' : 'cloud.imageAsVideo', { title: mediaTitle(ctx, media) }));
    return false;
  }
  if (media.type !== 'image' && image) {
    report(ctx.t('cloud.notAnImage', { title: mediaTitle(ctx, media), type: ctx.t(media.type === 'audio' ? 'mediaType.audio' : 'mediaType.video') }));
    return false;
  }
  if (media.type === 'audio' && clip.track.kind === 'video') {
    report(ctx.t('cloud.audioAsVideo', { title: mediaTitle(ctx, media) }));
  }
  return true;
}

function checkDuration(ctx: CloudRuleContext, clip: ClipModel, media: CloudMedia): void {
  const duration = media.duration;
  if (media.type === 'image' || duration === undefined || !(duration > 0)) return;
  const m = ctx.model!;
  const tree = m.tree;
  if (clip.in !== undefined && clip.in >= duration) {
    const node = tree.get(clip.node, 'In');
    if (node !== NONE) {
      ctx.report({ start: tree.outerStart(node), end: tree.end[node], severity: 'warning', code: 'cloud/out-beyond-duration', message: ctx.t('cloud.inBeyondDuration', { in: clip.in, title: mediaTitle(ctx, media), duration: round3(duration) }) });
      return;
    }
  }
  if (clip.out !== undefined && clip.out > duration + DURATION_TOLERANCE_S) {
    const node = tree.get(clip.node, 'Out');
    if (node !== NONE) {
      ctx.report({ start: tree.outerStart(node), end: tree.end[node], severity: 'warning', code: 'cloud/out-beyond-duration', message: ctx.t('cloud.outBeyondDuration', { out: clip.out, title: mediaTitle(ctx, media), duration: round3(duration) }) });
    }
  }
}
