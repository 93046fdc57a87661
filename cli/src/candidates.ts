// Which files a glob hands `validate` are timelines at all. `vod-timeline validate "*.json"` matched
// package.json and reported it as a broken timeline. In glob mode a file is checked when it is named
// *.timeline.json, or when one of its top-level keys is a key of either document form (the bare
// Timeline, the produce request: the schema's top-level properties), or close to one (a typo the
// validator would answer with "did you mean"). Anything else is skipped with a note. A file named on
// the command line is always checked.

import schema from '../../schemas/timeline.schema.json';
import { parseJson, NodeKind, NONE, suggest } from '../../server/src/service';

type JsonTree = ReturnType<typeof parseJson>['tree'];

type Properties = { properties: Record<string, unknown> };
const definitions = schema.definitions as unknown as Record<'Timeline' | 'ProduceDocument', Properties>;

/** Every top-level key of both forms, from the schema. */
const FORM_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(definitions.Timeline.properties),
  ...Object.keys(definitions.ProduceDocument.properties),
]);

// Words most JSON files use in some spelling (package.json's "version" and "description", a
// manifest's "title", "id", "from"): an exact match still counts, a case-insensitive or misspelt one
// says nothing about the file. "$schema" counts only when it names the timeline schema.
const GENERIC = new Set(['$schema', 'Title', 'Description', 'Id', 'Version', 'Duration', 'From', 'CreationTime', 'ModifiedTime']);
const DISTINCTIVE = [...FORM_KEYS].filter((k) => !GENERIC.has(k));

interface Candidate {
  timeline: boolean;
  /** The top-level key that made it one, or why the file counts ("$schema", "*.timeline.json"). */
  reason?: string;
}

/** Whether a file found by a glob is a timeline to check (see the module comment). */
export function globCandidate(fileName: string, text: string): Candidate {
  if (/\.timeline\.json$/i.test(fileName)) return { timeline: true, reason: '*.timeline.json' };
  const { tree } = parseJson(text);
  const reason = formKey(tree, tree.root);
  return reason === undefined ? { timeline: false } : { timeline: true, reason };
}

/**
 * The top-level key that makes a parsed document one of either form (or a misspelling of one), or
 * undefined: not an object, or none of its keys is one. `inspect` asks it too (of a file it was named).
 */
export function formKey(tree: JsonTree, root: number): string | undefined {
  if (root === NONE || tree.kind[root] !== NodeKind.Object) return undefined;
  const keys = tree.childList(root).map((n) => tree.keys[n]).filter((k): k is string => k !== undefined);
  for (const key of keys) {
    if (key === '$schema') {
      const value = tree.value(tree.get(root, key));
      if (typeof value === 'string' && /timeline\.schema\.json/.test(value)) return key;
      continue;
    }
    if (FORM_KEYS.has(key)) return key;
  }
  for (const key of keys) {
    if (suggest(key, DISTINCTIVE)) return key;
  }
  return undefined;
}

/** The Timeline's own keys, from the schema. */
const TIMELINE_KEYS: ReadonlySet<string> = new Set(Object.keys(definitions.Timeline.properties));
/** Its track lists (VideoTracks, AudioTracks, …): the keys a typo that empties a timeline was meant to be. */
const TRACK_KEYS = [...TIMELINE_KEYS].filter((k) => k.endsWith('Tracks'));

/**
 * The keys of a Timeline object that are none of the Timeline's own, each with the track list it
 * looks like (a typo: "VideoTrack" for "VideoTracks"), in document order. `inspect` names them when
 * the Timeline lays out no track at all, so that a misspelt track list is seen.
 */
export function unknownTimelineKeys(tree: JsonTree, node: number): { key: string; suggestion?: string }[] {
  if (node === NONE || tree.kind[node] !== NodeKind.Object) return [];
  const keys = new Set(tree.childList(node).map((n) => tree.keys[n]).filter((k): k is string => k !== undefined && !TIMELINE_KEYS.has(k)));
  return [...keys].map((key) => ({ key, suggestion: suggest(key, TRACK_KEYS)?.value }));
}
