// Schema text in the user's language: the English schema, overlaid with the zh-CN file keyed by
// the JSON pointer of each schema object.

import type { Locale } from '../l10n';
import type { CompiledSchema, Snippet } from './compile';

export type SchemaTranslations = Record<string, Record<string, unknown>>;

export interface SchemaText {
  title?: string;
  /** Markdown. */
  description?: string;
  enumDescriptions?: string[];
  deprecationMessage?: string;
}

export function schemaText(cs: CompiledSchema, locale: Locale, zh: SchemaTranslations): SchemaText {
  const tr = locale === 'zh-cn' ? zh[cs.ptr] : undefined;
  const str = (k: string) => (tr && typeof tr[k] === 'string' ? (tr[k] as string) : undefined);
  const arr = (k: string) => (tr && Array.isArray(tr[k]) ? (tr[k] as string[]) : undefined);
  return {
    title: str('title') ?? cs.title,
    description: str('markdownDescription') ?? str('description') ?? cs.markdownDescription ?? cs.description,
    enumDescriptions: arr('markdownEnumDescriptions') ?? arr('enumDescriptions') ?? cs.markdownEnumDescriptions ?? cs.enumDescriptions,
    deprecationMessage: str('deprecationMessage') ?? cs.deprecationMessage,
  };
}

export function snippetText(cs: CompiledSchema, index: number, snippet: Snippet, locale: Locale, zh: SchemaTranslations): { label?: string; description?: string } {
  const list = locale === 'zh-cn' ? zh[cs.ptr]?.defaultSnippets : undefined;
  const tr = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
  return {
    label: (tr?.label as string | undefined) ?? snippet.label,
    description: (tr?.markdownDescription as string | undefined) ?? (tr?.description as string | undefined) ?? snippet.markdownDescription ?? snippet.description,
  };
}
