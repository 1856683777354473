// The one state object of the UI: the household and the alternative packages being compared.
// It holds what the counsellor typed (as text); the scenario JSON is derived from it, together
// with what cannot be sent yet (problems: wrong input; missing: not yet given).
import type { Scenario, ServiceLine, Production, Person } from "./types";
import { dateInputText, parseDateInput, todayIso } from "./parse";
import { PERSONS, quantityRange, readMoney, readQuantity, type InputProblem, type Missing, type Place } from "./fields";

export type FreqMode = "hours" | "visits_week" | "visits_day";

export interface LineState {
  id: number;
  service: string;
  production: Production;
  freqMode: FreqMode;
  /** Field name → typed text (quantities, provider prices, selects). */
  values: Record<string, string>;
}

export interface AlternativeState {
  id: number;
  name: string;
  lines: LineState[];
}

export interface PersonInputs {
  gross_income: string;
  net_income: string;
  forest_income_yearly: string;
  maintenance: string;
  guardianship: string;
  foreclosure: string;
  compensation: string;
  medicines: string;
  housing: string;
}

export type View = "estimate" | "compare" | "summary" | "settings";

export interface UiState {
  /** The date as typed (`d.m.yyyy`). */
  date: string;
  persons: string;
  /** "Onko asiakkaalla puoliso?" — asked when the household has 2 or more persons; `null` = not answered. */
  hasSpouse: boolean | null;
  /** Puoliso myös pitkäaikaisessa ympärivuorokautisessa hoidossa (7 c §). */
  spouseInLongTermCare: boolean;
  /** The client gives no income: the income-related fees are estimated at the highest fee. */
  incomeNotGiven: boolean;
  /** The client receives the guarantee pension (takuueläke) and asks for the flat-fee waiver. */
  guaranteePension: boolean;
  client: PersonInputs;
  spouse: PersonInputs;
  alternatives: AlternativeState[];
  active: number;
  view: View;
  presentation: boolean;
}

let nextId = 1;
export function newId(): number {
  return nextId++;
}

export function emptyPerson(): PersonInputs {
  return { gross_income: "", net_income: "", forest_income_yearly: "", maintenance: "", guardianship: "", foreclosure: "", compensation: "", medicines: "", housing: "" };
}

export function initialState(): UiState {
  return {
    date: dateInputText(todayIso()),
    persons: "1",
    hasSpouse: null,
    spouseInLongTermCare: false,
    incomeNotGiven: false,
    guaranteePension: false,
    client: emptyPerson(),
    spouse: emptyPerson(),
    alternatives: [{ id: newId(), name: "", lines: [] }],
    active: 0,
    view: "estimate",
    presentation: false,
  };
}

export const INCOME_FIELDS = ["gross_income", "net_income"] as const;
export const DEDUCTION_FIELDS = ["maintenance", "guardianship", "foreclosure", "compensation", "medicines", "housing"] as const;
/** Fields of a line that are chosen from a list rather than typed. */
export const SELECT_FIELDS = ["level", "legal_basis", "care_class", "staff"] as const;
/** Choices with a default in the engine (not required). */
const OPTIONAL_FIELDS = ["staff"];
/** Yes/no marks of a line (a checkbox; `"true"` when checked, sent only then). */
export const BOOL_FIELDS = ["specialist_nurse_visit"] as const;

/** Palvelut, joiden maksu lasketaan nettotuloista (7 c §). */
export const LONG_TERM = ["round_the_clock_housing", "institutional_care"];
/** Statutory services whose fee is a percentage of the household's gross income (10 e §). */
export const GROSS_INCOME_SERVICES = ["home_care", "communal_housing"];

/** The household size as typed, when it is a valid one. */
export function personsOf(s: UiState): number | undefined {
  const t = s.persons.trim();
  if (!/^\d{1,2}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= PERSONS.min && n <= PERSONS.max ? n : undefined;
}

/** Whether the spouse question is asked (2 or more persons). */
export function spouseAsked(s: UiState): boolean {
  return (personsOf(s) ?? 1) >= 2;
}

/** Whether a spouse is in the household (asked and answered yes). */
export function withSpouse(s: UiState): boolean {
  return spouseAsked(s) && s.hasSpouse === true;
}

function serviceCodes(s: UiState): string[] {
  return s.alternatives.flatMap((a) => a.lines.map((l) => l.service));
}

/**
 * Which income fields the chosen services need (over all alternatives, which share the
 * household): gross income for home care and other income-related fees, net income for
 * long-term care and for the fee-reduction check (11 §), the medicine and housing deductions
 * for long-term care. Hidden fields are not sent.
 */
export function visibleIncomeFields(s: UiState): Set<string> {
  const codes = serviceCodes(s);
  const longTerm = codes.some((c) => LONG_TERM.includes(c));
  const other = codes.length === 0 || codes.some((c) => !LONG_TERM.includes(c));
  const v = new Set<string>(["forest_income_yearly", "maintenance", "guardianship", "foreclosure", "compensation", "net_income"]);
  if (other) v.add("gross_income");
  if (longTerm) ["medicines", "housing"].forEach((f) => v.add(f));
  return v;
}

/** The income fields that must be given (empty = "not given", never zero). */
export function requiredIncomeFields(s: UiState): Set<string> {
  const codes = serviceCodes(s);
  const r = new Set<string>();
  if (codes.some((c) => GROSS_INCOME_SERVICES.includes(c))) r.add("gross_income");
  if (codes.some((c) => LONG_TERM.includes(c))) r.add("net_income");
  return r;
}

/** Which quantity fields a line sends, given its frequency mode and production. */
export function activeFields(line: LineState, accepted: string[]): string[] {
  return accepted.filter((f) => {
    if (f.startsWith("provider_price_")) return line.production === "voucher";
    if (line.service === "home_care" || line.service === "communal_housing") {
      if (f === "hours_per_month") return line.freqMode === "hours";
      if (f === "visits_per_week") return line.freqMode === "visits_week";
      if (f === "visits_per_day") return line.freqMode === "visits_day";
      if (f === "minutes_per_visit") return line.freqMode !== "hours";
    }
    return true;
  });
}

/** What one alternative becomes: the scenario, and what keeps it from being sent. */
export interface Prepared {
  scenario: Scenario;
  problems: InputProblem[];
  missing: Missing[];
  /** The lines sent, in order (`services[i]` of the scenario and of the engine's errors). */
  sent: LineState[];
  /** Lines not yet complete (an amount still empty): not sent, shown as waiting. */
  incomplete: LineState[];
}

function personJson(s: UiState, who: "client" | "spouse", problems: InputProblem[], missing: Missing[]): Person {
  const p = s[who];
  const visible = visibleIncomeFields(s);
  const required = requiredIncomeFields(s);
  const out: Record<string, unknown> = {};
  const ded: Record<string, string> = {};
  if (s.incomeNotGiven) return { deductions: {} } as unknown as Person;
  for (const f of [...INCOME_FIELDS, "forest_income_yearly" as const]) {
    if (!visible.has(f)) continue;
    const place: Place = { scope: "person", who, field: f };
    const v = readMoney(p[f], place, problems);
    if (v !== null) out[f] = v;
    else if (p[f].trim() === "" && required.has(f)) missing.push({ place, kind: "income" });
  }
  for (const f of DEDUCTION_FIELDS) {
    if (!visible.has(f)) continue;
    const v = readMoney(p[f], { scope: "person", who, field: f }, problems);
    if (v !== null) ded[f] = v;
  }
  out.deductions = ded;
  return out as unknown as Person;
}

/** A line as the scenario's service line; `complete` is false while an amount is still empty. */
export function lineJson(line: LineState, index: number, accepted: string[], problems: InputProblem[]): { json: ServiceLine; complete: boolean } {
  const out: Record<string, unknown> = { service: line.service, production: line.production };
  let complete = true;
  for (const f of activeFields(line, accepted)) {
    const raw = line.values[f] ?? "";
    const place: Place = { scope: "line", lineId: line.id, index, service: line.service, field: f };
    if ((BOOL_FIELDS as readonly string[]).includes(f)) {
      if (raw === "true") out[f] = true;
      continue;
    }
    if ((SELECT_FIELDS as readonly string[]).includes(f)) {
      if (raw !== "") out[f] = raw;
      else if (!OPTIONAL_FIELDS.includes(f)) complete = false;
      continue;
    }
    const range = quantityRange(line.service, f);
    const v = range ? readQuantity(raw, place, range, problems) : readMoney(raw, place, problems);
    if (v !== null) out[f] = v;
    else if (raw.trim() === "") complete = false;
  }
  return { json: out as unknown as ServiceLine, complete };
}

/** The scenario of one alternative and what keeps it from being computed. */
export function prepare(s: UiState, alt: AlternativeState, fieldsOf: (code: string) => string[]): Prepared {
  const problems: InputProblem[] = [];
  const missing: Missing[] = [];
  const date = parseDateInput(s.date);
  if (!date) problems.push({ place: { scope: "household", field: "date" }, kind: "date" });
  const persons = personsOf(s);
  if (persons === undefined) {
    const n = Number(s.persons.trim().replace(",", "."));
    problems.push({ place: { scope: "household", field: "persons" }, kind: Number.isFinite(n) && n >= 1 && n <= 30 ? "integer" : "range", range: PERSONS });
  }
  if (spouseAsked(s) && s.hasSpouse === null) missing.push({ place: { scope: "household", field: "has_spouse" }, kind: "answer" });
  const spouse = withSpouse(s);
  const client = personJson(s, "client", problems, missing);
  const spouseJson = spouse ? personJson(s, "spouse", problems, missing) : null;
  const sent: LineState[] = [];
  const incomplete: LineState[] = [];
  const services: ServiceLine[] = [];
  alt.lines.forEach((l, i) => {
    const { json, complete } = lineJson(l, i, fieldsOf(l.service), problems);
    if (complete) {
      sent.push(l);
      services.push(json);
    } else incomplete.push(l);
  });
  const scenario = {
    date: date ?? todayIso(),
    household: {
      persons: persons ?? 1,
      client,
      spouse: spouseJson,
      ...(spouse && s.spouseInLongTermCare ? { spouse_in_long_term_care: true } : {}),
      ...(s.incomeNotGiven ? { income_not_given: true } : {}),
      ...(s.guaranteePension ? { guarantee_pension: true } : {}),
    },
    services,
  } as Scenario;
  return { scenario, problems, missing, sent, incomplete };
}
