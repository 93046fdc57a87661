// Cloud editing projects: "Open Cloud Project" lists them (SearchEditingProject) and opens one as a
// produce document (GetEditingProject: Title, ProjectId, Description, CoverURL and its Timeline as an
// object); "Save to Cloud Project" writes the active document's timeline back (UpdateEditingProject)
// after a confirmation. Neither is a paid operation; saving replaces the project's timeline.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EditingProject } from '../vod';
import { editingProjectsConsoleUrl } from '../vod/console';
import type { CredentialsManager } from '../produce/credentials';
import { createVodTarget, type VodTarget } from '../produce/vodFactory';
import { ProduceRequestRequest } from '../../../server/src/protocol';
import { sendRequest } from '../protocolClient';
import { setting } from '../settings';
import { errorText } from '../errorText';

interface ProjectDeps {
  credentials: CredentialsManager;
  languageClient: () => Promise<LanguageClient>;
  output: vscode.LogOutputChannel;
}


const PAGE_SIZE = 100;

async function target(deps: ProjectDeps, what: string): Promise<VodTarget | undefined> {
  try {
    return await createVodTarget(deps.credentials);
  } catch (e) {
    const setKey = vscode.l10n.t('Set Access Key');
    const selectProfile = vscode.l10n.t('Select Profile');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, errorText(e)), setKey, selectProfile);
    if (choice === setKey) void vscode.commands.executeCommand('vodTimeline.setAccessKey');
    if (choice === selectProfile) void vscode.commands.executeCommand('vodTimeline.selectProfile');
    return undefined;
  }
}

function failure(deps: ProjectDeps, what: string, e: unknown): void {
  deps.output.error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, errorText(e)));
}

/** The produce document for a project: what GetEditingProject returns, the Timeline as an object. */
function projectDocument(p: EditingProject): string {
  let timeline: unknown = p.Timeline;
  if (typeof p.Timeline === 'string' && p.Timeline.trim()) {
    try {
      timeline = JSON.parse(p.Timeline);
    } catch {
      timeline = p.Timeline; // kept as the string it is; the editor shows what is wrong with it
    }
  }
  const doc: Record<string, unknown> = { ProjectId: p.ProjectId };
  if (p.Title) doc.Title = p.Title;
  if (p.Description) doc.Description = p.Description;
  if (p.CoverURL) doc.CoverURL = p.CoverURL;
  doc.Timeline = timeline ?? { VideoTracks: [] };
  return JSON.stringify(doc, null, 2) + '\n';
}

interface ProjectItem extends vscode.QuickPickItem {
  projectId: string;
}

async function pickProject(vod: VodTarget, title: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ProjectItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Editing projects in {0}, newest first', vod.region);
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.show();
  try {
    const res = await vod.client.searchEditingProject({ PageNo: 1, PageSize: PAGE_SIZE, SortBy: 'CreationTime:Desc' });
    const list = res?.ProjectList?.Project ?? [];
    pick.items = list.map((p) => ({
      label: p.Title || p.ProjectId,
      description: [p.Status, typeof p.Duration === 'number' && p.Duration > 0 ? vscode.l10n.t('{0} s', String(p.Duration)) : undefined].filter(Boolean).join(' · '),
      detail: [p.ProjectId, p.ModifiedTime ? vscode.l10n.t('modified {0}', p.ModifiedTime) : undefined].filter(Boolean).join(' · '),
      projectId: p.ProjectId,
    }));
    if (!list.length) pick.placeholder = vscode.l10n.t('No editing projects in {0}', vod.region);
  } catch (e) {
    pick.hide();
    throw e;
  } finally {
    pick.busy = false;
  }
  return new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => { resolve(pick.selectedItems[0]?.projectId); pick.hide(); });
    pick.onDidHide(() => { resolve(undefined); pick.dispose(); });
  });
}

/** "VOD Timeline: Open Cloud Project" (argument: a ProjectId, to skip the list). */
export function openCloudProjectCommand(deps: ProjectDeps) {
  return async (projectId?: string): Promise<vscode.TextDocument | undefined> => {
    const what = vscode.l10n.t('Cannot open the cloud project');
    const vod = await target(deps, what);
    if (!vod) return undefined;
    try {
      const id = typeof projectId === 'string' && projectId ? projectId : await pickProject(vod, vscode.l10n.t('Open Cloud Project'));
      if (!id) return undefined;
      const res = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Opening cloud project {0}…', id) }, () => vod.client.getEditingProject({ ProjectId: id }));
      const project = res?.Project;
      if (!project?.ProjectId) throw new Error(vscode.l10n.t('VOD returned no project for {0}.', id));
      const doc = await vscode.workspace.openTextDocument({ language: 'vod-timeline', content: projectDocument(project) });
      await vscode.window.showTextDocument(doc);
      deps.output.info(`opened cloud project ${project.ProjectId} (${vod.region})`);
      return doc;
    } catch (e) {
      failure(deps, what, e);
      return undefined;
    }
  };
}

interface SaveResult {
  outcome: 'saved' | 'cancelled' | 'refused' | 'failed';
  projectId?: string;
}

/** "VOD Timeline: Save to Cloud Project": the active (or given) timeline's Timeline, Title,
 * Description and CoverURL go to its ProjectId (or a project picked from the list). */
export function saveCloudProjectCommand(deps: ProjectDeps) {
  return async (arg?: vscode.Uri): Promise<SaveResult> => {
    const what = vscode.l10n.t('Cannot save to the cloud project');
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Saving to a cloud project is disabled in untrusted workspaces. Trust this folder to save.'));
      return { outcome: 'refused' };
    }
    const document = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'vod-timeline') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a VOD timeline (*.timeline.json) to save it to a cloud project.'));
      return { outcome: 'refused' };
    }
    const client = await deps.languageClient();
    const answer = await sendRequest(client, ProduceRequestRequest, { uri: document.uri.toString() });
    const params = answer?.plan.params;
    if (!answer || !params?.Timeline) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0}: the document has no Timeline to save.', what));
      return { outcome: 'refused' };
    }
    const vod = await target(deps, what);
    if (!vod) return { outcome: 'refused' };
    try {
      const projectId = params.ProjectId ?? await pickProject(vod, vscode.l10n.t('Save to Cloud Project'));
      if (!projectId) return { outcome: 'cancelled' };
      const confirm = setting('cloud.confirmSave');
      if (confirm) {
        const save = vscode.l10n.t('Save');
        const detail = [
          vscode.l10n.t('The project\'s saved timeline is replaced by this one ({0}, {1}).', vod.region, vod.client.endpoint.host),
          answer.errors.length ? vscode.l10n.t('The document has {0} error(s): VOD may refuse it, and producing the project would fail.', answer.errors.length) : undefined,
        ].filter(Boolean).join('\n\n');
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Save this timeline to cloud project {0}?', params.Title ? `"${params.Title}" (${projectId})` : projectId), { modal: true, detail }, save);
        if (choice !== save) return { outcome: 'cancelled', projectId };
      }
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Saving to cloud project {0}…', projectId) }, () => vod.client.updateEditingProject({
        ProjectId: projectId, Timeline: params.Timeline, Title: params.Title, Description: params.Description, CoverURL: params.CoverURL,
      }));
      deps.output.info(`saved ${document.uri.toString()} to cloud project ${projectId} (${vod.region})`);
      const open = vscode.l10n.t('Open Editing Projects');
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved to cloud project {0}.', projectId), open).then((c) => {
        if (c === open) void vscode.env.openExternal(vscode.Uri.parse(editingProjectsConsoleUrl()));
      });
      return { outcome: 'saved', projectId };
    } catch (e) {
      failure(deps, what, e);
      return { outcome: 'failed' };
    }
  };
}
