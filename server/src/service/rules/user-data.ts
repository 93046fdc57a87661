// UserData: at most 256 characters as the JSON string that is sent; callback URLs must be http(s),
// and plain http sends the callback unencrypted. The callback is checked where it is written: in the
// UserData object, or inside its JSON string (the SDK's request form; an ftp:// callback there went
// unchecked once, found by the security suite), with the fix editing just the URL in either.
import { NodeKind, NONE } from '../json/parser';
import { writeJson } from '../json/write';
import { replaceNode } from '../edits';
import type { Rule } from './rule';

export const USER_DATA_LIMIT = 256;

export const userDataRule: Rule = {
  codes: ['limits/user-data', 'request/callback-url', 'request/callback-insecure'],
  run(ctx) {
    const { doc, t } = ctx;
    if (doc.form !== 'produce') return;
    const tree = doc.tree;
    const root = tree.root;
    const node = root === NONE ? NONE : tree.get(root, 'UserData');
    if (node === NONE) return;
    // Measured on what Produce sends: the string as written, or the object written as request.ts does.
    const sent = tree.kind[node] === NodeKind.String ? tree.strs[node]! : tree.kind[node] === NodeKind.Object ? writeJson(tree, node) : undefined;
    if (sent !== undefined && sent.length > USER_DATA_LIMIT) {
      ctx.report({ start: tree.keyStart[node], end: tree.keyEnd[node], severity: 'error', code: 'limits/user-data', message: t('limits.userData', { length: sent.length, limit: USER_DATA_LIMIT }) });
    }
    const ref = doc.param('UserData');
    if (!ref) return;
    const ut = ref.tree;
    const cb = ut.get(ref.node, 'MessageCallback');
    if (cb === NONE || ut.kind[cb] !== NodeKind.Object) return;
    const type = ut.get(cb, 'CallbackType');
    if (type !== NONE && ut.strs[type] !== undefined && ut.strs[type] !== '' && ut.strs[type]!.toLowerCase() !== 'http') return;
    const url = ut.get(cb, 'CallbackURL');
    if (url === NONE || ut.kind[url] !== NodeKind.String) return;
    const s = (ut.strs[url] ?? '').trim();
    const at = { start: ut.start[url], end: ut.end[url] };
    if (/^https:\/\//i.test(s)) return;
    if (/^http:\/\//i.test(s)) {
      const fixed = 'https://' + s.slice('http://'.length);
      ctx.report({ ...at, code: 'request/callback-insecure', severity: 'warning', message: t('request.callbackInsecure'), fixes: [{ title: t('fix.useHttps'), edits: [replaceNode({ tree: ut, embedded: ref.embedded }, url, JSON.stringify(fixed))] }] });
      return;
    }
    ctx.supersede(at.start, at.end, 'schema/pattern');
    ctx.report({ ...at, code: 'request/callback-url', severity: 'error', message: t('request.callbackScheme') });
  },
};
