// Request rules of a produce document (the seed page): a Timeline or a ProjectId must be given;
// StorageLocation is required outside China (Shanghai). (A parameter written as a JSON string is the
// schema rule's: schema/stringified-json, with its content checked like an object.)
import { NodeKind, NONE } from '../json/parser';
import { insertProperty } from '../edits';
import type { Rule } from './rule';

/** Regions whose productions may omit StorageLocation (cn-hangzhou is served from Shanghai). */
const NO_STORAGE_LOCATION_NEEDED = new Set(['cn-shanghai', 'cn-hangzhou']);

export const produceRequestRule: Rule = {
  codes: ['request/no-project-or-timeline', 'request/storage-location'],
  run(ctx) {
    const { doc, t } = ctx;
    if (doc.form !== 'produce') return;
    const tree = doc.tree;
    const root = tree.root;
    if (root === NONE || tree.kind[root] !== NodeKind.Object) return;
    const timeline = tree.get(root, 'Timeline');
    const project = tree.get(root, 'ProjectId');
    const emptyString = (n: number) => tree.kind[n] === NodeKind.String && (tree.strs[n] ?? '').trim() === '';
    // null is no value either: Produce leaves a null parameter out (request.ts).
    const absent = (n: number) => n === NONE || tree.kind[n] === NodeKind.Null || emptyString(n);
    if (absent(timeline) && absent(project)) {
      ctx.report({ start: tree.start[root], end: tree.start[root] + 1, severity: 'error', code: 'request/no-project-or-timeline', message: t('request.noProjectOrTimeline') });
    }
    const region = ctx.settings.region?.trim();
    if (!region || NO_STORAGE_LOCATION_NEEDED.has(region)) return;
    const config = tree.get(root, 'ProduceConfig');
    if (absent(config)) {
      const edit = config === NONE ? insertProperty({ tree, embedded: false }, root, 'ProduceConfig', '{ "StorageLocation": "" }') : undefined;
      ctx.report({ start: tree.start[root], end: tree.start[root] + 1, severity: 'error', code: 'request/storage-location', message: t('request.storageLocationNoConfig', { region }), fixes: edit ? [{ title: t('fix.addStorageLocation'), edits: [edit] }] : undefined });
      return;
    }
    // As an object or inside its JSON string: an edit inside the string is escaped (EditTarget).
    const ref = doc.param('ProduceConfig');
    if (!ref) return; // not an object, nor a JSON string holding one: the schema says so
    const loc = ref.tree.get(ref.node, 'StorageLocation');
    const missing = loc === NONE || ref.tree.kind[loc] === NodeKind.Null || (ref.tree.kind[loc] === NodeKind.String && (ref.tree.strs[loc] ?? '').trim() === '');
    if (!missing) return;
    const edit = loc === NONE ? insertProperty({ tree: ref.tree, embedded: ref.embedded }, ref.node, 'StorageLocation', '""') : undefined;
    const at = ref.embedded ? { start: tree.start[config], end: tree.end[config] } : { start: tree.keyStart[config], end: tree.keyEnd[config] };
    ctx.report({ ...at, severity: 'error', code: 'request/storage-location', message: t('request.storageLocation', { region }), fixes: edit ? [{ title: t('fix.addStorageLocation'), edits: [edit] }] : undefined });
  },
};
