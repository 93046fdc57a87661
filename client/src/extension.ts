// Extension entry: thin wiring. The Ctx owns the language client; each feature registers its views and
// returns its commands; the command table registers them all. Activation stays cheap: the language
// server starts only once there is a timeline to serve (one is open, or the workspace has
// *.timeline.json files), not for every JSON file that activates us.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { Ctx } from './ctx';
import { initSettings } from './settings';
import { registerCommands } from './commands';
import { registerSchemaAssociation } from './schemaAssociation';
import { TimelineStatusBar } from './statusBar';
import { newTimelineCommand } from './newTimeline';
import { registerPreview } from './preview';
import { registerCodeLens } from './codelens';
import { produceCommand } from './produce/produceCommand';
import { registerHistory, type SubmissionHistory } from './history';
import { createVodTarget } from './produce/vodFactory';
import { registerCloud } from './cloud';
import { PlaybackResolver } from './vod/playback';
import { registerUpload } from './upload';
import { registerMediaLibrary } from './media';
import type { MediaLibraryProvider } from './media/view';
import type { UploadJournal } from './vod/upload/journal';
import { vodLocale } from './vod/messages';

export interface ExtensionApi {
  /** The language client once started (tests, other extensions). */
  languageClient(): Promise<LanguageClient>;
  /** The submission history (store, view, poller). */
  history: SubmissionHistory;
  /** The upload journal behind the Uploads view (tests). */
  uploads: UploadJournal;
  /** The Media Library view's data (tests). */
  media: MediaLibraryProvider;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  initSettings(context.extension.packageJSON);
  const c = (ctx = new Ctx(context));
  context.subscriptions.push(c);
  const startQuietly = () => void c.languageClient().catch(() => undefined);

  // A status bar item per client: a restarted client gets a new one.
  let statusBar: TimelineStatusBar | undefined;
  context.subscriptions.push(
    c.onDidStartClient((client) => {
      statusBar?.dispose();
      statusBar = new TimelineStatusBar(client);
    }),
    { dispose: () => statusBar?.dispose() },
  );

  const isTimeline = (d: vscode.TextDocument) => d.languageId === 'vod-timeline';
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => { if (isTimeline(d)) startQuietly(); }));
  if (vscode.workspace.textDocuments.some(isTimeline)) startQuietly();
  else void vscode.workspace.findFiles('**/*.timeline.json', '**/node_modules/**', 1).then((found) => { if (found.length) startQuietly(); });

  registerSchemaAssociation(context);
  registerCodeLens(context, { languageClient: c.languageClient });
  const { credentials, output } = c;
  const { history, commands: history$ } = registerHistory(context, {
    vodClientFactory: async () => (await createVodTarget(credentials)).client,
    output,
    onDidChangeCredentials: credentials.onDidChange,
    languageClient: c.languageClient,
  });
  const { service: cloud, commands: cloud$ } = registerCloud(context, { credentials, history: () => history, languageClient: c.languageClient, output });
  // A new upload, or one whose status changed, is looked up again at once (completion, hover, checks).
  const { commands: upload$, journal: uploads } = registerUpload(context, { credentials, output, onMediaChanged: () => cloud.refresh() });
  const { commands: media$, provider: media } = registerMediaLibrary(context, { cloud, output });
  // The player's media: looked up through the VOD client with the same settings and credentials as Produce.
  // The slates' detail (why the media library could not be reached) in the UI language.
  const playback = new PlaybackResolver({ locale: vodLocale(vscode.env.language) });
  context.subscriptions.push(credentials.onDidChange(() => playback.clear()));
  const preview$ = registerPreview(context, { languageClient: c.languageClient }, {
    languageClient: c.languageClient,
    vodClient: async () => (await createVodTarget(credentials)).client,
    resolver: playback,
  });

  registerCommands(context, {
    'vodTimeline.newTimeline': newTimelineCommand(context),
    'vodTimeline.produce': produceCommand({ languageClient: c.languageClient, credentials, history: () => history, output }),
    'vodTimeline.setAccessKey': () => credentials.setAccessKey(),
    'vodTimeline.clearAccessKey': () => credentials.clearAccessKey(),
    'vodTimeline.selectProfile': () => credentials.selectProfile(),
    'vodTimeline.showCredentials': () => credentials.showSource(),
    'vodTimeline.restartServer': () => c.restart(),
    'vodTimeline.showOutput': () => output.show(),
    ...history$,
    ...cloud$,
    ...preview$,
    ...upload$,
    ...media$,
  });
  return { languageClient: c.languageClient, history, uploads, media };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
