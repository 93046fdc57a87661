// The ProduceEditingProjectVideo request a document stands for: objects become the JSON strings the
// API takes, `$schema` is dropped, and the ProjectId/Timeline case of the seed page is named.
// Objects are written from the document's own text (json/write.ts): numbers go out as written, never
// through a JavaScript double. A parameter that is null is left out, as the SDKs leave out a null
// field; nulls inside a parameter's object are sent as written.

import type { TimelineDocument } from './document';
import { NodeKind, NONE } from './json/parser';
import { numberText, writeJson } from './json/write';

export type ProduceMode =
  /** Timeline only: a project is created from it, then produced. */
  | 'timeline'
  /** ProjectId only: the project's last saved timeline is produced. */
  | 'project'
  /** Both: the given timeline is produced and saved to the project. */
  | 'timeline-and-project'
  /** Neither: nothing can be produced. */
  | 'none';

/**
 * ProduceEditingProjectVideo's parameters as they travel: every value a string, the JSON ones
 * (Timeline, ProduceConfig, MediaMetadata, UserData) already serialized. The one type for them: the
 * service builds it, the VOD client sends it, the submission history keeps it.
 */
export interface ProduceParams {
  ProjectId?: string;
  Timeline?: string;
  Title?: string;
  Description?: string;
  CoverURL?: string;
  MediaMetadata?: string;
  ProduceConfig?: string;
  UserData?: string;
  AppId?: string;
}

export interface ProduceRequestPlan {
  mode: ProduceMode;
  params: ProduceParams;
  /** Where AppId came from: the document wins over the setting. */
  appIdSource: 'document' | 'setting' | 'default';
  /** Title for history and confirmation: the document's Title, else undefined. */
  title?: string;
}

export interface ProduceDefaults {
  appId?: string;
}

const NOT_SENT = ['$schema'];

export function buildProduceRequest(doc: TimelineDocument, defaults: ProduceDefaults = {}): ProduceRequestPlan {
  const tree = doc.tree;
  const root = tree.root;
  const params: ProduceParams = {};
  if (root === NONE || tree.kind[root] !== NodeKind.Object) return { mode: 'none', params, appIdSource: 'default' };
  if (doc.form === 'timeline') {
    params.Timeline = writeJson(tree, root, { dropTopKeys: NOT_SENT });
  } else {
    const str = (key: string) => {
      const n = tree.get(root, key);
      if (n === NONE) return undefined;
      if (tree.kind[n] === NodeKind.String) return tree.strs[n];
      if (tree.kind[n] === NodeKind.Number) return numberText(tree, n);
      return undefined;
    };
    const json = (key: string) => {
      const n = tree.get(root, key);
      if (n === NONE || tree.kind[n] === NodeKind.Null) return undefined;
      if (tree.kind[n] === NodeKind.String) return tree.strs[n];
      return writeJson(tree, n, { dropTopKeys: NOT_SENT });
    };
    const assign = (key: keyof ProduceParams, value: string | undefined) => {
      if (value !== undefined && value.trim() !== '') params[key] = value;
    };
    assign('ProjectId', str('ProjectId'));
    assign('Timeline', json('Timeline'));
    assign('Title', str('Title'));
    assign('Description', str('Description'));
    assign('CoverURL', str('CoverURL'));
    assign('MediaMetadata', json('MediaMetadata'));
    assign('ProduceConfig', json('ProduceConfig'));
    assign('UserData', json('UserData'));
    assign('AppId', str('AppId'));
  }
  let appIdSource: ProduceRequestPlan['appIdSource'] = params.AppId ? 'document' : 'default';
  if (!params.AppId && defaults.appId) {
    params.AppId = defaults.appId;
    appIdSource = 'setting';
  }
  const mode: ProduceMode = params.Timeline && params.ProjectId ? 'timeline-and-project' : params.Timeline ? 'timeline' : params.ProjectId ? 'project' : 'none';
  return { mode, params, appIdSource, title: params.Title };
}
