// Request rules of a produce document (the seed page): a Timeline or a ProjectId must be given;
// StorageLocation is required outside China (Shanghai); fields that the client stringifies are
// better written as objects.
import { NodeKind, NONE } from '../json/parser';
import { insertProperty } from '../edits';
import { objectTextOf } from '../json/write';
import type { Rule } from './rule';

/** Regions whose productions may omit StorageLocation (cn-hangzhou is served from Shanghai). */
const NO_STORAGE_LOCATION_NEEDED = new Set(['cn-shanghai', 'cn-hangzhou']);

export const produceRequestRule: Rule = {
  codes: ['request/no-project-or-timeline', 'request/storage-location', 'schema/stringified-json'],
  run(ctx) {
    const { doc, t } = ctx;
    if (doc.form !== 'produce') return;
    const tree = doc.tree;
    const root = tree.root;
    if (root === NONE || tree.kind[root] !== NodeKind.Object) return;
    const timeline = tree.get(root, 'Timeline');
    const project = tree.get(root, 'ProjectId');
    const emptyString = (n: number) => tree.kind[n] === NodeKind.String && (tree.strs[n] ?? '').trim() === '';
    if ((timeline === NONE || emptyString(timeline)) && (project === NONE || emptyString(project))) {
      ctx.report({ start: tree.start[root], end: tree.start[root] + 1, severity: 'error', code: 'request/no-project-or-timeline', message: t('request.noProjectOrTimeline') });
    }
    for (const key of ['ProduceConfig', 'MediaMetadata', 'UserData']) {
      const n = tree.get(root, key);
      if (n !== NONE && tree.kind[n] === NodeKind.String) {
        // Not clean JSON holding an object: no fix (the schema reports what is wrong).
        const object = objectTextOf(tree.strs[n] ?? '');
        const fixes = object === undefined ? undefined : [{ title: t('fix.convertToObject', { key }), edits: [{ start: tree.start[n], end: tree.end[n], newText: object }] }];
        ctx.report({ start: tree.keyStart[n], end: tree.keyEnd[n], severity: 'information', code: 'schema/stringified-json', message: t('schema.stringifiedJson', { key }), fixes });
      }
    }
    const region = ctx.settings.region?.trim();
    if (!region || NO_STORAGE_LOCATION_NEEDED.has(region)) return;
    const config = tree.get(root, 'ProduceConfig');
    if (config === NONE) {
      const edit = insertProperty({ tree, embedded: false }, root, 'ProduceConfig', '{ "StorageLocation": "" }');
      ctx.report({ start: tree.start[root], end: tree.start[root] + 1, severity: 'error', code: 'request/storage-location', message: t('request.storageLocationNoConfig', { region }), fixes: edit ? [{ title: t('fix.addStorageLocation'), edits: [edit] }] : undefined });
      return;
    }
    if (tree.kind[config] === NodeKind.Object) {
      const loc = tree.get(config, 'StorageLocation');
      if (loc === NONE || emptyString(loc)) {
        const edit = loc === NONE ? insertProperty({ tree, embedded: false }, config, 'StorageLocation', '""') : undefined;
        ctx.report({ start: tree.keyStart[config], end: tree.keyEnd[config], severity: 'error', code: 'request/storage-location', message: t('request.storageLocation', { region }), fixes: edit ? [{ title: t('fix.addStorageLocation'), edits: [edit] }] : undefined });
      }
    } else if (tree.kind[config] === NodeKind.String) {
      try {
        const v = JSON.parse(tree.strs[config]!);
        if (!v || typeof v.StorageLocation !== 'string' || !v.StorageLocation.trim()) {
          ctx.report({ start: tree.start[config], end: tree.end[config], severity: 'error', code: 'request/storage-location', message: t('request.storageLocation', { region }) });
        }
      } catch { /* the schema reports what is wrong */ }
    }
  },
};
