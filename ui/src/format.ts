// Formatting only: the UI never adds up money. Amounts arrive from the engine as decimal
// strings and are turned into text.
//
// One convention in every language, the same as the engine's texts and what the fields accept
// (parse.ts): `1 234,50 €`, `42,5`, dates `1.3.2026`, times `8.00` — the Finnish forms, which CLDR
// also gives for sv-FI and en-FI numbers. Browsers' ICU data differ for en-FI (`€1,234.50`,
// `01/01/2026`), so the figures are formatted with Intl's fi-FI rules whatever the UI language.
import { t } from "./i18n";

const FIGURES_LOCALE = "fi-FI";

// Intl formatters are expensive to construct (JavaScriptCore builds ICU objects each time) and
// a render formats dozens of figures: one formatter per kind, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: (locale: string) => F): F {
  let f = formatters.get(kind) as F | undefined;
  if (!f) formatters.set(kind, (f = make(FIGURES_LOCALE)));
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

/** `2026-01-01` → `1.1.2026` in every language (as the date field is typed). */
export function date(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const f = cached("date", (locale) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "numeric", year: "numeric" }));
  return f.format(d);
}

/** Money without cents when whole (`1 650 €`), for messages that quote a typed amount. */
export function moneyShort(s: string): string {
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  if (!Number.isInteger(n)) return money(s);
  return numberFormat("moneyShort", { style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(n);
}

/** An RFC 3339 time as the date and the local time: `23.11.2026 klo 8.00`, `… kl. 8.00`, `… at 8.00`. */
export function dateTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const day = cached("localdate", (locale) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", year: "numeric" }));
  const time = cached("localtime", (locale) => new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }));
  return t("time.at", { date: day.format(d), time: time.format(d) });
}
