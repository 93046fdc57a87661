// Helpers for host suites. They use only the `vscode` API so the suites run unchanged in code-server's
// extension host and under @vscode/test-electron. Waits are event-driven: a sleep that is long enough
// on a fast desktop is too short on a loaded CI machine.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'vod-timeline.vod-timeline';
export const LANGUAGE_ID = 'vod-timeline';
export const DEFAULT_TIMEOUT_MS = 15000;

type Awaitable<T> = T | PromiseLike<T>;

/**
 * Resolves with the first truthy value of `predicate`, checked now and again each time one of `events`
 * fires. Rejects after `timeoutMs` with `message` (and the last value seen), so a failure says what was
 * awaited instead of only "timeout".
 */
export function waitFor<T>(
  predicate: () => Awaitable<T | undefined | null | false>,
  events: vscode.Event<unknown> | vscode.Event<unknown>[],
  message = 'condition',
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const list = Array.isArray(events) ? events : [events];
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    let last: unknown;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn();
    };
    const check = async () => {
      try {
        const value = await predicate();
        last = value;
        if (value) finish(() => resolve(value as T));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`waitFor timed out after ${timeoutMs} ms: ${message} (last value: ${JSON.stringify(last)})`))),
      timeoutMs,
    );
    for (const event of list) subscriptions.push(event(() => void check()));
    void check();
  });
}

/** The first workspace folder: the per-run temp copy of test/host/workspace. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('host tests need a workspace folder (test/host/workspace copy)');
  return folder.uri;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in an editor; returns the document. */
export async function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Opens an untitled document with the given content and language (nothing touches the disk). */
export async function openUntitled(content: string, language = LANGUAGE_ID): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Closes every editor, discarding changes, so one test's documents do not leak into the next. */
export async function closeAllEditors(): Promise<void> {
  // closeAllEditors alone would open a "save changes?" dialog for dirty documents and hang the run.
  const openTabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  for (let left = openTabs(), guard = 0; left > 0 && guard < 100; left = openTabs(), guard++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Diagnostics for `uri` once `predicate` accepts them (default: any diagnostics at all). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    vscode.languages.onDidChangeDiagnostics,
    `diagnostics for ${uri.toString()}`,
    timeoutMs,
  );
}

/** The extension under test, activated (the host loads it from extensionDevelopmentPath). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

const CREDENTIAL_ENV = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'];

/**
 * Points the extension at an emulator: its AccessKey in the environment (the credentials chain ends with
 * the SDK's default chain, which reads it) and its URL as the endpoint. Resolves to the function that
 * puts both back. The endpoint goes back to what it was, never to the default: the extension keeps the
 * credentials it resolved, and its media library and Uploads view go on asking VOD; with the default
 * endpoint they asked the real one (caught by the host's loopback guard). The harness's own value is a
 * closed loopback port.
 */
export async function useEmulator(emu: { url: string; accessKeyId: string; accessKeySecret: string }): Promise<() => Promise<void>> {
  const env = Object.fromEntries(CREDENTIAL_ENV.map((k) => [k, process.env[k]]));
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
  delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
  const config = () => vscode.workspace.getConfiguration('vodTimeline');
  const endpoint = config().inspect('endpoint')?.globalValue;
  await config().update('endpoint', emu.url, vscode.ConfigurationTarget.Global);
  return async () => {
    await config().update('endpoint', endpoint ?? 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
