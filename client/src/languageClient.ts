// Starts the language server (Node IPC) and keeps it running: vscode-languageclient restarts a
// server that dies (up to 4 times in 3 minutes), and the server itself survives handler errors.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SECTION, serverSettings } from './config';

export const DOCUMENT_SELECTOR = [
  { language: 'vod-timeline', scheme: 'file' },
  { language: 'vod-timeline', scheme: 'untitled' },
  { language: 'vod-timeline', scheme: 'vscode-remote' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
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
    initializationOptions: { locale: vscode.env.language, settings: serverSettings() },
    diagnosticCollectionName: 'vod-timeline',
  };
  return new LanguageClient('vodTimeline', vscode.l10n.t('VOD Timeline Language Server'), serverOptions, clientOptions);
}
