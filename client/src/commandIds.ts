// Every command the extension registers: the ones package.json contributes (a test keeps the lists
// equal) and the hidden test hooks. client/src/commands.ts registers them from one table typed by this
// list, so a command cannot be declared and left unregistered, or registered twice. Pure (no `vscode`).

export const CONTRIBUTED_COMMANDS = [
  'vodTimeline.newTimeline', 'vodTimeline.restartServer', 'vodTimeline.showOutput', 'vodTimeline.produce',
  'vodTimeline.setAccessKey', 'vodTimeline.clearAccessKey', 'vodTimeline.selectProfile', 'vodTimeline.showCredentials',
  'vodTimeline.history.refresh', 'vodTimeline.history.filter', 'vodTimeline.history.filterActive', 'vodTimeline.history.clearFilter',
  'vodTimeline.history.clear', 'vodTimeline.history.copyMediaId', 'vodTimeline.history.copyProjectId', 'vodTimeline.history.openTimeline', 'vodTimeline.history.compareWithCurrent',
  'vodTimeline.history.produceAgain', 'vodTimeline.history.openInConsole', 'vodTimeline.history.remove', 'vodTimeline.history.copyValue',
  'vodTimeline.history.reveal', 'vodTimeline.refreshCloud', 'vodTimeline.openCloudProject', 'vodTimeline.saveCloudProject',
  'vodTimeline.openPreview', 'vodTimeline.openPreviewToSide', 'vodTimeline.showPreviewSource',
  'vodTimeline.uploadToVod', 'vodTimeline.uploadAndInsert', 'vodTimeline.uploads.refresh', 'vodTimeline.uploads.resume',
  'vodTimeline.uploads.removeFromVod', 'vodTimeline.uploads.forget', 'vodTimeline.uploads.copyMediaId',
  'vodTimeline.media.refresh', 'vodTimeline.media.search', 'vodTimeline.media.clearSearch', 'vodTimeline.media.loadMore',
  'vodTimeline.media.copyMediaId', 'vodTimeline.media.insertClip',
] as const;

/** Registered but not contributed: the host tests drive the preview through these. */
export const TEST_COMMANDS = ['vodTimeline.preview._testState', 'vodTimeline.preview._testClick', 'vodTimeline.preview._testKey'] as const;

export type CommandId = (typeof CONTRIBUTED_COMMANDS)[number] | (typeof TEST_COMMANDS)[number];
export type HistoryCommandId = Extract<CommandId, `vodTimeline.history.${string}`>;
export type PreviewCommandId = Extract<CommandId, 'vodTimeline.openPreview' | 'vodTimeline.openPreviewToSide' | 'vodTimeline.showPreviewSource' | `vodTimeline.preview.${string}`>;
export type UploadCommandId = Extract<CommandId, 'vodTimeline.uploadToVod' | 'vodTimeline.uploadAndInsert' | `vodTimeline.uploads.${string}`>;
export type MediaCommandId = Extract<CommandId, `vodTimeline.media.${string}`>;
export type CloudCommandId = Extract<CommandId, 'vodTimeline.refreshCloud' | 'vodTimeline.openCloudProject' | 'vodTimeline.saveCloudProject'>;

type Handler = (...args: any[]) => unknown;
/** A feature's commands: exactly its ids, each with a handler. */
export type Commands<Id extends CommandId> = Record<Id, Handler>;
