import { AsyncLocalStorage } from 'node:async_hooks';
import Negotiator from 'negotiator';

import type { Language } from './lang';

export type { Language };

// negotiator (the jshttp library behind express's req.acceptsLanguages) weighs q-values; "zh" is
// offered beside "zh-CN" so that "zh-Hans-CN" or "zh-TW" match by their prefix. English is first,
// so it wins ties and a missing header.
const OFFERED = ['en', 'zh-CN', 'zh'];

/** The language an Accept-Language header prefers among those the hub offers. */
export function languageOf(acceptLanguage: string | string[] | undefined | null): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  return new Negotiator({ headers: { 'accept-language': header } }).language(OFFERED)?.startsWith('zh') ? 'zh' : 'en';
}

const current = new AsyncLocalStorage<Language>();

/** The language of the request being served (English outside any request). */
export const requestLanguage = (): Language => current.getStore() ?? 'en';

/** Runs `next` with the request's language known to every error formatter below it. */
export function withLanguage<T>(acceptLanguage: string | string[] | undefined | null, next: () => T): T {
  return current.run(languageOf(acceptLanguage), next);
}

/** Express middleware form of withLanguage. */
export const languageMiddleware = (req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) =>
  withLanguage(req.headers['accept-language'], next);
