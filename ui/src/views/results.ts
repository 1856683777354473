// The results of the active alternative: totals, the table of lines (every figure opens its
// explanation), warnings, and — instead of figures — what must be fixed or is still missing.
import { html, type Html } from "../html";
import { t, tDyn, lang, type MessageKey } from "../i18n";
import { money } from "../format";
import { ctx, activeAlt, activeResult, altName, serviceName, type Result } from "../context";
import type { Brief, Estimate, Warning } from "../types";
import { errorSummary, missingSummary } from "./errors";
import { figButton, lineSteps, resetFigures } from "./explanation";

/** A parameter named in the `unverified_parameters` warning: its title when the engine gives one. */
export interface ParamRef {
  key: string;
  title?: string;
  placeholder?: boolean;
  /** Whether the value bears on the client's fee (`client_fee`); unknown = yes. */
  clientFee?: boolean;
}

/**
 * The parameters of an `unverified_parameters` warning. Reads the key from each `parameter`
 * value, and a title and placeholder flag when the engine adds them (as fields of the value, of
 * the named value, or as `title` / `placeholder` values following it).
 */
export function unverifiedParams(w: Warning): ParamRef[] {
  const out: ParamRef[] = [];
  for (const nv of w.values as unknown as Record<string, unknown>[]) {
    const name = nv.name;
    const v = nv.value as unknown;
    const last = out[out.length - 1];
    if (name === "parameter") {
      const obj = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
      const key = typeof v === "string" ? v : String(obj.name ?? obj.key ?? obj.parameter ?? "");
      const title = obj.title ?? nv.title;
      const placeholder = obj.placeholder ?? nv.placeholder;
      out.push({ key, ...(typeof title === "string" && title ? { title } : {}), ...(placeholder === true || placeholder === "true" ? { placeholder: true } : {}) });
    } else if (name === "title" && last && typeof v === "string" && v) last.title = v;
    else if (name === "placeholder" && last) last.placeholder = v === true || v === "true";
    else if (name === "client_fee" && last) last.clientFee = !(v === false || v === "false");
  }
  return out;
}

export function paramList(ps: ParamRef[]): string {
  return ps.map((p) => p.title ?? p.key).join("; ");
}

/** Named values of warnings that are euros (the others are counts or words). */
const MONEY_VALUES = ["remaining", "threshold"];

/** A warning in the UI language; the unverified values are named by their titles. */
export function warningText(w: Warning): string {
  if (w.code === "unverified_parameters") {
    const ps = unverifiedParams(w);
    const placeholders = ps.filter((p) => p.placeholder);
    const text = t("warning.unverifiedList", { list: paramList(ps) });
    return placeholders.length ? `${text} ${t("warning.placeholderList", { list: paramList(placeholders) })}` : text;
  }
  if (lang() === "fi") return w.message;
  const params: Record<string, string> = {};
  for (const v of w.values) params[v.name] = MONEY_VALUES.includes(v.name) ? money(v.value) : v.value;
  const text = tDyn(`warning.${w.code}`, w.message, params);
  return /\{\w+\}/.test(text) ? tDyn(`warning.${w.code}`, w.message).replace(/\{\w+\}/g, "–") : text;
}

/** Warnings the client may see in presentation mode (about their own fees only). */
const CLIENT_WARNINGS = ["payment_ceiling_reached"];

function warningsHtml(ws: Warning[]): Html | "" {
  if (ws.length === 0) return "";
  return html`<div class="warnings" role="note"><h3>${t("warnings.title")}</h3><ul>${ws.map((w) => html`<li data-code="${w.code}">${warningText(w)}</li>`)}</ul></div>`;
}

/** A short visible column heading with the full name for screen readers; the unit never breaks. */
function colHead(short: MessageKey, unit: string, full: MessageKey, cls = ""): Html {
  return html`<th scope="col" class="${cls}"><span aria-hidden="true">${t(short)} <span class="unit">${unit}</span></span><span class="sr-only">${t(full)}</span></th>`;
}

/**
 * The results table. Each figure's explanation is picked from the full estimate when it is
 * opened (the brief on screen has no steps): the line by its index, the same as on screen.
 */
function resultTable(est: Brief, presentation: boolean): Html {
  const alt = activeAlt();
  const steps = (i: number) => (full: Estimate) => lineSteps(full.lines[i]!);
  const rows = est.lines.map((l, i) => {
    const name = serviceName(l.service);
    const st = steps(i);
    const extra = presentation ? [] : [
      l.voucher_value_monthly ? html`<span class="sub">${t("result.voucherValue", { value: money(l.voucher_value_monthly) })}</span>` : "",
      l.own_production_fee_monthly ? html`<span class="sub">${t("result.ownFeeLabel")} ${figButton(money(l.own_production_fee_monthly), `${name}, ${t("result.ownFeeTitle")}`, (f) => st(f).own, `own-fee-${i}`, false, "small")}</span>` : "",
    ];
    return html`<tr>
      <th scope="row">${name}<span class="sub">${t(`production.${l.production}` as MessageKey)}</span>${extra}</th>
      <td>${figButton(money(l.client_fee_monthly), `${name}, ${t("result.clientMonthly")}`, (f) => st(f).fee, `fee-monthly-${i}`, presentation)}</td>
      <td>${figButton(money(l.client_fee_yearly), `${name}, ${t("result.clientYearly")}`, (f) => [...st(f).fee, ...f.total.explanation], `fee-yearly-${i}`, presentation)}</td>
      ${presentation ? "" : html`<td class="hva">${figButton(money(l.organiser_cost_monthly), `${name}, ${t("result.hvaGross")}`, (f) => st(f).cost, `cost-${i}`)}</td>
      <td class="hva">${figButton(money(l.organiser_net_monthly), `${name}, ${t("result.hvaNet")}`, (f) => st(f).net, `net-${i}`)}</td>`}
    </tr>`;
  });
  const tot = est.total;
  const all = (f: Estimate) => f.lines.flatMap((l) => lineSteps(l).fee);
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t("result.tableLabel")}"><table class="result-table">
    <caption class="sr-only">${t("result.title")}: ${altName(alt, ctx.state.active)}</caption>
    <thead><tr><th scope="col">${t("result.service")}</th>${colHead("result.colClient", t("result.unitMonth"), "result.clientMonthly")}${colHead("result.colClient", t("result.unitYear"), "result.clientYearly")}
      ${presentation ? "" : html`${colHead("result.colHva", t("result.unitMonth"), "result.hvaGross", "hva")}${colHead("result.colNet", t("result.unitMonth"), "result.hvaNet", "hva")}`}</tr></thead>
    <tbody>${rows}</tbody>
    <tfoot><tr><th scope="row">${t("result.total")}</th>
      <td>${figButton(money(tot.client_fees_monthly), `${t("result.total")}, ${t("result.clientMonthly")}`, all, "total-monthly-fig", presentation)}</td>
      <td>${figButton(money(tot.client_fees_yearly), `${t("result.total")}, ${t("result.clientYearly")}`, (f) => [...all(f), ...f.total.explanation], "total-yearly-fig", presentation)}</td>
      ${presentation ? "" : html`<td class="hva">${figButton(money(tot.organiser_cost_monthly), `${t("result.total")}, ${t("result.hvaGross")}`, (f) => f.lines.flatMap((l) => lineSteps(l).cost), "total-cost-fig")}</td>
      <td class="hva">${figButton(money(tot.organiser_net_monthly), `${t("result.total")}, ${t("result.hvaNet")}`, (f) => f.lines.flatMap((l) => l.explanation), "total-net-fig")}</td>`}</tr></tfoot>
  </table></div>`;
}

function totalsCards(est: Brief, presentation: boolean): Html {
  const tot = est.total;
  return html`<div class="totals">
    <div class="total client"><span>${t("result.totalClient")}</span><strong data-testid="total-client-monthly">${money(tot.client_fees_monthly)}</strong></div>
    <div class="total client"><span>${t("result.totalClientYearly")}</span><strong data-testid="total-client-yearly">${money(tot.client_fees_yearly)}</strong></div>
    ${presentation ? "" : html`
    <div class="total hva"><span>${t("result.totalHva")}</span><strong data-testid="total-hva-monthly">${money(tot.organiser_cost_monthly)}</strong></div>
    <div class="total hva"><span>${t("result.totalHvaNet")}</span><strong data-testid="total-hva-net">${money(tot.organiser_net_monthly)}</strong></div>`}
  </div>`;
}

/** The lines not yet sent because an amount is still empty: a neutral note, not an error. */
function incompleteNote(r: Result): Html | "" {
  const alt = activeAlt();
  if (r.prepared.incomplete.length === 0) return "";
  return html`<ul class="notes" data-testid="incomplete-lines">${r.prepared.incomplete.map((l) => {
    const n = alt.lines.indexOf(l) + 1;
    return html`<li>${t("result.incompleteLine", { n, name: serviceName(l.service) })}</li>`;
  })}</ul>`;
}

/** What the result area shows instead of figures, if anything. */
function blocked(r: Result | undefined): Html | undefined {
  if (!ctx.tariff?.active) return html`<p class="error-text">${t("header.noTariff")}</p>`;
  const alt = activeAlt();
  if (alt.lines.length === 0) return html`<p class="empty">${t("result.empty")}</p>`;
  if (!r) return html`<p>${t("result.pending")}</p>`;
  if (r.prepared.problems.length > 0) return errorSummary(r.prepared.problems);
  const offerHighest = r.prepared.missing.some((m) => m.kind === "income")
    ? html`<p class="missing-action"><button type="button" class="secondary" id="use-highest-fee">${t("missing.useHighestFee")}</button></p>` : "";
  if (r.prepared.missing.length > 0) return missingSummary(r.prepared.missing, offerHighest);
  if (r.prepared.sent.length === 0) return html`<p class="empty" data-testid="waiting">${t("result.waiting")}</p>${incompleteNote(r)}`;
  // An engine error that names no field (e.g. a broken tariff): a general message, no code.
  if (r.err) return html`<div class="error" role="alert" data-testid="engine-error"><strong>${t("error.title")}</strong><p>${t("error.general")}</p></div>`;
  return undefined;
}

/** The short text of the totals for the live region (item 9: only this is announced). */
export function totalsLiveText(): string {
  const r = activeResult();
  if (!r) return "";
  if (r.prepared.problems.length) return t("live.fix", { n: r.prepared.problems.length });
  if (r.prepared.missing.length) return t("live.missing", { n: r.prepared.missing.length });
  if (r.est) return t("live.total", { monthly: money(r.est.total.client_fees_monthly), yearly: money(r.est.total.client_fees_yearly) });
  return "";
}

export function resultsInner(presentation = false): Html {
  resetFigures();
  const alt = activeAlt();
  const r = activeResult();
  const busy = ctx.pending ? html` <span class="muted" data-testid="pending">${t("result.pending")}</span>` : "";
  const name = altName(alt, ctx.state.active);
  const title = presentation ? (ctx.state.alternatives.length > 1 ? `${t("presentation.title")}: ${name}` : t("presentation.title")) : `${t("result.title")}: ${name}`;
  const head = html`<h2 id="results-h">${title}${busy}</h2>`;
  const stop = blocked(r);
  if (stop || !r?.est) return html`${head}${stop ?? html`<p>${t("result.pending")}</p>`}`;
  const est = r.est;
  // The client sees warnings about their own fees only.
  const ws = presentation ? est.warnings.filter((w) => CLIENT_WARNINGS.includes(w.code)) : est.warnings;
  const highest = ctx.state.incomeNotGiven ? html`<p class="note highest-fee" data-testid="highest-fee-label">${t("result.highestFee")}</p>` : "";
  const bar = presentation ? "" : html`<p class="total-bar" aria-hidden="true">${t("result.totalClient")}: <strong>${money(est.total.client_fees_monthly)}</strong></p>`;
  return html`${head}${highest}${totalsCards(est, presentation)}${resultTable(est, presentation)}${presentation ? "" : incompleteNote(r)}${warningsHtml(ws)}${bar}`;
}
