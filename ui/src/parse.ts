// Reading what the counsellor typed. Numbers are never guessed: `1 650,50`, `1650.50`,
// `1,650.50`, `1650,50 €` are read as written; one `.` or `,` followed by exactly three digits
// (`1.650`, `1,650`) can mean a thousand-separator or a decimal point, so it is reported as
// ambiguous with both readings and the field says which one it thinks likely (fields.ts).

/** What a typed number turned out to be. Values are decimal strings for the engine (`"1650.50"`). */
export type Parsed =
  | { kind: "empty" }
  | { kind: "ok"; value: string }
  | { kind: "ambiguous"; thousands: string; decimal: string }
  | { kind: "negative"; value: string }
  | { kind: "invalid" };

const SPACE = /[\s\u00a0\u202f\u2009]+/;
const MAX_INT_DIGITS = 9;
const MAX_FRACTION_DIGITS = 4;

/** Removes a currency mark before or after the number (`€`, `EUR`, `e`). */
function stripCurrency(s: string): string {
  return s.replace(/^€\s*/, "").replace(/\s*(€|eur|euroa?|e)$/i, "").trim();
}

function decimal(int: string, frac: string): string | undefined {
  if (!/^\d+$/.test(int) || int.length > MAX_INT_DIGITS) return undefined;
  if (frac === "") return int;
  if (!/^\d+$/.test(frac) || frac.length > MAX_FRACTION_DIGITS) return undefined;
  return `${int}.${frac}`;
}

/** Parses a money amount or a quantity; see the file comment for what is accepted. */
export function parseNumber(input: string): Parsed {
  let s = stripCurrency(input.trim());
  if (s === "") return { kind: "empty" };
  let negative = false;
  if (/^[-−–]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  }
  const parsed = parseUnsigned(s);
  if (negative && parsed.kind === "ok") return { kind: "negative", value: `-${parsed.value}` };
  if (negative && parsed.kind === "ambiguous") return { kind: "negative", value: `-${parsed.thousands}` };
  if (negative) return { kind: "invalid" };
  return parsed;
}

function parseUnsigned(s: string): Parsed {
  // Spaces group thousands: then any single `.` or `,` is the decimal separator.
  const groups = s.split(SPACE);
  if (groups.length > 1) {
    const last = groups[groups.length - 1] ?? "";
    const ok = /^\d{1,3}$/.test(groups[0] ?? "")
      && groups.slice(1, -1).every((g) => /^\d{3}$/.test(g))
      && /^\d{3}([.,]\d+)?$/.test(last);
    if (!ok) return { kind: "invalid" };
    const [int, frac = ""] = groups.join("").split(/[.,]/);
    const v = decimal(int ?? "", frac);
    return v === undefined ? { kind: "invalid" } : { kind: "ok", value: v };
  }
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots + commas === 0) {
    const v = decimal(s, "");
    return v === undefined ? { kind: "invalid" } : { kind: "ok", value: v };
  }
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator, the other groups thousands (1.650,50 / 1,650.50).
    const dec = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    const grp = dec === "." ? "," : ".";
    const i = s.lastIndexOf(dec);
    const intPart = s.slice(0, i);
    const frac = s.slice(i + 1);
    if ((s.match(dec === "." ? /\./g : /,/g) ?? []).length !== 1) return { kind: "invalid" };
    const parts = intPart.split(grp);
    if (!/^\d{1,3}$/.test(parts[0] ?? "") || !parts.slice(1).every((g) => /^\d{3}$/.test(g))) return { kind: "invalid" };
    const v = decimal(parts.join(""), frac);
    return v === undefined ? { kind: "invalid" } : { kind: "ok", value: v };
  }
  const sep = dots > 0 ? "." : ",";
  const parts = s.split(sep);
  if (parts.length > 2) {
    // 1.650.000: only thousands groups.
    if (!/^\d{1,3}$/.test(parts[0] ?? "") || !parts.slice(1).every((g) => /^\d{3}$/.test(g))) return { kind: "invalid" };
    const v = decimal(parts.join(""), "");
    return v === undefined ? { kind: "invalid" } : { kind: "ok", value: v };
  }
  const [int = "", frac = ""] = parts;
  if (int === "" && /^\d+$/.test(frac)) return parseUnsigned(`0${sep}${frac}`); // ",5" = 0,5
  if (frac.length === 3 && /^[1-9]\d{0,2}$/.test(int)) {
    const thousands = decimal(int + frac, "");
    const dec = decimal(int, frac);
    if (thousands !== undefined && dec !== undefined) return { kind: "ambiguous", thousands, decimal: dec };
  }
  const v = decimal(int, frac);
  return v === undefined ? { kind: "invalid" } : { kind: "ok", value: v };
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

/** Today as `yyyy-mm-dd` (local date). */
export function todayIso(): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
