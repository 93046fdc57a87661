// Loads a built extension with a stand-in `vscode` module and times require + activate().
// Every API object is a proxy: calls return another proxy (events return disposables), and the few
// calls that VS Code answers with a Promise get a resolved one, so activate() runs its real code paths.
'use strict';
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

// Properties VS Code answers with arrays (a fresh window: no documents, folders or editors).
const ARRAY_PROPERTIES = new Set(['textDocuments', 'workspaceFolders', 'visibleTextEditors', 'all', 'notebookDocuments', 'terminals']);
const PROMISE_METHODS = /^(findFiles|show\w*|open\w*|executeCommand|getConfiguration\w*Async|readFile|stat|get)$/;

function stub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'dispose') return () => undefined;
      if (prop === 'length') return 0;
      if (prop === Symbol.iterator) return function* () {};
      if (typeof prop === 'symbol') return undefined;
      if (ARRAY_PROPERTIES.has(prop)) return [];
      return stub(`${name}.${String(prop)}`);
    },
    apply(_t, _this, args) {
      const method = name.slice(name.lastIndexOf('.') + 1);
      if (name.endsWith('l10n.t')) return String(args[0]);
      if (method === 'get' && name.includes('getConfiguration')) return args[1];
      if (PROMISE_METHODS.test(method) && !name.includes('getConfiguration')) return Promise.resolve(method === 'findFiles' ? [] : undefined);
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

// esbuild copies the module's own keys (__toESM), so the stand-in needs the real top-level names:
// read them from the API's type declarations.
const dts = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const m of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) vscode[m[1]] = stub(`vscode.${m[1]}`);
vscode.version = '1.139.0';
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return origResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

// The extension context is real where the extension touches the file system.
const os = require('node:os');
const path = require('node:path');
const storage = require('node:fs').mkdtempSync(path.join(os.tmpdir(), 'vod-activation-'));
const extensionPath = path.resolve(path.dirname(process.argv[2]), '..');
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => { m.set(k, v); }, keys: () => [...m.keys()] }; };
const real = {
  subscriptions: [],
  extensionPath,
  extensionUri: { fsPath: extensionPath, path: extensionPath, scheme: 'file' },
  globalStorageUri: { fsPath: storage, path: storage, scheme: 'file' },
  storageUri: { fsPath: storage, path: storage, scheme: 'file' },
  logUri: { fsPath: storage, path: storage, scheme: 'file' },
  asAbsolutePath: (p) => path.join(extensionPath, p),
  globalState: memento(),
  workspaceState: memento(),
};
const fallback = stub('context');
const context = new Proxy(real, { get: (t, k) => (k in t ? t[k] : fallback[k]) });
process.on('exit', () => require('node:fs').rmSync(storage, { recursive: true, force: true }));
const t0 = performance.now();
const ext = require(process.argv[2]);
const t1 = performance.now();
Promise.resolve(ext.activate(context)).then(() => {
  const t2 = performance.now();
  if (process.env.PROBE_DETAIL) process.stderr.write(`require ${(t1 - t0).toFixed(1)} ms, activate ${(t2 - t1).toFixed(1)} ms\n`);
  process.stdout.write(`${(t2 - t0).toFixed(2)}\n`);
  process.exit(0);
}, (e) => {
  process.stderr.write(`activate failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
