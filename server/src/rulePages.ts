// Where a diagnostic's code links to (LSP codeDescription.href): its rule page, docs/rules/<locale>/
// (scripts/rule-pages.mjs). The VS Code client says where the installed extension keeps them
// (initializationOptions.rulePages, a URI the editor opens itself); any other editor gets the pages
// next to this server as file: URIs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeLocale, rulePageFile } from './service';

/** docs/rules beside the bundle (dist/ → ../docs/rules) or the sources (server/src/ → ../../docs/rules). */
export function defaultRulePagesBase(): string | undefined {
  for (const up of ['..', path.join('..', '..')]) {
    const dir = path.join(__dirname, up, 'docs', 'rules');
    if (fs.existsSync(path.join(dir, 'en'))) return pathToFileURL(dir).href;
  }
  return undefined;
}

/** The page of `code` in the client's language (Chinese for any zh-CN locale, else English). */
export function rulePageHref(base: string | undefined, locale: string, code: string): string | undefined {
  if (!base) return undefined;
  return `${base.replace(/\/+$/, '')}/${normalizeLocale(locale) === 'zh-cn' ? 'zh-cn' : 'en'}/${rulePageFile(code)}`;
}
