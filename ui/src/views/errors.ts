// Naming what is wrong or missing, where it is (WCAG 3.3.1, 3.3.3): the message under the field
// (its `#id-msg` slot, referenced by aria-describedby), `aria-invalid` on the field, and the
// summary with links in the results. Engine errors arrive as field problems (fields.ts); no
// error code or engine message text reaches the screen.
import { html, render, type Html } from "../html";
import { t, tDyn, lang } from "../i18n";
import { date as fmtDate, money, moneyShort, num } from "../format";
import { inputIdOf, type InputProblem, type Missing, type Place } from "../fields";
import { ctx, serviceName } from "../context";

/** The field's name as the counsellor sees it, with where it is: "Asiakas: Bruttotulot". */
export function labelOf(place: Place): string {
  switch (place.scope) {
    case "household":
      return t(place.field === "date" ? "household.date" : place.field === "persons" ? "household.persons" : place.field === "has_spouse" ? "household.spouseQuestion" : "household.incomeNotGiven");
    case "person":
      return `${t(place.who === "client" ? "fieldpath.client" : "fieldpath.spouse")}: ${tDyn(`field.${place.field}`, tDyn(`deductions.${place.field}`, place.field))}`;
    case "line":
      return `${t("fieldpath.line", { n: place.index + 1 })} (${serviceName(place.service)}): ${tDyn(`field.${place.field}`, place.field)}`;
  }
}

/** A reading of an ambiguous number, as the counsellor would see it (`1 650 €`, `1,65`). */
function readingText(v: string, isMoney: boolean): string {
  return isMoney ? moneyShort(v) : num(v, 4);
}

/** The text a chosen reading is typed back as: unambiguous in the UI language. */
export function fillText(v: string): string {
  const [int = "", frac = ""] = v.split(".");
  const f = frac.length === 3 && int.length <= 3 ? `${frac}0` : frac; // 1.650 h → "1,6500", never ambiguous again
  if (lang() === "en") return f ? `${int}.${f}` : int;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return f ? `${grouped},${f}` : grouped;
}

function rangeText(p: InputProblem): { min: string; max: string } {
  const r = p.range ?? { min: 0, max: Infinity };
  const f = (x: number) => (p.money ? moneyShort(String(x)) : num(String(x)));
  return { min: f(r.min), max: Number.isFinite(r.max) ? f(r.max) : "" };
}

export function problemText(p: InputProblem): string {
  const isPersons = p.place.scope === "household" && p.place.field === "persons";
  switch (p.kind) {
    case "number":
      return p.money ? t("problem.numberMoney") : t("problem.numberQuantity", rangeText(p));
    case "ambiguous": {
      const [likely] = p.readings ?? ["", ""];
      return t("problem.ambiguous", { typed: p.typed ?? "", likely: readingText(likely, !!p.money) });
    }
    case "negative":
      return t("problem.negative");
    case "range": {
      if (isPersons) return t("problem.persons");
      const r = rangeText(p);
      return r.max ? t("problem.range", r) : t("problem.negative");
    }
    case "integer":
      return isPersons ? t("problem.persons") : t("problem.integer", rangeText(p));
    case "date":
      return t("problem.date");
    case "not_in_force": {
      const a = ctx.tariff?.active;
      const from = a?.coverage_from, to = a?.coverage_until;
      const d = fmtDate(p.date ?? "");
      return from && to ? t("problem.notInForceRange", { date: d, from: fmtDate(from), to: fmtDate(to) }) : t("problem.notInForce", { date: d });
    }
    case "not_offered":
      return t("problem.notOffered");
    case "engine":
      return p.place.scope === "household" && p.place.field === "income_not_given" ? t("problem.noHighestFee") : t("problem.engine");
  }
}

export function missingText(m: Missing): string {
  return t(m.kind === "income" ? "missing.income" : m.kind === "answer" ? "missing.answer" : "missing.amount");
}

/** The message slot's content: the text, and for an ambiguous number one button per reading. */
function problemSlot(p: InputProblem): Html {
  const id = inputIdOf(p.place);
  const readings = p.kind === "ambiguous" && p.readings
    ? html`<span class="readings">${p.readings.map((r, i) => html`<button type="button" class="${i === 0 ? "primary" : "secondary"} reading" data-fill="${id}" data-value="${fillText(r)}">${t(i === 0 ? "problem.useLikely" : "problem.useOther", { value: readingText(r, !!p.money) })}</button>`)}</span>`
    : "";
  return html`<p class="field-error"><span class="sr-only">${t("problem.prefix")} </span>${problemText(p)}</p>${readings}`;
}

/**
 * After a re-render of the form every slot is empty again: the next call must look.
 */
export function fieldsRendered(): void {
  marked = true;
}

/**
 * Marks every field of the active alternative: `aria-invalid` and the message for problems, a
 * neutral prompt for what is missing; clears the others. Called after each estimate and render.
 */
let marked = true;

export function markFields(problems: InputProblem[], missing: Missing[]): void {
  // nothing to mark and nothing marked before (the usual case while typing): no DOM scan
  if (!marked && problems.length === 0 && missing.length === 0) return;
  marked = problems.length > 0 || missing.length > 0;
  const seen = new Set<string>();
  document.querySelectorAll("[aria-invalid=true]").forEach((el) => el.removeAttribute("aria-invalid"));
  for (const p of problems) {
    const id = inputIdOf(p.place);
    if (seen.has(id)) continue;
    seen.add(id);
    document.getElementById(id)?.setAttribute("aria-invalid", "true");
    const slot = document.getElementById(`${id}-msg`);
    if (slot) {
      const next = problemSlot(p);
      if (slot.innerHTML !== next.text) render(slot, next);
    }
  }
  for (const m of missing) {
    const id = inputIdOf(m.place);
    if (seen.has(id)) continue;
    seen.add(id);
    const slot = document.getElementById(`${id}-msg`);
    const next = html`<p class="field-missing">${missingText(m)}</p>`;
    if (slot && slot.innerHTML !== next.text) render(slot, next);
  }
  document.querySelectorAll<HTMLElement>(".field-msg").forEach((slot) => {
    if (!seen.has(slot.id.replace(/-msg$/, "")) && slot.innerHTML !== "") slot.innerHTML = "";
  });
}

/** The error summary: one link per field to fix (WCAG 3.3.1). */
export function errorSummary(problems: InputProblem[]): Html {
  const unique = problems.filter((p, i) => problems.findIndex((q) => inputIdOf(q.place) === inputIdOf(p.place)) === i);
  return html`<div class="error-summary" data-testid="error-summary" aria-labelledby="error-summary-h" role="group">
    <h3 id="error-summary-h">${t("problem.summaryTitle", { n: unique.length })}</h3>
    <ul>${unique.map((p) => html`<li><a href="#${inputIdOf(p.place)}" data-focus="${inputIdOf(p.place)}">${labelOf(p.place)}: ${problemText(p)}</a></li>`)}</ul></div>`;
}

/** What is still needed before the estimate can be computed: neutral, with links. */
export function missingSummary(missing: Missing[], extra: Html | "" = ""): Html {
  return html`<div class="missing-summary" data-testid="missing-summary" role="group" aria-labelledby="missing-h">
    <h3 id="missing-h">${t("missing.title")}</h3>
    <ul>${missing.map((m) => html`<li><a href="#${inputIdOf(m.place)}" data-focus="${inputIdOf(m.place)}">${labelOf(m.place)}</a> – ${missingText(m)}</li>`)}</ul>${extra}</div>`;
}

/** A money value as written, for the summary's basis (`1 234,56 €`). */
export function moneyOf(v: string): string {
  return money(v);
}
