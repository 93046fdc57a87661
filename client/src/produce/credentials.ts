// Where Produce gets its AccessKey, in order: a pair saved with "Set Access Key" (VS Code
// SecretStorage, never a settings file), the profile chosen with "Select Profile", then the
// @alicloud/credentials default chain (environment variables and the rest). The ECS
// instance-metadata step runs only when the user turned it on. The UI names the source and a hint of
// the key ID, never a secret.
import vscode = require('vscode');
import { listProfiles, resolveCredentials, type ExplicitCredentials, type ResolvedCredentials, type CredentialDescription } from '../vod';
import { setting, updateSetting } from '../settings';
import { errorText } from '../errorText';

const SECRET_KEY = 'vodTimeline.accessKey';

export class CredentialsManager {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => { if (e.key === SECRET_KEY) this.changed.fire(); });
  }

  private async saved(): Promise<ExplicitCredentials | undefined> {
    const raw = await this.secrets.get(SECRET_KEY);
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw) as ExplicitCredentials;
      return v.accessKeyId && v.accessKeySecret ? v : undefined;
    } catch {
      return undefined;
    }
  }

  async resolve(): Promise<ResolvedCredentials> {
    const explicit = await this.saved();
    const profile = setting('profile') || undefined;
    const allowEcsMetadata = setting('credentials.allowEcsMetadata');
    return resolveCredentials({ explicit, profile: explicit ? undefined : profile, allowEcsMetadata });
  }

  async hasSavedKey(): Promise<boolean> {
    return (await this.saved()) !== undefined;
  }

  async setAccessKey(): Promise<boolean> {
    const id = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set Access Key (1/3)'), prompt: vscode.l10n.t('AccessKey ID of a RAM user allowed to call ApsaraVideo VOD'),
      ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required')),
    });
    if (!id) return false;
    const secret = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set Access Key (2/3)'), prompt: vscode.l10n.t('AccessKey secret (kept in VS Code secret storage, never in settings)'),
      password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required')),
    });
    if (!secret) return false;
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set Access Key (3/3)'), prompt: vscode.l10n.t('STS security token, if these are temporary credentials (leave empty otherwise)'),
      password: true, ignoreFocusOut: true,
    });
    if (token === undefined) return false;
    const value: ExplicitCredentials = { accessKeyId: id.trim(), accessKeySecret: secret.trim(), ...(token.trim() ? { securityToken: token.trim() } : {}) };
    await this.secrets.store(SECRET_KEY, JSON.stringify(value));
    void vscode.window.showInformationMessage(vscode.l10n.t('Access Key saved in secret storage.'));
    return true;
  }

  async clearAccessKey(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved Access Key removed.'));
  }

  async selectProfile(): Promise<void> {
    const profiles = listProfiles();
    interface Item extends vscode.QuickPickItem { profile?: string }
    const current = setting('profile');
    const items: Item[] = [
      { label: vscode.l10n.t('No profile'), description: vscode.l10n.t('use the saved Access Key or the default credentials chain'), profile: '', picked: !current },
      ...profiles.map((p) => ({ label: p.name, description: `${p.file}${p.mode ? ` · ${p.mode}` : ''}`, profile: p.name, picked: p.name === current })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Select Profile'), placeHolder: profiles.length ? vscode.l10n.t('Profiles in ~/.aliyun/config.json and ~/.alibabacloud/credentials') : vscode.l10n.t('No profiles found in ~/.aliyun/config.json or ~/.alibabacloud/credentials') });
    if (!pick) return;
    await updateSetting('profile', pick.profile || undefined);
    this.changed.fire();
  }

  /** "Saved Access Key LTAI…7Q", "profile dev (~/.aliyun/config.json)", … */
  static describe(d: CredentialDescription): string {
    const key = d.accessKeyIdHint ? ` · ${d.accessKeyIdHint}` : '';
    const sts = d.hasSecurityToken ? ' · STS' : '';
    switch (d.source) {
      case 'explicit': return vscode.l10n.t('saved Access Key') + key + sts;
      case 'profile': return vscode.l10n.t('profile {0} ({1})', d.profile ?? '', d.file ?? '') + key + sts;
      default: return vscode.l10n.t('default credentials chain{0}', d.provider ? ` (${d.provider})` : '') + key + sts;
    }
  }

  async showSource(): Promise<void> {
    try {
      const { description } = await this.resolve();
      void vscode.window.showInformationMessage(vscode.l10n.t('Credentials in use: {0}', CredentialsManager.describe(description)));
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No usable credentials: {0}', errorText(e)), vscode.l10n.t('Set Access Key'), vscode.l10n.t('Select Profile')).then((choice) => {
        if (choice === vscode.l10n.t('Set Access Key')) void vscode.commands.executeCommand('vodTimeline.setAccessKey');
        else if (choice === vscode.l10n.t('Select Profile')) void vscode.commands.executeCommand('vodTimeline.selectProfile');
      });
    }
  }
}
