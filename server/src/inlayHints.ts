// textDocument/inlayHint: the service's hints (service/inlayHints.ts) for the requested range, with
// LSP positions. `vodTimeline.inlayHints.enabled` is resource-scoped (a folder may turn the hints off),
// so a client that answers workspace/configuration is asked once per document, with the document as
// the scope; the answer is kept until the settings change (refresh()). Without that, the settings the
// client pushed decide. The editor's own `editor.inlayHints.enabled` never reaches the server: VS Code
// simply stops asking.
// A client that resolves tooltips (VS Code) gets labels only, and a hint's tooltip when the pointer rests
// on it: for the whole 6,600-clip document with every time computed, the tooltips were most of the
// time and of the 2.4 MB answer.

import * as lsp from 'vscode-languageserver/node';
import type { TimelineDocument, TimelineService, ServiceSettings } from './service';
import { clientSettings } from './clientSettings';
import * as convert from './convert';

export interface InlayHintsHost {
  connection: lsp.Connection;
  service: TimelineService;
  /** The current parse of an open document this server owns. */
  parsed(uri: string): TimelineDocument | undefined;
  /** The open document's current version. */
  version(uri: string): number | undefined;
  settingsFor(uri: string): ServiceSettings;
  locale(): string;
  /** The pushed (or initial) settings' value: the answer when the client cannot be asked per document. */
  enabled(): boolean;
  logError(what: string, e: unknown): void;
}

/** What a hint carries to its resolve: the document version it was computed for, and where it is. */
interface HintData {
  uri: string;
  version: number;
  offset: number;
}

export class InlayHints {
  private configuration = false;
  private refreshSupport = false;
  private resolveTooltips = false;
  /** Per document: the resource-scoped setting, as the client answered it (kept until refresh()). */
  private readonly scoped = new Map<string, Promise<boolean | undefined>>();

  constructor(private readonly host: InlayHintsHost) {}

  /** Reads what the client can do; the server's capability is always on (the setting is read per request). */
  initialize(capabilities: lsp.ClientCapabilities): lsp.InlayHintOptions {
    this.configuration = !!capabilities.workspace?.configuration;
    this.refreshSupport = !!capabilities.workspace?.inlayHint?.refreshSupport;
    this.resolveTooltips = !!capabilities.textDocument?.inlayHint?.resolveSupport?.properties?.includes('tooltip');
    return { resolveProvider: this.resolveTooltips };
  }

  /** Settings (or the config file) changed: forget the per-document answers and have the client ask again. */
  refresh(): void {
    this.scoped.clear();
    if (this.refreshSupport) void this.host.connection.languages.inlayHint.refresh().catch((e: unknown) => this.host.logError('inlayHint/refresh failed', e));
  }

  async hints(params: lsp.InlayHintParams, token?: lsp.CancellationToken): Promise<lsp.InlayHint[] | null> {
    const uri = params.textDocument.uri;
    const asked = this.host.version(uri);
    if (asked === undefined || !(await this.enabledFor(uri))) return null;
    // The document moved on while the client was asked: this range belongs to an older text.
    if (token?.isCancellationRequested || this.host.version(uri) !== asked) return null;
    const doc = this.host.parsed(uri);
    if (!doc) return null;
    const range = { start: convert.offsetOf(doc, params.range.start), end: convert.offsetOf(doc, params.range.end) };
    const lazy = this.resolveTooltips;
    return this.host.service.inlayHints(doc, range, this.host.settingsFor(uri), this.host.locale(), { tooltips: !lazy }).map((h): lsp.InlayHint => ({
      position: doc.lines.positionAt(h.offset),
      label: h.label,
      ...(h.tooltip !== undefined ? { tooltip: { kind: lsp.MarkupKind.Markdown, value: h.tooltip } } : {}),
      paddingLeft: h.paddingLeft,
      paddingRight: h.paddingRight,
      ...(lazy ? { data: { uri, version: asked, offset: h.offset } satisfies HintData } : {}),
    }));
  }

  /** A hint's tooltip, for the version it was computed for; any other hint comes back as it was. */
  resolve(hint: lsp.InlayHint): lsp.InlayHint {
    try {
      const data = hint.data as Partial<HintData> | undefined;
      if (!data || typeof data.uri !== 'string' || typeof data.offset !== 'number' || this.host.version(data.uri) !== data.version) return hint;
      const doc = this.host.parsed(data.uri);
      if (!doc) return hint;
      const tooltip = this.host.service.inlayHintTooltip(doc, data.offset, this.host.settingsFor(data.uri), this.host.locale());
      return tooltip === undefined ? hint : { ...hint, tooltip: { kind: lsp.MarkupKind.Markdown, value: tooltip } };
    } catch (e) {
      this.host.logError('inlayHint/resolve failed', e);
      return hint;
    }
  }

  private async enabledFor(uri: string): Promise<boolean> {
    if (!this.configuration) return this.host.enabled();
    let answer = this.scoped.get(uri);
    if (!answer) {
      answer = this.host.connection.workspace.getConfiguration({ scopeUri: uri, section: 'vodTimeline.inlayHints' }).then(
        (raw: unknown) => clientSettings({ inlayHints: raw }).inlayHints?.enabled,
        (e: unknown) => {
          this.host.logError('reading vodTimeline.inlayHints failed', e);
          return undefined;
        },
      );
      this.scoped.set(uri, answer);
    }
    return (await answer) ?? this.host.enabled();
  }
}
