// The extension's context, as rust-analyzer's Ctx: one object that owns the language client's
// lifecycle (start on first use, Restart, a failed start that Restart can retry: ClientLifecycle) and
// the things every feature shares (the output channel, credentials). Features take what they need from
// it instead of holding a client of their own, so after a restart everyone gets the new client.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { ClientLifecycle } from './lifecycle';
import { CredentialsManager } from './produce/credentials';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly credentials: CredentialsManager;
  private readonly lifecycle: ClientLifecycle<LanguageClient>;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('VOD Timeline', { log: true });
    this.credentials = new CredentialsManager(extension.secrets);
    this.lifecycle = new ClientLifecycle(
      () => createLanguageClient(extension, this.output),
      (e) => this.output.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** The running language client, started on first use (or again after a failed start). */
  languageClient = (): Promise<LanguageClient> => this.lifecycle.client();

  /** "VOD Timeline: Restart Language Server": stops whatever there is and starts a new client. */
  async restart(): Promise<void> {
    await this.lifecycle.restart();
  }

  /** Called with each client that starts (the first, and each one after a restart). */
  onDidStartClient(listener: (client: LanguageClient) => void): vscode.Disposable {
    const sub = this.lifecycle.onDidStart(listener);
    return new vscode.Disposable(() => sub.dispose());
  }

  stop(): Promise<void> {
    return this.lifecycle.stop();
  }

  dispose(): void {
    void this.stop();
    this.output.dispose();
  }
}
