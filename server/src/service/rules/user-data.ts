// UserData: at most 256 characters as the JSON string that is sent; callback URLs must be http(s),
// and plain http sends the callback unencrypted.
import { NodeKind, NONE } from '../json/parser';
import { writeJson } from '../json/write';
import type { Rule } from './rule';

export const USER_DATA_LIMIT = 256;

export const userDataRule: Rule = {
  codes: ['limits/user-data', 'request/callback-url'],
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
    if (tree.kind[node] === NodeKind.String) {
      // UserData written as the JSON string the API takes: its callback is checked all the same (it
      // went unchecked, and an ftp:// callback was sent; found by the security suite). Reported on
      // the string, whose inside has no positions of its own.
      let data: unknown;
      try {
        data = JSON.parse(tree.strs[node] ?? '');
      } catch {
        return;
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) return;
      const callback = (data as Record<string, unknown>).MessageCallback;
      if (!callback || typeof callback !== 'object' || Array.isArray(callback)) return;
      const { CallbackType: kind, CallbackURL: target } = callback as Record<string, unknown>;
      if (typeof kind === 'string' && kind.toLowerCase() !== 'http') return;
      if (typeof target !== 'string') return;
      const u = target.trim();
      const range = { start: tree.start[node], end: tree.end[node], code: 'request/callback-url' };
      if (/^https:\/\//i.test(u)) return;
      if (/^http:\/\//i.test(u)) {
        const fixedData = { ...(data as Record<string, unknown>), MessageCallback: { ...(callback as Record<string, unknown>), CallbackURL: 'https://' + u.slice('http://'.length) } };
        ctx.report({ ...range, severity: 'warning', message: t('request.callbackInsecure'), fixes: [{ title: t('fix.useHttps'), edits: [{ start: range.start, end: range.end, newText: JSON.stringify(JSON.stringify(fixedData)) }] }] });
        return;
      }
      ctx.report({ ...range, severity: 'error', message: t('request.callbackScheme') });
      return;
    }
    if (tree.kind[node] !== NodeKind.Object) return;
    const cb = tree.get(node, 'MessageCallback');
    if (cb === NONE || tree.kind[cb] !== NodeKind.Object) return;
    const type = tree.get(cb, 'CallbackType');
    if (type !== NONE && tree.strs[type] !== undefined && tree.strs[type]!.toLowerCase() !== 'http') return;
    const url = tree.get(cb, 'CallbackURL');
    if (url === NONE || tree.kind[url] !== NodeKind.String) return;
    const s = (tree.strs[url] ?? '').trim();
    const at = { start: tree.start[url], end: tree.end[url], code: 'request/callback-url' };
    if (/^https:\/\//i.test(s)) return;
    if (/^http:\/\//i.test(s)) {
      const fixed = 'https://' + s.slice('http://'.length);
      ctx.report({ ...at, severity: 'warning', message: t('request.callbackInsecure'), fixes: [{ title: t('fix.useHttps'), edits: [{ start: tree.start[url], end: tree.end[url], newText: JSON.stringify(fixed) }] }] });
      return;
    }
    ctx.supersede(at.start, at.end, 'schema/pattern');
    ctx.report({ ...at, severity: 'error', message: t('request.callbackScheme') });
  },
};
