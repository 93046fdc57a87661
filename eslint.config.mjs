// @ts-check
import fs from 'node:fs';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

const nodeIo = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'worker_threads', 'os'];
const withNodePrefix = (names) => names.flatMap((n) => [n, `node:${n}`]);

// --- one protocol (server/src/protocol.ts) -----------------------------------------------------------
// Its interfaces, read with the TypeScript parser: a client or CLI file may not declare a type of the
// same name, or an interface with the same properties (a copy under another name drifts just the same).
const protocolFile = 'server/src/protocol.ts';
const protocolShapes = (() => {
  const source = ts.createSourceFile(protocolFile, fs.readFileSync(protocolFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const shapes = new Map();
  const names = new Set();
  for (const st of source.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      names.add(st.name.text);
      const members = ts.isInterfaceDeclaration(st) ? st.members : ts.isTypeLiteralNode(st.type) ? st.type.members : [];
      const keys = members.map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : undefined)).filter(Boolean).sort();
      if (keys.length >= 3) shapes.set(keys.join(','), st.name.text);
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) for (const e of st.exportClause.elements) names.add(e.name.text);
  }
  return { shapes, names };
})();

/** @type {import('eslint').ESLint.Plugin} */
const local = {
  rules: {
    'no-protocol-copies': {
      meta: { type: 'problem', schema: [], messages: {
        name: '"{{name}}" is a protocol type: import it from server/src/protocol.ts instead of declaring it here.',
        shape: 'This declares a copy of {{name}} (server/src/protocol.ts): import it instead.',
      } },
      create(context) {
        const check = (node, keys) => {
          if (protocolShapes.names.has(node.id.name)) { context.report({ node: node.id, messageId: 'name', data: { name: node.id.name } }); return; }
          const copy = keys.length >= 3 ? protocolShapes.shapes.get(keys.sort().join(',')) : undefined;
          if (copy) context.report({ node: node.id, messageId: 'shape', data: { name: copy } });
        };
        const keysOf = (members) => members.map((m) => (m.key && m.key.type === 'Identifier' ? m.key.name : undefined)).filter(Boolean);
        return {
          TSInterfaceDeclaration: (node) => check(node, keysOf(node.body.body)),
          TSTypeAliasDeclaration: (node) => check(node, node.typeAnnotation.type === 'TSTypeLiteral' ? keysOf(node.typeAnnotation.members) : []),
        };
      },
    },
  },
};

/** Custom messages go through their typed constants (protocolClient.ts, server.ts's handle/ask). */
const noMethodByName = {
  selector: 'CallExpression[callee.property.name=/^(send|on)(Request|Notification)$/][arguments.0.value=/^vodTimeline\\//]',
  message: 'Send or handle vodTimeline/* messages through their typed constant in server/src/protocol.ts.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'artifacts/**', '.cache/**', '.bench/**', 'test/host/workspace*/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // `import vscode = require('vscode')`: esbuild then emits a plain require instead of copying the
      // API object's ~300 keys into a namespace in every module (about 15 ms of activation).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The service (where some protocol types come from) and the protocol module itself are the sources.
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'cli/src/**/*.ts'],
    ignores: ['server/src/protocol.ts', 'server/src/service/**'],
    plugins: { local },
    rules: {
      'local/no-protocol-copies': 'error',
      'no-restricted-syntax': ['error', noMethodByName],
    },
  },
  {
    // Layer 1 is pure: whatever it needs from outside (files, network, the editor) is injected.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: withNodePrefix(nodeIo).map((name) => ({ name, message: 'The language service is pure: inject what it needs instead.' })),
        patterns: [
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The language service may not depend on an editor or LSP library.' },
          { group: ['**/client/**', '**/cli/**', '**/emulator/**'], message: 'The language service may only import its own modules.' },
        ],
      }],
    },
  },
  {
    // Layer 3 (the VOD client, and the pure modules over it: catalog, submission history, submit) is
    // plain TypeScript, usable from the CLI and testable without an editor; so are the emulator, the
    // CLI and the preview's browser code.
    files: ['client/src/vod/**/*.ts', 'emulator/src/**/*.ts', 'cli/src/**/*.ts', 'client/src/preview/webview/**/*.ts', 'client/src/preview/model.ts', 'client/src/preview/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'No VS Code API outside the extension client.' }],
      }],
    },
  },
  {
    // The LSP adapter uses the service through its entry point too.
    files: ['server/src/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['./service/*', '!./service/index', './service/*/**'], message: 'The adapter imports the language service through its entry point (./service).' }],
      }],
    },
  },
  {
    // The CLI stands on the service's entry point and the VOD client only (not the adapter's or the
    // service's internals, nor the extension's wiring).
    files: ['cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'No VS Code API outside the extension client.' },
          { group: ['**/server/src/service/*', '!**/server/src/service/index', '**/server/src/service/*/**'], message: 'The CLI imports the language service through its entry point (server/src/service).' },
          { group: ['**/client/src/*', '!**/client/src/vod', '**/client/src/!(vod)/**'], message: 'The CLI may use the VOD client (client/src/vod), not the extension.' },
        ],
      }],
    },
  },
);
