// "VOD Timeline: Produce": sends the active timeline (unsaved text too) with
// ProduceEditingProjectVideo. Refuses a document with errors, asks before a paid request, never
// sends twice for one document at once, and records every attempt in the submission history.
import * as path from 'node:path';
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { VodError } from '../vod';
import { submitProduction } from '../vod/submit';
import { mediaConsoleUrl, editingProjectsConsoleUrl } from '../vod/console';
import type { HistoryStore } from '../vod/history/model';
import { CredentialsManager } from './credentials';
import { createVodTarget, produceSettings } from './vodFactory';
import { ProduceRequestRequest, type ProduceMode } from '../../../server/src/protocol';
import { sendRequest } from '../protocolClient';
import { tracksAndClips } from '../vod/counts';
import { errorText } from '../errorText';


interface ProduceDeps {
  languageClient: () => Promise<LanguageClient>;
  credentials: CredentialsManager;
  history: () => HistoryStore | undefined;
  output: vscode.LogOutputChannel;
}

/** Argument forms: a Uri (explorer menu), `{ uri }` or `{ timelineText }` (history "Produce Again"). */
type ProduceArg = vscode.Uri | { uri?: string; timelineText?: string } | undefined;

export interface ProduceResult {
  outcome: 'produced' | 'refused' | 'cancelled' | 'failed' | 'unknown' | 'busy';
  mediaId?: string;
  projectId?: string;
  requestId?: string;
}

const inFlight = new Set<string>();

function modeText(mode: ProduceMode, projectId?: string): string {
  switch (mode) {
    case 'timeline': return vscode.l10n.t('Timeline only: a new editing project is created from it, then produced.');
    case 'project': return vscode.l10n.t('ProjectId only: project {0} is produced from its last saved timeline.', projectId ?? '');
    case 'timeline-and-project': return vscode.l10n.t('Timeline and ProjectId: this timeline is produced and saved to project {0}.', projectId ?? '');
    default: return vscode.l10n.t('Neither Timeline nor ProjectId: nothing can be produced.');
  }
}

async function documentFor(arg: ProduceArg): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  if (arg && typeof arg === 'object' && typeof arg.timelineText === 'string') {
    return vscode.workspace.openTextDocument({ language: 'vod-timeline', content: arg.timelineText });
  }
  if (arg && typeof arg === 'object' && typeof arg.uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
  return vscode.window.activeTextEditor?.document;
}

export function produceCommand(deps: ProduceDeps) {
  return async (arg?: ProduceArg): Promise<ProduceResult> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Produce is disabled in untrusted workspaces: a cloned folder must not be able to send paid requests in your name. Trust this folder to produce.'));
      return { outcome: 'refused' };
    }
    const document = await documentFor(arg);
    if (!document || document.languageId !== 'vod-timeline') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a VOD timeline (*.timeline.json) to produce it.'));
      return { outcome: 'refused' };
    }
    const key = document.uri.toString();
    if (inFlight.has(key)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('A production of this document is already being submitted; wait for its result.'));
      return { outcome: 'busy' };
    }
    inFlight.add(key);
    try {
      return await produce(document, deps);
    } finally {
      inFlight.delete(key);
    }
  };
}

async function produce(document: vscode.TextDocument, deps: ProduceDeps): Promise<ProduceResult> {
  const settings = produceSettings();
  const client = await deps.languageClient();
  // The server validates the exact text in the editor (unsaved changes included).
  const answer = await sendRequest(client, ProduceRequestRequest, { uri: document.uri.toString(), appId: settings.appId });
  if (!answer) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The language server could not read this document.'));
    return { outcome: 'refused' };
  }
  if (answer.errors.length > 0) {
    const first = answer.errors.slice(0, 3).map((e) => `• ${e.message} (${vscode.l10n.t('line {0}', e.range.start.line + 1)})`).join('\n');
    const more = answer.errors.length > 3 ? `\n${vscode.l10n.t('… and {0} more', answer.errors.length - 3)}` : '';
    const show = vscode.l10n.t('Show Problems');
    void vscode.window.showErrorMessage(vscode.l10n.t('Not produced: {0} error(s) must be fixed first. Nothing was sent.', answer.errors.length), { modal: false, detail: first + more }, show).then((c) => {
      if (c === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    deps.output.info(`produce refused: ${answer.errors.length} error(s) in ${document.uri.toString()}`);
    return { outcome: 'refused' };
  }
  const plan = answer.plan;
  if (plan.mode === 'none') {
    void vscode.window.showErrorMessage(modeText('none'));
    return { outcome: 'refused' };
  }

  let target;
  try {
    target = await createVodTarget(deps.credentials);
  } catch (e) {
    const setKey = vscode.l10n.t('Set Access Key');
    const selectProfile = vscode.l10n.t('Select Profile');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Cannot produce: {0}', errorText(e)), setKey, selectProfile);
    if (choice === setKey) void vscode.commands.executeCommand('vodTimeline.setAccessKey');
    if (choice === selectProfile) void vscode.commands.executeCommand('vodTimeline.selectProfile');
    return { outcome: 'refused' };
  }
  const { client: vod } = target;
  const fileName = document.isUntitled ? document.uri.path : path.basename(document.uri.fsPath);
  const title = plan.title ?? fileName;
  const trackCount = Object.values(answer.summary.tracks).reduce((a, b) => a + b, 0);
  const appIdLine = plan.params.AppId
    ? vscode.l10n.t('AppId: {0} ({1})', plan.params.AppId, plan.appIdSource === 'document' ? vscode.l10n.t('from the document') : vscode.l10n.t('from the vodTimeline.appId setting'))
    : vscode.l10n.t('AppId: VOD default (app-1000000)');

  if (settings.confirm) {
    const produceItem = vscode.l10n.t('Produce');
    const detail = [
      vscode.l10n.t('Title: {0}', title),
      vscode.l10n.t('Region: {0} · Endpoint: {1}', target.region, vod.endpoint.host),
      tracksAndClips(vscode.l10n, trackCount, answer.summary.clips),
      modeText(plan.mode, plan.params.ProjectId),
      appIdLine,
      vscode.l10n.t('Credentials: {0}', CredentialsManager.describe(target.credentials)),
      '',
      vscode.l10n.t('Online editing is a paid feature. The setting vodTimeline.produce.confirm turns this question off.'),
    ].join('\n');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Produce this timeline?'), { modal: true, detail }, produceItem);
    if (choice !== produceItem) return { outcome: 'cancelled' };
  }

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Producing "{0}"…', title), cancellable: false },
    () => submitProduction({
      client: vod,
      history: deps.history(),
      record: {
        title, fileName, documentUri: document.isUntitled ? undefined : document.uri.toString(), region: target.region, endpoint: vod.endpoint.host,
        appId: plan.params.AppId, mode: plan.mode, tracks: trackCount, clips: answer.summary.clips,
      },
      params: plan.params,
      onHistoryError: (e) => deps.output.error(`history: ${e instanceof Error ? e.message : String(e)}`),
    }),
  );
  if (outcome.kind === 'produced') {
    deps.output.info(`produced: MediaId ${outcome.mediaId}, ProjectId ${outcome.projectId}, RequestId ${outcome.requestId}`);
    const copy = vscode.l10n.t('Copy MediaId');
    const reveal = vscode.l10n.t('Reveal in History');
    const consoleItem = vscode.l10n.t('Open in Console');
    void vscode.window.showInformationMessage(vscode.l10n.t('Production submitted. MediaId {0} · ProjectId {1}', outcome.mediaId, outcome.projectId ?? '—'), copy, reveal, consoleItem).then((c) => {
      if (c === copy) void vscode.env.clipboard.writeText(outcome.mediaId);
      else if (c === reveal) void vscode.commands.executeCommand('vodTimeline.history.reveal', outcome.entry?.id);
      else if (c === consoleItem) void vscode.env.openExternal(vscode.Uri.parse(mediaConsoleUrl(outcome.mediaId)));
    });
    return { outcome: 'produced', mediaId: outcome.mediaId, projectId: outcome.projectId, requestId: outcome.requestId };
  }
  if (outcome.kind === 'unknown') {
    deps.output.warn(`produce outcome unknown: ${outcome.error.message}`);
    const open = vscode.l10n.t('Open Editing Projects');
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The production request may have been accepted ({0}). It was not sent again. Check the editing projects in the VOD console before producing again.', outcome.error.code),
      open,
    ).then((c) => { if (c === open) void vscode.env.openExternal(vscode.Uri.parse(editingProjectsConsoleUrl())); });
    return { outcome: 'unknown', requestId: outcome.error.requestId };
  }
  const e = outcome.error;
  deps.output.warn(`produce failed: ${e.message}`);
  if (e instanceof VodError) void vscode.window.showErrorMessage(vscode.l10n.t('VOD refused the production: {0}', errorText(e)));
  else void vscode.window.showErrorMessage(vscode.l10n.t('Cannot produce: {0}', errorText(e)));
  return { outcome: 'failed', requestId: e instanceof VodError ? e.requestId : undefined };
}
