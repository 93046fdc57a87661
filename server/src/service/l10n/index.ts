import { en, type MessageId } from './messages.en';
import { zhCn } from './messages.zh-cn';

export type { MessageId };
export type Locale = 'en' | 'zh-cn';

/** VS Code and the OS spell locales many ways (zh-CN, zh_CN.UTF-8, zh-Hans); all Chinese ones map to zh-cn. */
export function normalizeLocale(locale: string | undefined): Locale {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  if (l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l.startsWith('zh-sg')) return 'zh-cn';
  return 'en';
}

const bundles: Record<Locale, Record<MessageId, string>> = { en, 'zh-cn': zhCn };

export type MessageArgs = Record<string, string | number>;

export function format(locale: Locale, id: MessageId, args?: MessageArgs): string {
  // Ids built at run time (`object.${definition}`) may name no message: the id itself comes back, as
  // callers such as objectName expect, never undefined (which made the schema rule throw).
  const template = bundles[locale][id] ?? en[id] ?? id;
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in args ? String(args[name]) : m));
}

/** A message function bound to one locale, as features receive it. */
export type Localize = (id: MessageId, args?: MessageArgs) => string;

export function localizer(locale: Locale): Localize {
  return (id, args) => format(locale, id, args);
}
