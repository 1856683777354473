import { fi, type MessageKey } from "./i18n/fi";
import { sv } from "./i18n/sv";
import { en } from "./i18n/en";

export type Lang = "fi" | "sv" | "en";
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { fi, sv, en };
/** Locale used by Intl for each UI language (Finnish formats for Swedish in Finland too). */
export const LOCALES: Record<Lang, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-FI" };

let current: Lang = "fi";

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
}
export function lang(): Lang {
  return current;
}
export function isLang(x: unknown): x is Lang {
  return x === "fi" || x === "sv" || x === "en";
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const msg = catalogues[current][key] ?? fi[key] ?? key;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** For keys built at run time (service codes, error codes): falls back when missing. */
export function tDyn(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  const cat = catalogues[current] as Record<string, string>;
  if (!(key in cat)) return fallback;
  return t(key as MessageKey, params);
}
