// @ts-check
import tseslint from 'typescript-eslint';

const nodeIo = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'worker_threads', 'os'];
const withNodePrefix = (names) => names.flatMap((n) => [n, `node:${n}`]);

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
    // Layer 3 (the VOD client) is plain TypeScript, usable from the CLI.
    files: ['client/src/vod/**/*.ts', 'emulator/src/**/*.ts', 'cli/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'No VS Code API outside the extension client.' }],
      }],
    },
  },
);
