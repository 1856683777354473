// Formatting only: the UI never adds up money. Amounts arrive from the engine as decimal
// strings and are turned into text for the locale.
import { LOCALES, lang } from "./i18n";

// Intl formatters are expensive to construct (JavaScriptCore builds ICU objects each time) and
// a render formats dozens of figures: one formatter per language and kind, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: (locale: string) => F): F {
  const key = `${lang()}|${kind}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make(LOCALES[lang()])));
  return f;
}
function numberFormat(kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(kind, (locale) => new Intl.NumberFormat(locale, options));
}

export function money(s: string | null | undefined): string {
  if (s === null || s === undefined || s === "") return "–";
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  return numberFormat("money", { style: "currency", currency: "EUR" }).format(n);
}

/** A signed money difference (`+12,00 €`), sign from the engine's value. */
export function signedMoney(s: string): string {
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  return numberFormat("signedMoney", { style: "currency", currency: "EUR", signDisplay: "exceptZero" }).format(n);
}

export function num(s: string | number, maxFrac = 2): string {
  const n = typeof s === "number" ? s : Number(s);
  if (!Number.isFinite(n)) return String(s);
  return numberFormat(`num${maxFrac}`, { maximumFractionDigits: maxFrac }).format(n);
}

/** `2026-01-01` → `1.1.2026` (fi) / locale form. */
export function date(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const f = cached("date", (locale) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "numeric", year: "numeric" }));
  return f.format(d);
}

export function todayIso(): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Parses a typed amount into the decimal string the engine expects: accepts `1 234,56`,
 * `1234.56`, no-break spaces. Returns `null` for empty, `undefined` for invalid.
 */
export function parseDecimal(input: string): string | null | undefined {
  const s = input.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (s === "") return null;
  if (!/^\d{1,9}(\.\d{1,4})?$/.test(s)) return undefined;
  return s;
}

/** `2026-03-01` → `1.3.2026`: the Finnish way, also used in sv-FI and en-FI. */
export function dateInputText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : iso;
}

/** Parses `1.3.2026` (or `2026-03-01`) to ISO; `undefined` when it is not a real date. */
export function parseDateInput(input: string): string | undefined {
  const s = input.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return undefined;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || y < 1990 || y > 2100) return undefined;
  const p = (x: number) => String(x).padStart(2, "0");
  return `${y}-${p(mo)}-${p(d)}`;
}
