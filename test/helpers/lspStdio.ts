// The built language server (dist/server.js) over stdio, for tests that drive it as an editor does:
// the process, its JSON-RPC connection, and a bounded shutdown. Each test's client adds the handlers
// and requests it needs (see lsp-protocol.test.ts, lsp-inlay-hints.test.ts).
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const root = path.resolve(__dirname, '..', '..');
export const serverJs = path.join(root, 'dist', 'server.js');

/** Builds dist/ when the server is not there yet (a unit run before any build). */
export function ensureServerBuilt(): void {
  if (!fs.existsSync(serverJs)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' });
}

export class StdioServer {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  stderr = '';

  constructor(args: string[] = [serverJs, '--stdio']) {
    // The credentials chain would probe the ECS metadata address from a test.
    this.proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' } });
    this.proc.stderr!.on('data', (d) => { this.stderr += d; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
  }

  async close(): Promise<void> {
    // Bounded: a server that stopped answering must fail its test, not hang the run.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((resolve) => { timer = setTimeout(resolve, 2000); })]);
      await this.conn.sendNotification('exit');
    } catch { /* already gone */ } finally {
      clearTimeout(timer);
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
