// The one state object of the UI: the household and the alternative packages being compared.
// It holds what the counsellor typed (as text); the scenario JSON is derived from it.
import type { Scenario, ServiceLine, Production, Person } from "./types";
import { dateInputText, parseDateInput, parseDecimal, todayIso } from "./format";

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

export type View = "estimate" | "compare" | "summary";

export interface UiState {
  /** The date as typed (`d.m.yyyy`). */
  date: string;
  persons: string;
  hasSpouse: boolean;
  /** Puoliso myös pitkäaikaisessa ympärivuorokautisessa hoidossa (7 c §). */
  spouseInLongTermCare: boolean;
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
    hasSpouse: false,
    spouseInLongTermCare: false,
    client: emptyPerson(),
    spouse: emptyPerson(),
    alternatives: [{ id: newId(), name: "", lines: [] }],
    active: 0,
    view: "estimate",
    presentation: false,
  };
}

export const MONEY_FIELDS: (keyof PersonInputs)[] = ["gross_income", "net_income", "forest_income_yearly"];
export const DEDUCTION_FIELDS = ["maintenance", "guardianship", "foreclosure", "compensation", "medicines", "housing"] as const;
/** Fields of a line that are chosen from a list rather than typed. */
export const SELECT_FIELDS = ["level", "legal_basis", "care_class", "staff"] as const;

/** Palvelut, joiden maksu lasketaan nettotuloista (7 c §). */
export const LONG_TERM = ["round_the_clock_housing", "institutional_care"];

/**
 * Which income fields the chosen services need (over all alternatives, which share the
 * household): gross income for the income-related home-care fees, net income and the medicine
 * and housing deductions for long-term care. Hidden fields are not sent.
 */
export function visibleIncomeFields(s: UiState): Set<string> {
  const codes = s.alternatives.flatMap((a) => a.lines.map((l) => l.service));
  const longTerm = codes.some((c) => LONG_TERM.includes(c));
  const other = codes.length === 0 || codes.some((c) => !LONG_TERM.includes(c));
  const v = new Set<string>(["forest_income_yearly", "maintenance", "guardianship", "foreclosure", "compensation"]);
  if (other) v.add("gross_income");
  if (longTerm) ["net_income", "medicines", "housing"].forEach((f) => v.add(f));
  return v;
}

/** A problem in what was typed, before anything is sent to the engine. */
export interface InputProblem {
  /** DOM id of the input. */
  inputId: string;
}

function personJson(p: PersonInputs, prefix: string, problems: InputProblem[], visible: Set<string>): Person {
  const out: Record<string, unknown> = {};
  const ded: Record<string, string> = {};
  for (const f of MONEY_FIELDS) {
    if (!visible.has(f)) continue;
    const v = parseDecimal(p[f]);
    if (v === undefined) problems.push({ inputId: `${prefix}-${f}` });
    else if (v !== null) out[f] = v;
  }
  for (const f of DEDUCTION_FIELDS) {
    if (!visible.has(f)) continue;
    const v = parseDecimal(p[f]);
    if (v === undefined) problems.push({ inputId: `${prefix}-${f}` });
    else if (v !== null) ded[f] = v;
  }
  out.deductions = ded;
  // Absent money fields are zero in the engine contract (scenario.rs).
  return out as unknown as Person;
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

export function lineJson(line: LineState, accepted: string[], problems: InputProblem[]): ServiceLine {
  const out: Record<string, unknown> = { service: line.service, production: line.production };
  for (const f of activeFields(line, accepted)) {
    const raw = line.values[f] ?? "";
    if ((SELECT_FIELDS as readonly string[]).includes(f)) {
      if (raw !== "") out[f] = raw;
      continue;
    }
    const v = parseDecimal(raw);
    if (v === undefined) problems.push({ inputId: `line-${line.id}-${f}` });
    else if (v !== null) out[f] = v;
  }
  return out as unknown as ServiceLine;
}

/** The scenario of one alternative; `problems` collects inputs that are not numbers. */
export function scenarioOf(s: UiState, alt: AlternativeState, fieldsOf: (code: string) => string[]): { scenario: Scenario; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const visible = visibleIncomeFields(s);
  const date = parseDateInput(s.date);
  if (!date) problems.push({ inputId: "date" });
  const persons = /^\d{1,2}$/.test(s.persons.trim()) ? Number(s.persons.trim()) : NaN;
  if (!Number.isInteger(persons) || persons < 1 || persons > 30) problems.push({ inputId: "persons" });
  const scenario = {
    date: date ?? todayIso(),
    household: {
      persons: Number.isInteger(persons) ? persons : 1,
      client: personJson(s.client, "client", problems, visible),
      spouse: s.hasSpouse ? personJson(s.spouse, "spouse", problems, visible) : null,
      ...(s.hasSpouse && s.spouseInLongTermCare ? { spouse_in_long_term_care: true } : {}),
    },
    services: alt.lines.map((l) => lineJson(l, fieldsOf(l.service), problems)),
  } as Scenario;
  return { scenario, problems };
}
