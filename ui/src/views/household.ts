// The household: the date, the family size, the spouse question (asked, never assumed, with the
// rules that follow stated up front), the incomes the chosen services need, and the explicit
// choice to estimate without incomes at the highest fee.
import { html, type Html } from "../html";
import { t } from "../i18n";
import { ctx, activeAlt } from "../context";
import {
  DEDUCTION_FIELDS, LONG_TERM, requiredIncomeFields, spouseAsked, visibleIncomeFields, withSpouse, type PersonInputs,
} from "../state";
import { checkbox, textField } from "./common";

function personFields(who: "client" | "spouse"): Html {
  const s = ctx.state;
  const p: PersonInputs = s[who];
  const visible = visibleIncomeFields(s);
  const required = requiredIncomeFields(s);
  const money = (f: keyof PersonInputs, label: string, help?: string) =>
    textField({ id: `${who}-${f}`, label, value: p[f], ...(help ? { help } : {}) });
  const netHelp = required.has("net_income") ? t("income.netHelp") : t("income.netHelpReduction");
  return html`<fieldset class="person">
    <legend>${t(who === "client" ? "household.client" : "household.spouse")}</legend>
    <div class="grid2">
      ${visible.has("gross_income") ? money("gross_income", t("income.gross"), t("income.grossHelp")) : ""}
      ${visible.has("net_income") ? money("net_income", required.has("net_income") ? t("income.net") : t("income.netOptional"), netHelp) : ""}
    </div>
    <details class="more">
      <summary>${t("deductions.title")}</summary>
      <p class="help">${t("deductions.help")}</p>
      <div class="grid2">${DEDUCTION_FIELDS.filter((f) => visible.has(f)).map((f) => money(f, t(`deductions.${f}`)))}
        ${money("forest_income_yearly", t("income.forest"), t("income.forestHelp"))}</div>
    </details>
  </fieldset>`;
}

function spouseQuestion(): Html {
  const s = ctx.state;
  const radio = (value: "yes" | "no", label: string) =>
    html`<div class="check"><input type="radio" name="has-spouse" id="has-spouse-${value}" value="${value}"
      ${s.hasSpouse === (value === "yes") ? html`checked` : ""} aria-describedby="has-spouse-yes-msg spouse-rules"><label for="has-spouse-${value}">${label}</label></div>`;
  return html`<fieldset class="question" data-testid="spouse-question">
    <legend>${t("household.spouseQuestion")}</legend>
    <div class="radios">${radio("yes", t("household.spouseYes"))}${radio("no", t("household.spouseNo"))}</div>
    <div class="field-msg" id="has-spouse-yes-msg"></div>
    <div class="rules help" id="spouse-rules"><p>${t("household.spouseRulesYes")}</p><p>${t("household.spouseRulesNo")}</p></div>
  </fieldset>`;
}

export function householdView(): Html {
  const s = ctx.state;
  const longTerm = activeAlt().lines.some((l) => LONG_TERM.includes(l.service));
  const incomes = s.incomeNotGiven
    ? html`<p class="note highest-fee" data-testid="highest-fee-note">${t("household.incomeNotGivenNote")}</p>`
    : html`${personFields("client")}${withSpouse(s) ? personFields("spouse") : ""}`;
  return html`<section class="card household" aria-labelledby="household-h">
    <h2 id="household-h" tabindex="-1">${t("household.title")}</h2>
    <div class="grid2">
      ${textField({ id: "date", label: t("household.date"), value: s.date, help: t("household.dateHelp"), inputmode: "numeric", placeholder: t("household.datePlaceholder") })}
      ${textField({ id: "persons", label: t("household.persons"), value: s.persons, help: t("household.personsHelp"), inputmode: "numeric" })}
    </div>
    ${spouseAsked(s) ? spouseQuestion() : ""}
    ${withSpouse(s) && longTerm ? checkbox("spouse-in-care", t("household.spouseInCare"), s.spouseInLongTermCare, t("household.spouseInCareHelp")) : ""}
    ${incomes}
    ${checkbox("income-not-given", t("household.incomeNotGiven"), s.incomeNotGiven, t("household.incomeNotGivenHelp"))}
    <div class="field-msg" id="income-not-given-msg"></div>
    ${checkbox("guarantee-pension", t("household.guaranteePension"), s.guaranteePension, t("household.guaranteePensionHelp"))}
  </section>`;
}
