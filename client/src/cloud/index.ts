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
import type { CloudCommandId, Commands } from '../commandIds';
import { openCloudProjectCommand, saveCloudProjectCommand } from './projects';
import { setting } from '../settings';

export interface CloudRegistration {
  credentials: CredentialsManager;
  history: () => HistoryStore | undefined;
  languageClient: () => Promise<LanguageClient>;
  output: vscode.LogOutputChannel;
}

export function registerCloud(context: vscode.ExtensionContext, deps: CloudRegistration): { service: CloudService; commands: Commands<CloudCommandId> } {
  const service = new CloudService(context, deps);
  context.subscriptions.push(
    service,
    // The server asks for MediaIds (completion) and media facts (checks, hover) only when offered.
    contributeToLanguageClient({
      get initializationOptions() {
        return { mediaIds: true, cloud: true, cloudChecks: setting('cloud.checks') };
      },
      attach: (client) => service.attach(client),
    }),
  );
  return {
    service,
    commands: {
      'vodTimeline.refreshCloud': () => {
        service.refresh();
        vscode.window.setStatusBarMessage(`$(sync) ${vscode.l10n.t('VOD Timeline: cloud checks refreshed')}`, 4000);
      },
      'vodTimeline.openCloudProject': openCloudProjectCommand(deps),
      'vodTimeline.saveCloudProject': saveCloudProjectCommand(deps),
    },
  };
}
