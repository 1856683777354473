// The inputs of the form: their allowed ranges, what is wrong with what was typed, and where an
// engine error belongs. Messages are written by views/errors.ts in the UI language; nothing
// here is shown as such.
import type { EngineError } from "./types";
import { parseNumber } from "./parse";

/** Allowed values of a quantity (the engine's limits, `crates/engine/src/rules/`). */
export interface Range {
  min: number;
  max: number;
  integer?: boolean;
}

/** Persons in the household (estimate.rs MAX_PERSONS). */
export const PERSONS: Range = { min: 1, max: 30, integer: true };

/** Quantity fields of a line and their range (hours of a month, days of a month…). */
const QUANTITIES: Record<string, Range> = {
  hours_per_month: { min: 0, max: 744 },
  visits_per_week: { min: 0, max: 168 },
  visits_per_day: { min: 0, max: 24 },
  minutes_per_visit: { min: 0, max: 1440 },
  meals_per_week: { min: 0, max: 42 },
  times_per_week: { min: 0, max: 42 },
  days_per_week: { min: 0, max: 7 },
  days_per_month: { min: 0, max: 31 },
  visits_per_month: { min: 0, max: 186 },
  times_per_month: { min: 0, max: 186 },
};

/** The range of a line's quantity field; `undefined` for money (≥ 0) and choices. */
export function quantityRange(service: string, field: string): Range | undefined {
  if (service === "temporary_home_nursing" && field === "visits_per_month") return { min: 0, max: 62 };
  return QUANTITIES[field];
}

export function isMoneyField(field: string): boolean {
  return field.startsWith("provider_price_") || !(field in QUANTITIES);
}

/** Where an input is: the household, a person's money field, or a line's field. */
export type Place =
  | { scope: "household"; field: "date" | "persons" | "has_spouse" | "income_not_given" }
  | { scope: "person"; who: "client" | "spouse"; field: string }
  | { scope: "line"; lineId: number; index: number; service: string; field: string };

export function inputIdOf(p: Place): string {
  switch (p.scope) {
    case "household":
      return p.field === "has_spouse" ? "has-spouse-yes" : p.field === "income_not_given" ? "income-not-given" : p.field;
    case "person":
      return `${p.who}-${p.field}`;
    case "line":
      return `line-${p.lineId}-${p.field}`;
  }
}

/** Something typed that cannot be sent: shown under the field and in the error summary. */
export type ProblemKind = "number" | "ambiguous" | "negative" | "range" | "integer" | "date" | "not_in_force" | "not_offered" | "engine";

export interface InputProblem {
  place: Place;
  kind: ProblemKind;
  /** What was typed (for `ambiguous`, `number`). */
  typed?: string;
  /** `ambiguous`: the likely reading first, the other second (decimal strings). */
  readings?: [string, string];
  range?: Range;
  money?: boolean;
  /** `not_in_force`: the date asked (ISO). */
  date?: string;
}

/** Something not yet given: a neutral prompt, no error styling. */
export interface Missing {
  place: Place;
  kind: "amount" | "income" | "answer";
}

/**
 * Reads a typed money amount: `null` when empty, the decimal string when fine, else a problem.
 * Money is ≥ 0; an ambiguous `1.650` offers the thousands reading first.
 */
export function readMoney(text: string, place: Place, problems: InputProblem[]): string | null {
  const p = parseNumber(text);
  switch (p.kind) {
    case "empty":
      return null;
    case "ok":
      return p.value;
    case "ambiguous":
      problems.push({ place, kind: "ambiguous", typed: text.trim(), readings: [p.thousands, p.decimal], money: true });
      return null;
    case "negative":
      problems.push({ place, kind: "negative", money: true, range: { min: 0, max: Infinity } });
      return null;
    case "invalid":
      problems.push({ place, kind: "number", typed: text.trim(), money: true });
      return null;
  }
}

/** Reads a typed quantity within its range; an ambiguous reading beyond the range is the unlikely one. */
export function readQuantity(text: string, place: Place, range: Range, problems: InputProblem[]): string | null {
  const p = parseNumber(text);
  const inRange = (v: string) => Number(v) >= range.min && Number(v) <= range.max && (!range.integer || Number.isInteger(Number(v)));
  switch (p.kind) {
    case "empty":
      return null;
    case "ok":
      if (!inRange(p.value)) {
        problems.push({ place, kind: range.integer && !Number.isInteger(Number(p.value)) ? "integer" : "range", range });
        return null;
      }
      return p.value;
    case "ambiguous": {
      const readings: [string, string] = inRange(p.thousands) || !inRange(p.decimal) ? [p.thousands, p.decimal] : [p.decimal, p.thousands];
      problems.push({ place, kind: "ambiguous", typed: text.trim(), readings, range });
      return null;
    }
    case "negative":
      problems.push({ place, kind: "range", range });
      return null;
    case "invalid":
      problems.push({ place, kind: "number", typed: text.trim(), range });
      return null;
  }
}

/** `household.client.deductions.medicines` etc. → the place of that input, when it is one. */
export function placeOfEnginePath(path: string, sentLines: { id: number; service: string }[]): Place | undefined {
  if (path === "date") return { scope: "household", field: "date" };
  if (path === "household.persons") return { scope: "household", field: "persons" };
  if (path === "household.income_not_given") return { scope: "household", field: "income_not_given" };
  let m = /^household\.(client|spouse)\.(?:deductions\.)?(\w+)$/.exec(path);
  if (m) return { scope: "person", who: m[1] as "client" | "spouse", field: m[2]! };
  m = /^services\[(\d+)\]\.(\w+)$/.exec(path);
  if (m) {
    const line = sentLines[Number(m[1])];
    if (line) return { scope: "line", lineId: line.id, index: Number(m[1]), service: line.service, field: m[2]! };
  }
  return undefined;
}

/**
 * An engine error as a problem of the field it names (never shown raw), by the engine's problem
 * kind (`problem.kind`: required, negative, at_most with `max` …). `undefined` when the error
 * belongs to no field (a broken tariff): the results then show a general message.
 */
export function problemOfEngineError(e: EngineError, sentLines: { id: number; service: string }[]): InputProblem | Missing | undefined {
  if (e.code === "not_in_force") return { place: { scope: "household", field: "date" }, kind: "not_in_force", date: e.date };
  const field = "field" in e ? e.field : undefined;
  const place = typeof field === "string" ? placeOfEnginePath(field.replace(/\.service$/, ".production"), sentLines) : undefined;
  if (!place) return undefined;
  if (e.code === "not_offered" || e.code === "unknown_service") return { place, kind: "not_offered" };
  if (e.code !== "invalid_input") return { place, kind: "engine" };
  const p = e.problem;
  const money = place.scope === "person" || (place.scope === "line" && isMoneyField(place.field));
  const range = place.scope === "line" ? quantityRange(place.service, place.field) : place.scope === "household" && place.field === "persons" ? PERSONS : undefined;
  switch (p.kind) {
    case "required":
    case "required_for_service":
    case "required_for_voucher":
    case "required_level":
    case "required_legal_basis":
    case "required_hours":
      return { place, kind: place.scope === "person" ? "income" : "amount" };
    case "negative":
      return { place, kind: money ? "negative" : "range", money, range: range ?? { min: 0, max: Infinity } };
    case "at_most":
      return { place, kind: "range", money, range: { min: range?.min ?? 0, max: Number(p.max) } };
    case "at_least_one":
    case "at_least_two_spouse":
      return { place, kind: "range", money, range: range ?? { min: 1, max: Infinity } };
    default:
      return { place, kind: "engine", money };
  }
}

export function isMissing(x: InputProblem | Missing): x is Missing {
  return x.kind === "amount" || x.kind === "income" || x.kind === "answer";
}
