// A one-glance summary of a document (the status bar, `vod-timeline inspect`): its form, output
// duration, tracks, clips and problem counts.

import type { TimelineDocument } from './document';
import { buildModel, type TrackKind } from './model';
import { documentLayout } from './layout';
import type { Diagnostic } from './types';

export interface DocumentSummary {
  form: 'timeline' | 'produce';
  hasTimeline: boolean;
  /** Seconds; null when it depends on media lengths only the cloud knows. */
  duration: number | null;
  minDuration: number;
  tracks: Record<TrackKind, number>;
  clips: number;
  materials: number;
  errors: number;
  warnings: number;
}

export function summarize(doc: TimelineDocument, diagnostics: Diagnostic[]): DocumentSummary {
  const model = buildModel(doc);
  const layout = documentLayout(doc);
  const tracks: Record<TrackKind, number> = { video: 0, audio: 0, image: 0, subtitle: 0, effect: 0 };
  const materials = new Set<string>();
  if (model) {
    for (const t of model.tracks) {
      tracks[t.kind]++;
      for (const c of t.clips) if (c.mediaId) materials.add(c.mediaId);
    }
  }
  return {
    form: doc.form,
    hasTimeline: !!model,
    duration: layout ? layout.duration : null,
    minDuration: layout ? layout.minDuration : 0,
    tracks,
    clips: model?.clipCount ?? 0,
    materials: materials.size,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
