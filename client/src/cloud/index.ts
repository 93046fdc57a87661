// Cloud-aware authoring: MediaId completion from the media library and the submission history, hover
// and checks against real media (answered for the language server), Refresh Cloud Checks, and cloud
// editing projects (Open Cloud Project, Save to Cloud Project).
//
//   registerCloud(context, { credentials, history: () => history, languageClient: start, output });
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { contributeToLanguageClient } from '../languageClient';
import type { HistoryStore } from '../vod/history/model';
import type { CredentialsManager } from '../produce/credentials';
import { CloudService } from './cloudService';
import { openCloudProjectCommand, saveCloudProjectCommand } from './projects';

export interface CloudRegistration {
  credentials: CredentialsManager;
  history: () => HistoryStore | undefined;
  languageClient: () => Promise<LanguageClient>;
  output: vscode.LogOutputChannel;
}

export function registerCloud(context: vscode.ExtensionContext, deps: CloudRegistration): CloudService {
  const service = new CloudService(context, deps);
  context.subscriptions.push(
    service,
    // The server asks for MediaIds (completion) and media facts (checks, hover) only when offered.
    contributeToLanguageClient({
      get initializationOptions() {
        return { mediaIds: true, cloud: true, cloudChecks: vscode.workspace.getConfiguration('vodTimeline').get<boolean>('cloud.checks', true) };
      },
      attach: (client) => service.attach(client),
    }),
    vscode.commands.registerCommand('vodTimeline.refreshCloud', () => {
      service.refresh();
      vscode.window.setStatusBarMessage(`$(sync) ${vscode.l10n.t('VOD Timeline: cloud checks refreshed')}`, 4000);
    }),
    vscode.commands.registerCommand('vodTimeline.openCloudProject', openCloudProjectCommand(deps)),
    vscode.commands.registerCommand('vodTimeline.saveCloudProject', saveCloudProjectCommand(deps)),
  );
  return service;
}
