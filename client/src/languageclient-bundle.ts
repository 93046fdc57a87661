// Entry of dist/languageclient.js: vscode-languageclient and the protocol libraries under it, two
// thirds of the extension's code. Compiling them is most of what requiring the extension costs, and
// they are needed only once the server starts (the first timeline), not at activation.
/* eslint-disable @typescript-eslint/no-require-imports */
export function languageClientModule(): typeof import('vscode-languageclient/node') {
  return require('vscode-languageclient/node');
}
