// Alternatives side by side, differences to the first marked with text and ▲/▼ as well as colour.
import { html, type Html } from "../html";
import { t, type MessageKey } from "../i18n";
import { money, signedMoney } from "../format";
import { ctx, serviceName } from "../context";
import { errorSummary } from "./errors";

export function compareView(): Html {
  const s = ctx.state;
  const head = html`<h2 id="compare-h">${t("compare.title")}</h2>`;
  if (s.alternatives.length < 2) {
    return html`<section class="card" aria-labelledby="compare-h">${head}<p>${t("compare.needTwo")}</p>
      <button type="button" id="dup-alt" class="primary">${t("package.duplicate")}</button></section>`;
  }
  const c = ctx.comparison;
  if (!c) {
    const problems = s.alternatives.flatMap((a) => ctx.results.get(a.id)?.prepared.problems ?? []);
    return html`<section class="card" aria-labelledby="compare-h">${head}${problems.length ? errorSummary(problems) : html`<p>${ctx.pending ? t("result.pending") : t("compare.notReady")}</p>`}</section>`;
  }
  if (c.err) return html`<section class="card" aria-labelledby="compare-h">${head}<div class="error" role="alert">${t("error.general")}</div></section>`;
  const cols = c.data?.columns ?? [];
  const first = cols[0]?.name ?? "";
  type Key = "client_fees_monthly" | "client_fees_yearly" | "organiser_cost_monthly" | "organiser_net_monthly";
  const rows: [Key, MessageKey, boolean][] = [
    ["client_fees_monthly", "result.clientMonthly", false],
    ["client_fees_yearly", "result.clientYearly", false],
    ["organiser_cost_monthly", "result.hvaGross", true],
    ["organiser_net_monthly", "result.hvaNet", true],
  ];
  const svc = cols.map((col) => html`<td><ul class="plain">${col.estimate.lines.map((l) => html`<li>${serviceName(l.service)} <span class="sub">${t(`production.${l.production}` as MessageKey)}</span></li>`)}</ul></td>`);
  const body = rows.map(([k, label, hva]) => {
    const cells = cols.map((col, i) => {
      const value = money(col.estimate.total[k]);
      const diff = (col.difference as Record<string, string>)[k] ?? "0";
      const changed = i > 0 && Number(diff) !== 0;
      const diffText = i === 0 ? "" : changed
        ? t(Number(diff) > 0 ? "compare.more" : "compare.less", { value: money(diff.replace("-", "")) })
        : t("compare.same");
      return html`<td class="${changed ? "changed" : ""}" data-testid="cmp-${k}-${i}"><strong>${value}</strong>${i > 0 ? html`<span class="diff" title="${t("compare.difference", { name: first })}">${changed ? `${Number(diff) > 0 ? "▲" : "▼"} ` : ""}${diffText} <span class="sr-only">(${signedMoney(diff)})</span></span>` : ""}</td>`;
    });
    return html`<tr class="${hva ? "hva" : ""}"><th scope="row">${t(label)}</th>${cells}</tr>`;
  });
  return html`<section class="card compare" aria-labelledby="compare-h">${head}
    <div class="table-scroll" tabindex="0" role="region" aria-label="${t("compare.tableLabel")}"><table class="compare-table" data-testid="compare-table"><thead><tr><th scope="col">${t("compare.figure")}</th>${cols.map((col) => html`<th scope="col">${col.name}</th>`)}</tr></thead>
    <tbody><tr><th scope="row">${t("compare.services")}</th>${svc}</tr>${body}</tbody></table></div></section>`;
}
