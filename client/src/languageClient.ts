// Starts the language server (Node IPC) and keeps it running: vscode-languageclient restarts a
// server that dies (up to 4 times in 3 minutes), and the server itself survives handler errors.
import * as path from 'node:path';
import vscode = require('vscode');
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { SECTION, serverSettings } from './settings';

const DOCUMENT_SELECTOR = [
  { language: 'vod-timeline', scheme: 'file' },
  { language: 'vod-timeline', scheme: 'untitled' },
  { language: 'vod-timeline', scheme: 'vscode-remote' },
];

/** What a feature adds to the language client: initializationOptions, and handlers for the server's
 * custom requests (registered before the client starts, so the server's first request finds them). */
interface ClientContribution {
  initializationOptions?: Record<string, unknown>;
  /** Called with the client as soon as it exists (at once when it already does). */
  attach?(client: LanguageClient): void;
}

const contributions: ClientContribution[] = [];
let latestClient: LanguageClient | undefined;

export function contributeToLanguageClient(contribution: ClientContribution): vscode.Disposable {
  contributions.push(contribution);
  if (latestClient) contribution.attach?.(latestClient);
  return new vscode.Disposable(() => {
    const i = contributions.indexOf(contribution);
    if (i >= 0) contributions.splice(i, 1);
  });
}

/** Set by scripts/build.mjs in bundles that ship their lazily loaded parts (dist/languageclient.js) next to them. */
declare const __SDK_BUNDLE__: boolean | undefined;

function languageClientModule(): typeof import('vscode-languageclient/node') {
  /* eslint-disable @typescript-eslint/no-require-imports */
  let lc: typeof import('vscode-languageclient/node');
  if (typeof __SDK_BUNDLE__ !== 'undefined' && __SDK_BUNDLE__) {
    lc = (require(path.join(__dirname, 'languageclient.js')) as typeof import('./languageclient-bundle')).languageClientModule();
  } else {
    lc = require('vscode-languageclient/node');
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return lc;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  // Loaded here, from its own bundle: the client library's compilation and initialisation belong to
  // starting the server, which happens only once there is a timeline, not to activation.
  const { LanguageClient, TransportKind } = languageClientModule();
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Small young-generation semi-spaces: see bin/vod-timeline.js (peak RSS, npm run bench).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=3'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=3', '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: {
      configurationSection: SECTION,
      // Workspace timelines and the shared config file: the server re-checks what changed on disk.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.timeline.json'),
        vscode.workspace.createFileSystemWatcher('**/vod-timeline.config.json'),
      ],
    },
    // Read when the server is initialized, so contributions registered after the client was created count.
    // rulePages: where the diagnostics' codes link to (docs/rules in the installed extension; see server/src/rulePages.ts).
    initializationOptions: () => Object.assign({ locale: vscode.env.language, settings: serverSettings(), rulePages: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString() }, ...contributions.map((c) => c.initializationOptions ?? {})),
    // The push model's collection (files the server checks on its own: unopened workspace timelines,
    // every file for a client without pull). The pull model's collection, for open documents, is named
    // after the server's diagnosticProvider identifier, 'vod-timeline' (server/src/server.ts): the same
    // name here made VS Code log "DiagnosticCollection with name 'vod-timeline' does already exist".
    diagnosticCollectionName: 'vod-timeline-push',
  };
  const client = new LanguageClient('vodTimeline', vscode.l10n.t('VOD Timeline Language Server'), serverOptions, clientOptions);
  latestClient = client;
  for (const c of contributions) c.attach?.(client);
  return client;
}
