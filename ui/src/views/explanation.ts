// Explanations: every figure of the results is a button that opens the steps that make *that*
// figure. A voucher line's fee is its copay ((provider price − voucher value) × hours), not the
// own-production fee beside it. In presentation mode the client variant shows the step titles and
// only the figures the client may see (hours, percentages, the income limit, fees): no incomes,
// no HVA cost, no voucher value, no tariff parameters.
import { html, render, type Html } from "../html";
import { t, tDyn, lang } from "../i18n";
import { date as fmtDate, money, num } from "../format";
import type { Estimate, Line, Step } from "../types";
import { ctx } from "../context";

export interface Figure {
  title: string;
  /** The steps that make the figure, picked from the full estimate (asked when it is opened). */
  steps: (full: Estimate) => Step[];
  /** Presentation mode: the client variant. */
  client: boolean;
  testid: string;
}

let figures: Figure[] = [];

/** Starts a new set of figure buttons (every render of the results). */
export function resetFigures(): void {
  figures = [];
}

export function figureAt(i: number): Figure | undefined {
  return figures[i];
}

/** The figure of the button with this test id in the latest render. */
export function figureByTestid(testid: string): Figure | undefined {
  return testid ? figures.find((f) => f.testid === testid) : undefined;
}

/** A figure as a button that opens its explanation. */
export function figButton(value: string, what: string, steps: (full: Estimate) => Step[], testid: string, client = false, cls = ""): Html {
  figures.push({ title: what, steps, client, testid });
  const idx = figures.length - 1;
  return html`<button type="button" class="fig ${cls}" data-fig="${idx}" data-testid="${testid}" aria-label="${t("result.explain", { what: `${what} ${value}` })}">${value}</button>`;
}

const isOrganiser = (s: Step) => s.key.startsWith("organiser");
const isVoucher = (s: Step) => s.key.startsWith("voucher.");
/** Steps that give the quantity a voucher's copay is multiplied by. */
const isQuantity = (s: Step) => /(^|\.)(hours_given|hours_from_visits)$|^support\.units$/.test(s.key);

/** Which steps explain which figure of a line. */
export function lineSteps(l: Line): { fee: Step[]; own: Step[]; cost: Step[]; net: Step[] } {
  const steps = l.explanation;
  const first = steps.findIndex(isVoucher);
  if (l.production !== "voucher" || first < 0) {
    const fee = steps.filter((s) => !isOrganiser(s));
    const cost = steps.filter(isOrganiser);
    return { fee, own: [], cost: cost.length ? cost : steps, net: steps };
  }
  const before = steps.slice(0, first);
  const fullCover = steps.some((s) => s.key === "voucher.full_cover");
  // Copay: the quantity, the provider's price, the voucher value and the copay step.
  const fee = fullCover
    ? steps.filter((s) => !isOrganiser(s))
    : [...before.filter(isQuantity), ...steps.slice(first).filter((s) => !isOrganiser(s))];
  return { fee, own: before.filter((s) => !isOrganiser(s)), cost: steps.filter((s) => isVoucher(s) || isOrganiser(s)), net: steps };
}

/** Step results the client may see in presentation mode, with their unit. */
const CLIENT_RESULTS: Record<string, "h" | "%" | "€" | "n"> = {
  "home_care.hours_given": "h",
  "home_care.hours_from_visits": "h",
  "home_care.hours_rounded": "h",
  "home_care.percent": "%",
  "home_care.income_limit": "€",
  "home_care.fee": "€",
  "long_term.percent": "%",
  "long_term.fee": "€",
  "support.units": "n",
  "support.fee": "€",
  "support.income_tiered": "€",
  "voucher.monthly_price": "€",
  "voucher.copay": "€",
  "informal_care_support.allowance": "€",
  "payment_ceiling": "€",
};

function clientResult(s: Step): string {
  const unit = CLIENT_RESULTS[s.key] ?? CLIENT_RESULTS[s.key.split(".")[0] ?? ""] ?? (/\.fee$/.test(s.key) ? "€" : undefined);
  if (!unit || s.result === undefined || s.result === null) return "";
  if (unit === "€") return money(s.result);
  if (unit === "%") return `${num(s.result)} %`;
  if (unit === "h") return t("explain.hoursPerMonth", { h: num(s.result) });
  return num(s.result);
}

/** The step's translated title (by its stable key). */
function stepTitleText(key: string): string {
  const parts = key.split(".");
  return tDyn(`step.${key}`, "") || tDyn(`step.${parts[0]}`, "") || tDyn(`step.${parts[parts.length - 1]}`, "") || t("explain.step");
}

/** The language the engine wrote the texts in (the UI's, once the answer to a switch is in). */
function textLang(): string {
  return [...ctx.results.values()].find((r) => r.est)?.est?.lang ?? lang();
}

function counsellorStep(s: Step): Html {
  // sv/en: the step's title, then the engine's sentence in the same language.
  const title = lang() === "fi" ? "" : html`<p class="step-title"><strong>${stepTitleText(s.key)}</strong></p>`;
  return html`<li data-key="${s.key}">${title}<p class="step-text" lang="${textLang()}">${s.text}</p>
    ${s.legal ? html`<p class="legal"><span class="label">${t("explain.legal")}:</span> ${s.legal}</p>` : ""}
    ${s.params.length ? html`<details><summary>${t("explain.params")}</summary><ul class="params">${s.params.map((p) => html`<li><code>${p.name}</code> = ${p.value}; ${t("explain.validFrom", { date: fmtDate(p.valid_from) })}; ${t("explain.source")}: ${p.source}${p.verified ? "" : html` <em>(${t("explain.unverified")})</em>`}</li>`)}</ul></details>` : ""}
  </li>`;
}

function clientStep(s: Step): Html {
  const value = clientResult(s);
  return html`<li data-key="${s.key}"><p class="step-title"><strong>${stepTitleText(s.key)}</strong>${value ? html`: <span class="step-value">${value}</span>` : ""}</p>
    ${s.legal ? html`<p class="legal"><span class="label">${t("explain.legal")}:</span> ${s.legal}</p>` : ""}</li>`;
}

/** `steps` null: the engine did not answer (the general error, never an empty explanation). */
function explanationHtml(fig: Figure, list: Step[] | null): Html {
  const steps = list === null
    ? html`<p class="error-text" role="alert">${t("error.general")}</p>`
    : list.length === 0
    ? html`<p>${t("explain.noSteps")}</p>`
    : html`<ol class="steps">${list.map((s) => (fig.client ? clientStep(s) : counsellorStep(s)))}</ol>`;
  const note = fig.client ? html`<p class="help">${t("explain.clientNote")}</p>` : "";
  return html`<div class="dialog-inner"><h2 id="explain-h" tabindex="-1">${t("explain.title")}</h2><p class="fig-title">${fig.title}</p>${note}${steps}
    <button type="button" id="explain-close" class="primary">${t("explain.close")}</button></div>`;
}

/** Opens the explanation of `fig`; focus goes to its title (a long one starts at the top). */
export function openExplanation(fig: Figure, steps: Step[] | null, opener: HTMLElement): void {
  const dlg = document.getElementById("explain") as HTMLDialogElement | null;
  if (!dlg) return;
  if (dlg.open) dlg.close();
  render(dlg, explanationHtml(fig, steps));
  dlg.setAttribute("aria-labelledby", "explain-h");
  const openerId = opener.dataset.testid ?? "";
  dlg.addEventListener("close", () => {
    // The results may have been re-rendered meanwhile: find the same figure again.
    const target = opener.isConnected ? opener : document.querySelector<HTMLElement>(`[data-testid="${openerId}"]`);
    target?.focus();
    dlg.innerHTML = "";
  }, { once: true });
  dlg.showModal();
  dlg.scrollTop = 0;
  document.getElementById("explain-h")?.focus();
}

export function closeExplanation(): void {
  const dlg = document.getElementById("explain") as HTMLDialogElement | null;
  if (dlg?.open) dlg.close();
  if (dlg) dlg.innerHTML = "";
}
