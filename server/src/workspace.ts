// Problems for every *.timeline.json in the workspace, not only the open ones, so a broken timeline
// nobody has opened still shows up. Files are read and checked a few at a time between requests.

import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as lsp from 'vscode-languageserver/node';
import { glob } from 'tinyglobby';
import type { ServiceSettings, TimelineService } from './service';
import * as convert from './convert';
import { uriToPath } from './uri';

interface WorkspaceHost {
  connection: lsp.Connection;
  service: TimelineService;
  isOpen(uri: string): boolean;
  settingsFor(uri: string): ServiceSettings;
  locale(): string;
  /** A code's rule page (codeDescription). */
  page?(code: string): string | undefined;
  log(message: string): void;
  logError(what: string, e: unknown): void;
}

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'];
/** Files larger than this are left to the editor (opening them validates them). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export class WorkspaceValidator {
  private readonly covered = new Set<string>();
  private folders: string[] = [];
  private mode: 'all' | 'openFiles' = 'all';
  private maxFiles = 2000;
  private queue: string[] = [];
  private running = false;
  private generation = 0;

  constructor(private readonly host: WorkspaceHost) {}

  start(folders: string[], mode: 'all' | 'openFiles', maxFiles: number): void {
    this.folders = folders;
    this.mode = mode;
    this.maxFiles = maxFiles;
    void this.scan();
  }

  covers(uri: string): boolean {
    return this.covered.has(uri);
  }

  /** An open document's diagnostics come from the editor's copy. */
  forget(uri: string): void {
    this.queue = this.queue.filter((u) => u !== uri);
  }

  reopen(uri: string): void {
    if (this.covered.has(uri)) this.enqueue(uri);
  }

  revalidate(): void {
    void this.scan();
  }

  fileChanged(uri: string, type: lsp.FileChangeType): void {
    if (this.mode !== 'all' || !uri.endsWith('.timeline.json')) return;
    if (type === lsp.FileChangeType.Deleted) {
      if (this.covered.delete(uri) && !this.host.isOpen(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (this.covered.size >= this.maxFiles && !this.covered.has(uri)) return;
    this.covered.add(uri);
    this.enqueue(uri);
  }

  private async scan(): Promise<void> {
    const generation = ++this.generation;
    if (this.mode !== 'all') {
      for (const uri of this.covered) if (!this.host.isOpen(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.covered.clear();
      return;
    }
    const found: string[] = [];
    for (const folder of this.folders) {
      try {
        const files = await glob('**/*.timeline.json', { cwd: folder, absolute: true, onlyFiles: true, ignore: IGNORE, followSymbolicLinks: false });
        found.push(...files);
      } catch (e) {
        this.host.logError(`scanning ${folder} failed`, e);
      }
    }
    if (generation !== this.generation) return;
    found.sort();
    if (found.length > this.maxFiles) this.host.log(`workspace: ${found.length} timelines found; checking the first ${this.maxFiles} (vodTimeline.validation.maxFiles)`);
    for (const file of found.slice(0, this.maxFiles)) {
      const uri = pathToFileURL(file).toString();
      this.covered.add(uri);
      this.enqueue(uri);
    }
  }

  private enqueue(uri: string): void {
    if (!this.queue.includes(uri)) this.queue.push(uri);
    if (!this.running) {
      this.running = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    const uri = this.queue.shift();
    if (!uri) {
      this.running = false;
      return;
    }
    try {
      if (!this.host.isOpen(uri)) this.check(uri);
    } catch (e) {
      this.host.logError(`checking ${uri} failed`, e);
    }
    // One file per turn of the event loop: editor requests never wait behind the whole workspace.
    setImmediate(() => this.drain());
  }

  private check(uri: string): void {
    const file = uriToPath(uri);
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_FILE_BYTES) return;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      this.covered.delete(uri);
      void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const doc = this.host.service.parse(text, undefined, uri);
    try {
      const diagnostics = this.host.service.validate(doc, this.host.settingsFor(uri), this.host.locale()).map((d) => convert.diagnostic(doc, d, uri, (code) => this.host.page?.(code)));
      if (!this.host.isOpen(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics });
    } finally {
      doc.dispose();
    }
  }
}
