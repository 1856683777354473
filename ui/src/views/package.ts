// The package builder: the alternatives as tabs, the lines with their production method and
// amounts, and under each line what the engine says about its home-care band.
import { html, type Html } from "../html";
import { lang, t, type MessageKey } from "../i18n";
import { money, num } from "../format";
import { ctx, activeAlt, activeResult, altName, serviceName, serviceOf } from "../context";
import { activeFields, type LineState } from "../state";
import { quantityRange } from "../fields";
import type { LineBrief, ServiceOption } from "../types";
import { checkbox, selectField, textField } from "./common";

const structural = html`data-structural="1"`;

function lineFieldsHtml(line: LineState, opt: ServiceOption | undefined): Html[] {
  const accepted = opt?.fields ?? [];
  const parts: Html[] = [];
  if (line.service === "home_care" || line.service === "communal_housing") {
    parts.push(selectField(`line-${line.id}-freq`, t("freq.mode"), [
      ["hours", t("freq.hours")], ["visits_week", t("freq.visitsWeek")], ["visits_day", t("freq.visitsDay")],
    ], line.freqMode, structural));
  }
  const choose = t("option.choose");
  for (const f of activeFields(line, accepted)) {
    const id = `line-${line.id}-${f}`;
    const v = line.values[f] ?? "";
    if (f === "level") parts.push(selectField(id, t("field.level"), [["", choose], ["full", t("level.full")], ["partial", t("level.partial")]], v));
    else if (f === "legal_basis") parts.push(selectField(id, t("field.legal_basis"), [["", choose], ["social_welfare", t("legal_basis.social_welfare")], ["health_care", t("legal_basis.health_care")]], v));
    else if (f === "staff") parts.push(selectField(id, t("field.staff"), [["", choose], ["nurse", t("staff.nurse")], ["doctor", t("staff.doctor")]], v));
    else if (f === "specialist_nurse_visit") parts.push(checkbox(id, t("field.specialist_nurse_visit"), v === "true", t("field.specialist_nurse_visitHelp")));
    else if (f === "care_class") parts.push(selectField(id, t("field.care_class"), [["", choose], ...(opt?.care_classes ?? []).map((c, i): [string, string] => [c, opt?.care_class_names?.[i]?.[lang()] ?? c])], v));
    else {
      const r = quantityRange(line.service, f);
      parts.push(textField({ id, label: t(`field.${f}` as MessageKey), value: v, ...(r ? { help: t("field.rangeHelp", { min: num(String(r.min)), max: num(String(r.max)) }) } : {}) }));
    }
  }
  return parts;
}

/**
 * The home-care band under a line, from the engine (`line.band`): shown only where the band
 * sets the client's fee (own production, purchased service), not for a voucher line whose fee
 * is the copay.
 */
export function bandHtml(line: LineBrief | undefined): Html | "" {
  const b = line?.band;
  if (!b || line?.production === "voucher") return "";
  const rows = [
    t("band.hours", { exact: num(b.hours_exact), rounded: num(b.hours_rounded) }),
    t("band.percent", { percent: num(b.percent) }),
  ];
  if (b.next_band_min_hours !== null && b.next_band_min_hours !== undefined) {
    // The distance is shown from the engine's band limits; it is hours, not money.
    const diff = Number(b.next_band_min_hours) - Number(b.hours_rounded);
    rows.push(t("band.next", { next: num(b.next_band_min_hours), diff: num(diff) }));
  } else rows.push(t("band.top"));
  if (b.capped && b.cost_cap) rows.push(t("band.cap", { cap: money(b.cost_cap) }));
  else if (b.cost_cap) rows.push(t("band.capLimit", { cap: money(b.cost_cap) }));
  return html`<ul class="band" data-testid="band-info">${rows.map((r) => html`<li>${r}</li>`)}</ul>`;
}

/** The engine's answer under one line of the builder. */
export function lineResultHtml(line: LineState): Html {
  const r = activeResult();
  const i = r?.prepared.sent.indexOf(line) ?? -1;
  const rl = i >= 0 ? r?.est?.lines[i] : undefined;
  return html`${bandHtml(rl)}${rl ? html`<p class="line-fee">${t("result.clientMonthly")}: <strong data-testid="line-fee-${i}">${money(rl.client_fee_monthly)}</strong></p>` : ""}`;
}

function lineView(line: LineState, idx: number): Html {
  const opt = serviceOf(line.service);
  const name = serviceName(line.service);
  const prods = opt?.productions ?? [line.production];
  return html`<li class="line card-inner" data-line="${line.id}">
    <div class="line-head">
      <h3 id="line-${line.id}-h">${t("package.line", { n: idx + 1, name })}</h3>
      <button type="button" class="icon danger" data-remove-line="${line.id}" aria-label="${t("package.remove", { name })}">✕</button>
    </div>
    <div class="grid3">
      ${selectField(`line-${line.id}-production`, t("package.production"), prods.map((p): [string, string] => [p, t(`production.${p}` as MessageKey)]), line.production, structural)}
      ${lineFieldsHtml(line, opt)}
    </div>
    <div class="line-result" id="line-${line.id}-result">${lineResultHtml(line)}</div>
  </li>`;
}

export function packageView(): Html {
  const s = ctx.state;
  const alt = activeAlt();
  const cats = [...new Set(ctx.services.map((x) => x.category))];
  if (!ctx.addCategory || !cats.includes(ctx.addCategory as ServiceOption["category"])) ctx.addCategory = cats[0] ?? "";
  const inCat = ctx.services.filter((x) => x.category === ctx.addCategory);
  const tabs = s.alternatives.map((a, i) =>
    html`<button type="button" role="tab" id="alt-tab-${i}" aria-selected="${i === s.active ? "true" : "false"}" aria-controls="package-panel" data-alt="${i}" tabindex="${i === s.active ? 0 : -1}">${altName(a, i)}</button>`);
  return html`<section class="card package" aria-labelledby="package-h">
    <h2 id="package-h">${t("package.title")}</h2>
    <div class="alt-bar">
      <div role="tablist" aria-label="${t("package.alternatives")}" class="tabs">${tabs}</div>
      <button type="button" id="dup-alt" ${s.alternatives.length >= 3 ? html`disabled` : ""}>${t("package.duplicate")}</button>
      ${s.alternatives.length > 1 ? html`<button type="button" id="remove-alt" class="secondary">${t("package.removeAlternative")}</button>` : ""}
    </div>
    ${s.alternatives.length >= 3 ? html`<p class="help">${t("package.maxAlternatives")}</p>` : ""}
    <div id="package-panel" role="tabpanel" aria-labelledby="alt-tab-${s.active}">
      ${textField({ id: "alt-name", label: t("package.alternativeName"), value: alt.name, placeholder: altName(alt, s.active), inputmode: "text" })}
      ${alt.lines.length === 0 ? html`<p class="empty">${t("package.empty")}</p>` : html`<ol class="lines">${alt.lines.map((l, i) => lineView(l, i))}</ol>`}
      <div class="add-row">
        ${selectField("add-category", t("package.category"), cats.map((c): [string, string] => [c, t(`category.${c}` as MessageKey)]), ctx.addCategory, structural)}
        ${selectField("add-service", t("package.service"), inCat.map((x): [string, string] => [x.code, serviceName(x.code)]), inCat[0]?.code ?? "")}
        <button type="button" id="add-line" class="primary">${t("package.add")}</button>
      </div>
    </div>
  </section>`;
}
