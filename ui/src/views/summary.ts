// The client's summary (print / PDF): the services and what they cost the client, in plain
// words, with its basis — the household, the incomes and deductions the estimate used, the
// tariff and the date — and a caveat when any tariff value used is not yet verified.
import { html, type Html } from "../html";
import { t, tDyn, type MessageKey } from "../i18n";
import { date as fmtDate, money } from "../format";
import { parseDateInput } from "../parse";
import { ctx, activeAlt, activeResult, altName, fieldsOf, serviceName, organisationName } from "../context";
import { activeFields, BOOL_FIELDS, DEDUCTION_FIELDS, INCOME_FIELDS, withSpouse, type LineState } from "../state";
import { paramList, unverifiedParams } from "./results";
import type { Person } from "../types";

/** The visible text of a chosen option (level, staff…), or the typed number. */
function selectText(field: string, value: string): string {
  return tDyn(`${field}.${value}`, value);
}

export function lineQuantityText(line: LineState): string {
  return activeFields(line, fieldsOf(line.service))
    .filter((f) => !f.startsWith("provider_price_") && (line.values[f] ?? "") !== "")
    .map((f) => (BOOL_FIELDS as readonly string[]).includes(f) ? tDyn(`field.${f}`, f).toLowerCase() : `${tDyn(`field.${f}`, f).toLowerCase()} ${selectText(f, line.values[f] ?? "")}`)
    .join(", ");
}

/** The incomes and deductions of one person as sent to the engine. */
function personBasis(p: Person | null | undefined, who: "client" | "spouse"): Html[] {
  if (!p) return [];
  const rows: Html[] = [];
  const whom = t(who === "client" ? "summary.client" : "summary.spouse");
  const rec = p as unknown as Record<string, string | undefined>;
  for (const f of [...INCOME_FIELDS, "forest_income_yearly"]) {
    const v = rec[f];
    if (v) rows.push(html`<li>${whom}: ${t(`summary.${f}` as MessageKey)} ${money(v)}${f === "forest_income_yearly" ? ` ${t("summary.perYear")}` : ` ${t("summary.perMonth")}`}</li>`);
  }
  const ded = (p.deductions ?? {}) as Record<string, string | undefined>;
  for (const f of DEDUCTION_FIELDS) {
    const v = ded[f];
    if (v) rows.push(html`<li>${whom}: ${t(`deductions.${f}`)} ${money(v)} ${t("summary.perMonth")}</li>`);
  }
  return rows;
}

function basis(): Html {
  const s = ctx.state;
  const r = activeResult();
  const hh = r?.prepared.scenario.household;
  const rows: Html[] = [];
  rows.push(html`<li>${t("summary.persons", { n: hh?.persons ?? 1 })}</li>`);
  if ((hh?.persons ?? 1) >= 2) rows.push(html`<li>${t(withSpouse(s) ? "summary.withSpouse" : "summary.withoutSpouse")}</li>`);
  if (s.guaranteePension) rows.push(html`<li data-testid="summary-guarantee-pension">${t("summary.guaranteePension")}</li>`);
  if (s.incomeNotGiven) rows.push(html`<li data-testid="summary-highest-fee">${t("summary.highestFee")}</li>`);
  else {
    const incomes = [...personBasis(hh?.client, "client"), ...personBasis(hh?.spouse, "spouse")];
    rows.push(...(incomes.length ? incomes : [html`<li>${t("summary.noIncomes")}</li>`]));
  }
  return html`<h3>${t("summary.basis")}</h3><ul data-testid="summary-basis">${rows}</ul>`;
}

export function summaryView(): Html {
  const s = ctx.state;
  const alt = activeAlt();
  const r = activeResult();
  const est = r?.est;
  const a = ctx.tariff?.active;
  const lines = alt.lines.map((l) => {
    const i = r?.prepared.sent.indexOf(l) ?? -1;
    const rl = i >= 0 ? est?.lines[i] : undefined;
    const q = lineQuantityText(l);
    return html`<li><strong>${serviceName(l.service)}</strong>, ${t(`production.${l.production}` as MessageKey).toLowerCase()}${q ? `, ${q}` : ""}${rl ? ` – ${t("summary.lineFee", { fee: money(rl.client_fee_monthly) })}` : ` – ${t("summary.lineNotEstimated")}`}</li>`;
  });
  const unverified = est?.warnings.find((w) => w.code === "unverified_parameters");
  // The client's summary names the unconfirmed values that bear on the client's fee, by title.
  const params = unverified ? unverifiedParams(unverified).filter((p) => p.clientFee !== false) : [];
  const placeholders = params.filter((p) => p.placeholder);
  const placeholder = placeholders.length > 0;
  return html`<article class="summary card" aria-labelledby="summary-h" data-testid="summary">
    <h2 id="summary-h">${t("summary.title")}</h2>
    ${s.alternatives.length > 1 ? html`<p>${t("summary.alternative", { name: altName(alt, s.active) })}</p>` : ""}
    <p>${t("summary.intro")}</p>
    <h3>${t("summary.services")}</h3>
    <ul>${lines}</ul>
    ${est ? html`<div class="summary-pay"><p>${t("summary.youPay")}</p>
      <p class="big"><strong data-testid="summary-monthly">${money(est.total.client_fees_monthly)}</strong> ${t("summary.perMonth")}</p>
      <p><strong>${money(est.total.client_fees_yearly)}</strong> ${t("summary.perYear")}</p>
      ${s.incomeNotGiven ? html`<p>${t("result.highestFee")}</p>` : ""}</div>` : html`<p>${t("summary.notReady")}</p>`}
    ${basis()}
    ${a ? html`<p>${t("summary.tariff", { name: organisationName(a), version: a.version, date: fmtDate(est?.tariff.valid_from ?? "") })}</p>` : ""}
    <p>${t("summary.date", { date: fmtDate(parseDateInput(s.date) ?? "") })}</p>
    ${params.length ? html`<p class="caveat" data-testid="summary-caveat">${t(placeholder ? "summary.caveatPlaceholder" : "summary.caveat")} ${params.some((p) => p.title) ? html`<span data-testid="summary-caveat-list">${t("summary.caveatList", { list: paramList(params) })}${placeholder ? ` ${t("summary.placeholderList", { list: paramList(placeholders) })}` : ""}</span>` : ""}</p>` : ""}
    <p class="decision"><strong>${t("summary.decision")}</strong></p>
    <p>${t("summary.contact")}</p>
    <div class="no-print actions"><button type="button" id="print" class="primary">${t("summary.print")}</button>
      <button type="button" data-nav="estimate">${t("summary.back")}</button></div>
  </article>`;
}
