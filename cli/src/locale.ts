// The CLI speaks the system's language: LC_ALL, LC_MESSAGES, LANG, then what Intl reports.
import { normalizeLocale, type Locale } from '../../server/src/service';

export function systemLocale(env: NodeJS.ProcessEnv, explicit?: string): Locale {
  if (explicit) return normalizeLocale(explicit);
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (fromEnv && fromEnv !== 'C' && fromEnv !== 'POSIX') return normalizeLocale(fromEnv);
  try {
    return normalizeLocale(Intl.DateTimeFormat().resolvedOptions().locale);
  } catch {
    return 'en';
  }
}
