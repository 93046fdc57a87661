// Extension entry: thin wiring of the language client, commands, status bar and settings.
// Activation stays cheap: the language server starts only once there is a timeline to serve (one is
// open, or the workspace has *.timeline.json files), not for every JSON file that activates us.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerSchemaAssociation } from './schemaAssociation';
import { TimelineStatusBar } from './statusBar';
import { newTimelineCommand } from './newTimeline';
import { registerPreview } from './preview';
import { registerCodeLens } from './codelens';
import { CredentialsManager } from './produce/credentials';
import { produceCommand } from './produce/produceCommand';
import { registerHistory, type SubmissionHistory } from './history';
import { createVodTarget } from './produce/vodFactory';
import { registerCloud } from './cloud';

export interface ExtensionApi {
  /** The language client once started (tests, other extensions). */
  languageClient(): Promise<LanguageClient>;
  /** The submission history (store, view, poller). */
  history: SubmissionHistory;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('VOD Timeline', { log: true });
  context.subscriptions.push(output);

  let started: Promise<LanguageClient> | undefined;
  const start = (): Promise<LanguageClient> => {
    if (started) return started;
    started = (async () => {
      const c = createLanguageClient(context, output);
      client = c;
      try {
        await c.start();
      } catch (e) {
        output.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }
      context.subscriptions.push(new TimelineStatusBar(c));
      return c;
    })();
    return started;
  };
  const startQuietly = () => void start().catch(() => undefined);

  const isTimeline = (d: vscode.TextDocument) => d.languageId === 'vod-timeline';
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => { if (isTimeline(d)) startQuietly(); }));
  if (vscode.workspace.textDocuments.some(isTimeline)) startQuietly();
  else void vscode.workspace.findFiles('**/*.timeline.json', '**/node_modules/**', 1).then((found) => { if (found.length) startQuietly(); });

  registerSchemaAssociation(context);
  registerPreview(context, { languageClient: start });
  registerCodeLens(context, { languageClient: start });
  const credentials = new CredentialsManager(context.secrets);
  const history = registerHistory(context, {
    vodClientFactory: async () => (await createVodTarget(credentials)).client,
    output,
    onDidChangeCredentials: credentials.onDidChange,
  });
  registerCloud(context, { credentials, history: () => history, languageClient: start, output });
  context.subscriptions.push(
    vscode.commands.registerCommand('vodTimeline.newTimeline', newTimelineCommand(context)),
    vscode.commands.registerCommand('vodTimeline.produce', produceCommand({ languageClient: start, credentials, history: () => history, output })),
    vscode.commands.registerCommand('vodTimeline.setAccessKey', () => credentials.setAccessKey()),
    vscode.commands.registerCommand('vodTimeline.clearAccessKey', () => credentials.clearAccessKey()),
    vscode.commands.registerCommand('vodTimeline.selectProfile', () => credentials.selectProfile()),
    vscode.commands.registerCommand('vodTimeline.showCredentials', () => credentials.showSource()),
    vscode.commands.registerCommand('vodTimeline.restartServer', async () => {
      if (client) await client.restart();
      else await start();
    }),
    vscode.commands.registerCommand('vodTimeline.showOutput', () => output.show()),
  );
  return { languageClient: start, history };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
