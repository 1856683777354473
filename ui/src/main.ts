// Kustannusarvio UI. One state object (state.ts); every change asks the engine for the estimate
// (api.ts) and renders what comes back. No amount is computed here, only formatted.
import { api } from "./api";
import type { Estimate, EngineError, ServiceOption, AppTariffs, Step, Line, Comparison, Warning, Settings, UpdateView } from "./types";
import { date as fmtDate, money, num, parseDateInput, signedMoney } from "./format";
import { isLang, lang, setLang, t, tDyn, type Lang, type MessageKey } from "./i18n";
import {
  DEDUCTION_FIELDS, LONG_TERM, initialState, newId, scenarioOf, activeFields, visibleIncomeFields,
  type AlternativeState, type FreqMode, type LineState, type UiState, type InputProblem,
} from "./state";

// ---------------------------------------------------------------- state

let state: UiState = initialState();
let services: ServiceOption[] = [];
let tariff: AppTariffs | null = null;
let settings: Settings = { language: "fi", organisation: null, update_url: null, root_ca_path: null };
let update: UpdateView | null = null;
/** Latest result per alternative id. */
let results = new Map<number, { est?: Estimate; err?: EngineError; problems: InputProblem[] }>();
let comparison: { data?: Comparison; err?: EngineError } | null = null;
let seq = 0;
let recomputeQueued = false;
let addCategory = "";
let pending = false;

const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T | null => root.querySelector<T>(sel);

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function serviceOf(code: string): ServiceOption | undefined {
  return services.find((s) => s.code === code);
}
function serviceName(code: string): string {
  const o = serviceOf(code);
  return tDyn(`service.${code}`, o?.name ?? code);
}
function fieldsOf(code: string): string[] {
  return serviceOf(code)?.fields ?? [];
}
function altName(a: AlternativeState, i: number): string {
  return a.name.trim() || t("package.defaultName", { n: i + 1 });
}
function activeAlt(): AlternativeState {
  return state.alternatives[state.active] ?? state.alternatives[0]!;
}

// ---------------------------------------------------------------- engine calls

/** Show "Lasketaan…" only when an answer takes longer than this (ms). */
const PENDING_AFTER_MS = 150;
let pendingTimer: number | undefined;

function schedule(): void {
  performance.mark("edit"); // BENCHMARKS.md: edit → result-painted latency
  pending = true;
  // Coalesce the changes of one script turn (a microtask, not a timer task: a timer let WebKit
  // paint the input's own echo first, and the totals then waited for the next frame); `seq`
  // drops stale answers, so no debounce is needed.
  if (!recomputeQueued) {
    recomputeQueued = true;
    queueMicrotask(() => {
      recomputeQueued = false;
      void recompute();
    });
  }
  // The "pending" note is rendered only for a slow answer: rendering it at every keystroke cost
  // a render and a frame of its own before the new totals could be painted.
  window.clearTimeout(pendingTimer);
  pendingTimer = window.setTimeout(() => {
    if (pending) renderResultsOnly();
  }, PENDING_AFTER_MS);
}

let firstResultMarked = false;
/**
 * Performance marks read by scripts/bench-app.sh (start-up and typing latency):
 * `result-rendered` when the new totals are in the DOM, `result-painted` (and the first time
 * `first-result`) after the frame that shows them has been rendered — a task queued from a
 * requestAnimationFrame callback runs after that frame's style, layout and paint.
 * `first-result` is set the first time such a frame shows an engine total.
 */
function markPainted(): void {
  // a long session must not grow the performance timeline without bound
  if (performance.getEntriesByName("result-painted").length >= 1000) {
    performance.clearMarks("edit");
    performance.clearMarks("result-rendered");
    performance.clearMarks("result-painted");
  }
  performance.mark("result-rendered");
  // `first-result` only once an engine total is on screen (not for an empty package)
  const shown = [...results.values()].some((r) => r.est);
  requestAnimationFrame(() => {
    window.setTimeout(() => {
      performance.mark("result-painted");
      if (!firstResultMarked && shown) {
        firstResultMarked = true;
        performance.mark("first-result");
      }
    }, 0);
  });
}

async function recompute(): Promise<void> {
  const my = ++seq;
  const next = new Map<number, { est?: Estimate; err?: EngineError; problems: InputProblem[] }>();
  const scenarios = state.alternatives.map((a) => ({ alt: a, ...scenarioOf(state, a, fieldsOf) }));
  await Promise.all(
    scenarios.map(async ({ alt, scenario, problems }) => {
      if (problems.length > 0 || alt.lines.length === 0) {
        next.set(alt.id, { problems });
        return;
      }
      const r = await api.estimate(scenario);
      next.set(alt.id, r.ok ? { est: r.data, problems } : { err: r.error, problems });
    }),
  );
  comparison = null;
  if (state.alternatives.length >= 2 && scenarios.every((s) => s.problems.length === 0 && s.alt.lines.length > 0)) {
    const r = await api.compare(scenarios.map((s) => s.scenario), state.alternatives.map((a, i) => altName(a, i)));
    comparison = r.ok ? { data: r.data } : { err: r.error };
  }
  if (my !== seq) return; // a newer change is on its way
  results = next;
  pending = false;
  window.clearTimeout(pendingTimer);
  markProblems();
  renderResultsOnly();
  if (state.view !== "estimate" || state.presentation) renderMain();
  markPainted();
}

function markProblems(): void {
  document.querySelectorAll("[aria-invalid=true]").forEach((el) => el.removeAttribute("aria-invalid"));
  const r = results.get(activeAlt().id);
  for (const p of r?.problems ?? []) {
    document.getElementById(p.inputId)?.setAttribute("aria-invalid", "true");
  }
}

// ---------------------------------------------------------------- error text

/** `services[1].hours_per_month` → "palvelu 2 (Kotihoito): Tuntia kuukaudessa". */
function fieldText(path: string): string {
  if (!path) return t("fieldpath.household");
  const m = /^services\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (m) {
    const idx = Number(m[1]);
    const line = activeAlt().lines[idx];
    const head = t("fieldpath.line", { n: idx + 1 }) + (line ? ` (${serviceName(line.service)})` : "");
    return m[2] ? `${head}: ${tDyn(`field.${m[2]}`, m[2])}` : head;
  }
  const parts = path.split(".");
  const last = parts[parts.length - 1] ?? path;
  const who = parts.includes("spouse") ? t("fieldpath.spouse") + ": " : parts.includes("client") ? t("fieldpath.client") + ": " : "";
  return who + tDyn(`field.${last}`, tDyn(`deductions.${last}`, last));
}

export function errorText(e: EngineError): string {
  const any = e as Record<string, unknown>;
  const field = typeof any.field === "string" ? fieldText(any.field) : "";
  const params: Record<string, string> = {
    field,
    date: typeof any.date === "string" ? fmtDate(any.date) : "",
    file: typeof any.file === "string" ? any.file : "",
    // The engine's message is English; shown only for input errors, after the translated part.
    message: lang() === "en" && typeof any.message === "string" ? any.message : "",
  };
  return tDyn(`error.${e.code}`, t("error.unexpected"), params).trim();
}

// ---------------------------------------------------------------- rendering helpers

function help(id: string, key: MessageKey): string {
  return `<p class="help" id="${id}-help">${esc(t(key))}</p>`;
}

function moneyInput(id: string, labelKey: MessageKey | string, value: string, helpKey?: MessageKey, extraClass = ""): string {
  const label = typeof labelKey === "string" && labelKey.includes(".") ? tDyn(labelKey, labelKey) : labelKey;
  return `<div class="field ${extraClass}">
    <label for="${id}">${esc(label)}</label>
    <input id="${id}" inputmode="decimal" autocomplete="off" spellcheck="false" value="${esc(value)}"
      ${helpKey ? `aria-describedby="${id}-help"` : ""}>
    ${helpKey ? help(id, helpKey) : ""}
  </div>`;
}

function select(id: string, label: string, options: [string, string][], value: string, extra = ""): string {
  return `<div class="field"><label for="${id}">${esc(label)}</label>
    <select id="${id}" ${extra}>${options.map(([v, l]) => `<option value="${esc(v)}"${v === value ? " selected" : ""}>${esc(l)}</option>`).join("")}</select></div>`;
}

// ---------------------------------------------------------------- header and navigation

/** Today as yyyy-mm-dd (local date). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The update status line: checking, the last outcome (translated by its code), off. */
function renderUpdateStatus(): string {
  if (!update?.enabled) return `<span class="muted" data-testid="update-status">${esc(t("header.noUpdates"))}</span>`;
  if (update.checking) return `<span class="muted" data-testid="update-status">${esc(t("update.checking"))}</span>`;
  const last = update.last;
  if (!last) return "";
  const reason = tDyn(`update.code.${last.code}`, last.message, {
    serial: last.serial ?? "",
    status: last.error && "status" in last.error ? String((last.error as { status?: number }).status ?? "") : "",
  });
  if (last.ok) return `<span class="muted" data-testid="update-status">${esc(reason)}</span>`;
  return `<strong class="update-rejected" role="alert" data-testid="update-status">${esc(t("update.rejected", { reason }))}</strong>`;
}

function renderHeader(): string {
  const est = [...results.values()].find((r) => r.est)?.est;
  let tariffHtml: string;
  if (tariff?.active) {
    const a = tariff.active;
    const validFrom = est ? ` · ${esc(t("header.validFrom", { date: fmtDate(est.tariff.valid_from) }))}` : "";
    const b = a.bundle;
    const source = b
      ? `${esc(t("header.bundle", { serial: String(b.serial), expires: fmtDate(b.expires_at.slice(0, 10)) }))}${b.last_success ? `, ${esc(t("header.lastCheck", { date: fmtDate(b.last_success.slice(0, 10)) }))}` : ""}`
      : esc(t("header.bundled"));
    const upcoming = b?.newest_value_from && b.newest_value_from > today()
      ? ` <span class="upcoming" data-testid="update-upcoming">${esc(t("header.upcoming", { date: fmtDate(b.newest_value_from) }))}</span>`
      : "";
    const expired = b?.expired ? ` <strong class="expired" role="alert">${esc(t("header.expired"))}</strong>` : "";
    tariffHtml = `<span class="label">${esc(t("header.tariff"))}:</span> <strong data-testid="tariff-name">${esc(t("header.tariffLine", { name: a.name, version: a.version }))}</strong>${validFrom}
      <span class="muted"> · ${source}</span>${upcoming} ${renderUpdateStatus()}${expired}`;
  } else {
    tariffHtml = `<strong class="error-text">${esc(t("header.noTariff"))}</strong>`;
  }
  const orgs = tariff?.available ?? [];
  const orgSelect = orgs.length > 1
    ? select("org", t("header.organisation"), orgs.map((o) => [o.organisation, o.name]), tariff?.active?.organisation ?? "")
    : "";
  return `<header class="app-header">
    <h1>${esc(t("app.title"))}</h1>
    <p class="tariff" data-testid="tariff">${tariffHtml}</p>
    <div class="header-controls">
      ${select("lang", t("header.language"), [["fi", "Suomi"], ["sv", "Svenska"], ["en", "English"]], lang())}
      ${orgSelect}
      <button type="button" id="open-update-settings" class="secondary header-button">${esc(t("update.settings"))}</button>
    </div>
  </header>`;
}

// ---------------------------------------------------------------- update settings dialog

function renderUpdateDialogInner(problem = ""): string {
  const last = update?.last;
  const lastText = update?.checking ? t("update.checking") : last
    ? (last.ok ? tDyn(`update.code.${last.code}`, last.message, { serial: last.serial ?? "", status: "" })
      : t("update.rejected", { reason: tDyn(`update.code.${last.code}`, last.message, { serial: last.serial ?? "", status: "" }) }))
    : t("update.never");
  return `<div class="dialog-inner"><h2 id="update-h">${esc(t("update.title"))}</h2>
    <p class="help">${esc(t("update.help"))}</p>
    <div class="field"><label for="update-url">${esc(t("update.url"))}</label>
      <input id="update-url" type="text" inputmode="url" autocomplete="off" spellcheck="false" aria-describedby="update-url-help" value="${esc(settings.update_url ?? "")}">
      <p class="help" id="update-url-help">${esc(t("update.urlHelp"))}</p></div>
    <div class="field"><label for="update-ca">${esc(t("update.rootCa"))}</label>
      <input id="update-ca" type="text" autocomplete="off" spellcheck="false" aria-describedby="update-ca-help" value="${esc(settings.root_ca_path ?? "")}">
      <p class="help" id="update-ca-help">${esc(t("update.rootCaHelp"))}</p></div>
    <p id="update-problem" class="error-text" role="alert">${esc(problem)}</p>
    <p role="status" data-testid="update-dialog-status">${esc(t("update.last"))}: ${esc(lastText)}</p>
    <div class="dialog-actions">
      <button type="button" id="update-save" class="primary">${esc(t("update.save"))}</button>
      <button type="button" id="update-check">${esc(t("update.checkNow"))}</button>
      <button type="button" id="update-close" class="secondary">${esc(t("explain.close"))}</button>
    </div></div>`;
}

function openUpdateDialog(): void {
  const dlg = document.getElementById("update-dialog") as HTMLDialogElement | null;
  if (!dlg) return;
  dlg.innerHTML = renderUpdateDialogInner();
  dlg.setAttribute("aria-labelledby", "update-h");
  dlg.addEventListener("close", () => document.getElementById("open-update-settings")?.focus(), { once: true });
  dlg.showModal();
  document.getElementById("update-url")?.focus();
}

function refreshUpdateDialog(problem = ""): void {
  const dlg = document.getElementById("update-dialog") as HTMLDialogElement | null;
  if (!dlg?.open) return;
  const focusId = document.activeElement instanceof HTMLElement ? document.activeElement.id : "";
  const url = (document.getElementById("update-url") as HTMLInputElement | null)?.value;
  const ca = (document.getElementById("update-ca") as HTMLInputElement | null)?.value;
  dlg.innerHTML = renderUpdateDialogInner(problem);
  if (url !== undefined) (document.getElementById("update-url") as HTMLInputElement).value = url;
  if (ca !== undefined) (document.getElementById("update-ca") as HTMLInputElement).value = ca;
  if (focusId) document.getElementById(focusId)?.focus();
}

async function saveUpdateSettings(): Promise<void> {
  const url = (document.getElementById("update-url") as HTMLInputElement | null)?.value.trim() ?? "";
  const ca = (document.getElementById("update-ca") as HTMLInputElement | null)?.value.trim() ?? "";
  const next: Settings = { ...settings, language: lang(), update_url: url || null, root_ca_path: ca || null };
  const r = await api.saveSettings(next);
  if (!r.ok) {
    const key = r.error.code === "invalid_input" && (r.error.field === "update_url" || r.error.field === "root_ca_path")
      ? (r.error.field === "update_url" ? "update.badUrl" : "update.badCa")
      : "update.saveFailed";
    refreshUpdateDialog(t(key));
    return;
  }
  settings = next;
  tariff = r.data;
  update = await api.updateStatus();
  renderMain();
  refreshUpdateDialog();
  announce(t("update.saved"));
}

async function checkUpdatesNow(): Promise<void> {
  if (update) update = { ...update, checking: true };
  refreshUpdateDialog();
  const r = await api.checkUpdatesNow();
  if (r.ok) update = r.data;
  tariff = await api.tariffInfo();
  renderMain();
  refreshUpdateDialog();
}

/** After every check of the background updater: new header; a new tariff → new estimate. */
async function onTariffStatus(changed: boolean): Promise<void> {
  tariff = await api.tariffInfo();
  update = await api.updateStatus();
  if (changed) {
    await loadServices();
    schedule();
  }
  renderMain();
  refreshUpdateDialog();
}

function renderNav(): string {
  const b = (view: string, key: MessageKey, current: boolean) =>
    `<button type="button" data-nav="${view}" ${current ? 'aria-current="page"' : ""}>${esc(t(key))}</button>`;
  return `<nav aria-label="${esc(t("nav.label"))}" class="app-nav">
    ${b("estimate", "nav.estimate", state.view === "estimate")}
    ${b("compare", "nav.compare", state.view === "compare")}
    ${b("summary", "nav.summary", state.view === "summary")}
    ${b("presentation", "nav.presentation", false)}
    <button type="button" id="new-estimate" class="secondary">${esc(t("nav.newEstimate"))}</button>
  </nav>`;
}

// ---------------------------------------------------------------- household

function personFields(who: "client" | "spouse"): string {
  const p = state[who];
  const visible = visibleIncomeFields(state);
  const ded = DEDUCTION_FIELDS.filter((f) => visible.has(f)).map((f) => moneyInput(`${who}-${f}`, `deductions.${f}`, p[f])).join("");
  return `<fieldset class="person">
    <legend>${esc(t(who === "client" ? "household.client" : "household.spouse"))}</legend>
    <div class="grid2">
      ${visible.has("gross_income") ? moneyInput(`${who}-gross_income`, t("income.gross"), p.gross_income, "income.grossHelp") : ""}
      ${visible.has("net_income") ? moneyInput(`${who}-net_income`, t("income.net"), p.net_income, "income.netHelp") : ""}
    </div>
    <details class="more">
      <summary>${esc(t("deductions.title"))}</summary>
      <p class="help">${esc(t("deductions.help"))}</p>
      <div class="grid2">${ded}${moneyInput(`${who}-forest_income_yearly`, t("income.forest"), p.forest_income_yearly, "income.forestHelp")}</div>
    </details>
  </fieldset>`;
}

function renderHousehold(): string {
  return `<section class="card household" aria-labelledby="household-h">
    <h2 id="household-h">${esc(t("household.title"))}</h2>
    <div class="grid2">
      <div class="field"><label for="date">${esc(t("household.date"))}</label>
        <input id="date" inputmode="numeric" autocomplete="off" placeholder="${esc(t("household.datePlaceholder"))}" value="${esc(state.date)}" aria-describedby="date-help">${help("date", "household.dateHelp")}</div>
      <div class="field"><label for="persons">${esc(t("household.persons"))}</label>
        <input id="persons" inputmode="numeric" autocomplete="off" value="${esc(state.persons)}" aria-describedby="persons-help">${help("persons", "household.personsHelp")}</div>
    </div>
    <div class="check"><input type="checkbox" id="has-spouse" ${state.hasSpouse ? "checked" : ""}><label for="has-spouse">${esc(t("household.hasSpouse"))}</label></div>
    ${state.hasSpouse && activeAlt().lines.some((l) => LONG_TERM.includes(l.service))
      ? `<div class="check"><input type="checkbox" id="spouse-in-care" aria-describedby="spouse-in-care-help" ${state.spouseInLongTermCare ? "checked" : ""}><label for="spouse-in-care">${esc(t("household.spouseInCare"))}</label></div>${help("spouse-in-care", "household.spouseInCareHelp")}`
      : ""}
    ${personFields("client")}
    ${state.hasSpouse ? personFields("spouse") : ""}
  </section>`;
}

// ---------------------------------------------------------------- package builder

function lineFieldsHtml(line: LineState, opt: ServiceOption | undefined): string {
  const accepted = opt?.fields ?? [];
  const parts: string[] = [];
  const isHours = line.service === "home_care" || line.service === "communal_housing";
  if (isHours) {
    parts.push(select(`line-${line.id}-freq`, t("freq.mode"), [
      ["hours", t("freq.hours")], ["visits_week", t("freq.visitsWeek")], ["visits_day", t("freq.visitsDay")],
    ], line.freqMode, 'data-structural="1"'));
  }
  for (const f of activeFields(line, accepted)) {
    const id = `line-${line.id}-${f}`;
    const v = line.values[f] ?? "";
    if (f === "level") parts.push(select(id, t("field.level"), [["", t("option.choose")], ["full", t("level.full")], ["partial", t("level.partial")]], v));
    else if (f === "legal_basis") parts.push(select(id, t("field.legal_basis"), [["", t("option.choose")], ["social_welfare", t("legal_basis.social_welfare")], ["health_care", t("legal_basis.health_care")]], v));
    else if (f === "staff") parts.push(select(id, t("field.staff"), [["", t("option.choose")], ["nurse", t("staff.nurse")], ["doctor", t("staff.doctor")]], v));
    else if (f === "care_class") parts.push(select(id, t("field.care_class"), [["", t("option.choose")], ...(opt?.care_classes ?? []).map((c): [string, string] => [c, c])], v));
    else parts.push(moneyInput(id, `field.${f}`, v));
  }
  return parts.join("");
}

function bandHtml(line: Line | undefined): string {
  const b = line?.band;
  if (!b) return "";
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
  return `<ul class="band" data-testid="band-${line ? "info" : ""}">${rows.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`;
}

function renderLine(line: LineState, idx: number, est: Estimate | undefined): string {
  const opt = serviceOf(line.service);
  const name = serviceName(line.service);
  const prods = opt?.productions ?? [line.production];
  const resLine = est?.lines[idx];
  return `<li class="line card-inner" data-line="${line.id}">
    <div class="line-head">
      <h3 id="line-${line.id}-h">${esc(t("package.line", { n: idx + 1, name }))}</h3>
      <button type="button" class="icon danger" data-remove-line="${line.id}" aria-label="${esc(t("package.remove", { name }))}">✕</button>
    </div>
    <div class="grid3">
      ${select(`line-${line.id}-production`, t("package.production"), prods.map((p) => [p, t(`production.${p}` as MessageKey)]), line.production, 'data-structural="1"')}
      ${lineFieldsHtml(line, opt)}
    </div>
    <div class="line-result" id="line-${line.id}-result" aria-live="polite">${bandHtml(resLine)}${resLine ? `<p class="line-fee">${esc(t("result.clientMonthly"))}: <strong data-testid="line-fee-${idx}">${esc(money(resLine.client_fee_monthly))}</strong></p>` : ""}</div>
  </li>`;
}

function renderPackage(): string {
  const alt = activeAlt();
  const r = results.get(alt.id);
  const cats = [...new Set(services.map((s) => s.category))];
  if (!addCategory || !cats.includes(addCategory as ServiceOption["category"])) addCategory = cats[0] ?? "";
  const inCat = services.filter((s) => s.category === addCategory);
  const tabs = state.alternatives.map((a, i) =>
    `<button type="button" role="tab" id="alt-tab-${i}" aria-selected="${i === state.active}" aria-controls="package-panel" data-alt="${i}" tabindex="${i === state.active ? 0 : -1}">${esc(altName(a, i))}</button>`).join("");
  return `<section class="card package" aria-labelledby="package-h">
    <h2 id="package-h">${esc(t("package.title"))}</h2>
    <div class="alt-bar">
      <div role="tablist" aria-label="${esc(t("package.alternatives"))}" class="tabs">${tabs}</div>
      <button type="button" id="dup-alt" ${state.alternatives.length >= 3 ? "disabled" : ""}>${esc(t("package.duplicate"))}</button>
      ${state.alternatives.length > 1 ? `<button type="button" id="remove-alt" class="secondary">${esc(t("package.removeAlternative"))}</button>` : ""}
    </div>
    ${state.alternatives.length >= 3 ? `<p class="help">${esc(t("package.maxAlternatives"))}</p>` : ""}
    <div id="package-panel" role="tabpanel" aria-labelledby="alt-tab-${state.active}">
      <div class="field"><label for="alt-name">${esc(t("package.alternativeName"))}</label>
        <input id="alt-name" autocomplete="off" value="${esc(alt.name)}" placeholder="${esc(altName(alt, state.active))}"></div>
      ${alt.lines.length === 0 ? `<p class="empty">${esc(t("package.empty"))}</p>` : `<ol class="lines">${alt.lines.map((l, i) => renderLine(l, i, r?.est)).join("")}</ol>`}
      <div class="add-row">
        ${select("add-category", t("package.category"), cats.map((c) => [c, t(`category.${c}` as MessageKey)]), addCategory, 'data-structural="1"')}
        ${select("add-service", t("package.service"), inCat.map((s) => [s.code, serviceName(s.code)]), inCat[0]?.code ?? "")}
        <button type="button" id="add-line" class="primary">${esc(t("package.add"))}</button>
      </div>
    </div>
  </section>`;
}

// ---------------------------------------------------------------- results

interface Figure { title: string; steps: Step[]; note?: string }
let figures: Figure[] = [];

function figButton(value: string, what: string, steps: Step[], testid: string, cls = ""): string {
  figures.push({ title: what, steps });
  const idx = figures.length - 1;
  return `<button type="button" class="fig ${cls}" data-fig="${idx}" data-testid="${testid}" aria-label="${esc(t("result.explain", { what: `${what} ${value}` }))}">${esc(value)}</button>`;
}

const isCost = (s: Step) => s.key.startsWith("organiser") || s.key.startsWith("voucher");

/** Finnish: the engine's message. Other languages: the catalogue text by code, numbers filled in. */
function warningText(w: Warning): string {
  if (lang() === "fi") return w.message;
  const params: Record<string, string> = {};
  for (const v of w.values) params[v.name] = v.name === "parameter" ? v.value : money(v.value);
  const text = tDyn(`warning.${w.code}`, w.message, params);
  return /\{\w+\}/.test(text) ? tDyn(`warning.${w.code}`, w.message).replace(/\{\w+\}/g, "–") : text;
}

function warningsHtml(ws: Warning[]): string {
  if (ws.length === 0) return "";
  return `<div class="warnings" role="note"><h3>${esc(t("warnings.title"))}</h3><ul>${ws
    .map((w) => `<li data-code="${esc(w.code)}">${esc(warningText(w))}</li>`)
    .join("")}</ul></div>`;
}

/** A short visible column heading with the full name for screen readers. */
function colHead(short: MessageKey, full: MessageKey, cls = ""): string {
  return `<th scope="col" class="${cls}"><span aria-hidden="true">${esc(t(short))}</span><span class="sr-only">${esc(t(full))}</span></th>`;
}

function resultTable(est: Estimate, alt: AlternativeState, presentation: boolean): string {
  const rows = est.lines.map((l, i) => {
    const name = serviceName(l.service);
    const feeSteps = l.explanation.filter((s) => !isCost(s));
    const costSteps = l.explanation.filter(isCost);
    const extra = [
      l.voucher_value_monthly ? t("result.voucherValue", { value: money(l.voucher_value_monthly) }) : "",
      l.own_production_fee_monthly ? t("result.ownFee", { value: money(l.own_production_fee_monthly) }) : "",
    ].filter(Boolean);
    return `<tr>
      <th scope="row">${esc(name)}<span class="sub">${esc(t(`production.${l.production}` as MessageKey))}</span>${extra.map((e) => `<span class="sub">${esc(e)}</span>`).join("")}</th>
      <td>${figButton(money(l.client_fee_monthly), `${name}, ${t("result.clientMonthly")}`, feeSteps, `fee-monthly-${i}`)}</td>
      <td>${figButton(money(l.client_fee_yearly), `${name}, ${t("result.clientYearly")}`, [...feeSteps, ...est.total.explanation], `fee-yearly-${i}`)}</td>
      ${presentation ? "" : `<td class="hva">${figButton(money(l.organiser_cost_monthly), `${name}, ${t("result.hvaGross")}`, costSteps.length ? costSteps : l.explanation, `cost-${i}`)}</td>
      <td class="hva">${figButton(money(l.organiser_net_monthly), `${name}, ${t("result.hvaNet")}`, l.explanation, `net-${i}`)}</td>`}
    </tr>`;
  }).join("");
  const tot = est.total;
  const all = est.lines.flatMap((l) => l.explanation.filter((s) => !isCost(s)));
  return `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-h"><table class="result-table">
    <caption class="sr-only">${esc(t("result.title"))}: ${esc(altName(alt, state.alternatives.indexOf(alt)))}</caption>
    <thead><tr><th scope="col">${esc(t("result.service"))}</th>${colHead("result.colMonthly", "result.clientMonthly")}${colHead("result.colYearly", "result.clientYearly")}
      ${presentation ? "" : `${colHead("result.colHva", "result.hvaGross", "hva")}${colHead("result.colNet", "result.hvaNet", "hva")}`}</tr></thead>
    <tbody>${rows}</tbody>
    <tfoot><tr><th scope="row">${esc(t("result.total"))}</th>
      <td>${figButton(money(tot.client_fees_monthly), `${t("result.total")}, ${t("result.clientMonthly")}`, all, "total-monthly-fig")}</td>
      <td>${figButton(money(tot.client_fees_yearly), `${t("result.total")}, ${t("result.clientYearly")}`, [...all, ...tot.explanation], "total-yearly-fig")}</td>
      ${presentation ? "" : `<td class="hva">${figButton(money(tot.organiser_cost_monthly), `${t("result.total")}, ${t("result.hvaGross")}`, est.lines.flatMap((l) => l.explanation.filter(isCost)), "total-cost-fig")}</td>
      <td class="hva">${figButton(money(tot.organiser_net_monthly), `${t("result.total")}, ${t("result.hvaNet")}`, est.lines.flatMap((l) => l.explanation), "total-net-fig")}</td>`}</tr></tfoot>
  </table></div>`;
}

function totalsCards(est: Estimate, presentation: boolean): string {
  const tot = est.total;
  const hva = presentation ? "" : `
    <div class="total hva"><span>${esc(t("result.totalHva"))}</span><strong data-testid="total-hva-monthly">${esc(money(tot.organiser_cost_monthly))}</strong></div>
    <div class="total hva"><span>${esc(t("result.totalHvaNet"))}</span><strong data-testid="total-hva-net">${esc(money(tot.organiser_net_monthly))}</strong></div>`;
  return `<div class="totals">
    <div class="total client"><span>${esc(t("result.totalClient"))}</span><strong data-testid="total-client-monthly">${esc(money(tot.client_fees_monthly))}</strong></div>
    <div class="total client"><span>${esc(t("result.totalClientYearly"))}</span><strong data-testid="total-client-yearly">${esc(money(tot.client_fees_yearly))}</strong></div>
    ${hva}
  </div>`;
}

function resultsInner(presentation = false): string {
  figures = [];
  const alt = activeAlt();
  const r = results.get(alt.id);
  let body: string;
  if (!tariff?.active) body = `<p class="error-text">${esc(t("header.noTariff"))}</p>`;
  else if (alt.lines.length === 0) body = `<p class="empty">${esc(t("result.empty"))}</p>`;
  else if (r && r.problems.length > 0) body = `<div class="error" role="alert">${esc(t("error.fieldsToFix"))}</div>`;
  else if (r?.err) body = `<div class="error" role="alert" data-testid="engine-error"><strong>${esc(t("error.title"))}</strong><p>${esc(errorText(r.err))}</p></div>`;
  else if (r?.est) {
    // The client sees warnings about their money, not the tariff's verification status.
    const ws = presentation ? r.est.warnings.filter((w) => w.code !== "unverified_parameters") : r.est.warnings;
    body = `${totalsCards(r.est, presentation)}${resultTable(r.est, alt, presentation)}${warningsHtml(ws)}`;
  }
  else body = `<p>${esc(t("result.pending"))}</p>`;
  const bar = r?.est && !presentation
    ? `<p class="total-bar" aria-hidden="true">${esc(t("result.totalClient"))}: <strong>${esc(money(r.est.total.client_fees_monthly))}</strong></p>`
    : "";
  const busy = pending ? ` <span class="muted" data-testid="pending">${esc(t("result.pending"))}</span>` : "";
  return `<h2 id="results-h">${esc(t("result.title"))}: ${esc(altName(alt, state.active))}${busy}</h2>${body}${bar}`;
}

function renderResultsOnly(): void {
  const el = document.getElementById("results");
  if (el) el.innerHTML = resultsInner();
  // Band details under each line come with the result.
  const alt = activeAlt();
  const est = results.get(alt.id)?.est;
  alt.lines.forEach((l, i) => {
    const box = document.getElementById(`line-${l.id}-result`);
    const rl = est?.lines[i];
    if (box) box.innerHTML = `${bandHtml(rl)}${rl ? `<p class="line-fee">${esc(t("result.clientMonthly"))}: <strong data-testid="line-fee-${i}">${esc(money(rl.client_fee_monthly))}</strong></p>` : ""}`;
  });
  const hdr = document.querySelector(".tariff");
  if (hdr) {
    const tmp = document.createElement("div");
    tmp.innerHTML = renderHeader();
    const fresh = tmp.querySelector(".tariff");
    // unchanged header (the usual case while typing): no DOM replacement, no relayout
    if (fresh && fresh.innerHTML !== hdr.innerHTML) hdr.innerHTML = fresh.innerHTML;
  }
}

// ---------------------------------------------------------------- compare, summary, presentation

function renderCompare(): string {
  if (state.alternatives.length < 2) {
    return `<section class="card"><h2>${esc(t("compare.title"))}</h2><p>${esc(t("compare.needTwo"))}</p>
      <button type="button" id="dup-alt" class="primary">${esc(t("package.duplicate"))}</button></section>`;
  }
  if (!comparison) return `<section class="card"><h2>${esc(t("compare.title"))}</h2><p>${esc(pending ? t("result.pending") : t("error.fieldsToFix"))}</p></section>`;
  if (comparison.err) return `<section class="card"><h2>${esc(t("compare.title"))}</h2><div class="error" role="alert">${esc(errorText(comparison.err))}</div></section>`;
  const cols = comparison.data?.columns ?? [];
  const first = cols[0]?.name ?? "";
  type Key = "client_fees_monthly" | "client_fees_yearly" | "organiser_cost_monthly" | "organiser_net_monthly";
  const rows: [Key, MessageKey, boolean][] = [
    ["client_fees_monthly", "result.clientMonthly", false],
    ["client_fees_yearly", "result.clientYearly", false],
    ["organiser_cost_monthly", "result.hvaGross", true],
    ["organiser_net_monthly", "result.hvaNet", true],
  ];
  const head = cols.map((c) => `<th scope="col">${esc(c.name)}</th>`).join("");
  const svc = cols.map((c) => `<td><ul class="plain">${c.estimate.lines.map((l) => `<li>${esc(serviceName(l.service))} <span class="sub">${esc(t(`production.${l.production}` as MessageKey))}</span></li>`).join("")}</ul></td>`).join("");
  const body = rows.map(([k, label, hva]) => {
    const cells = cols.map((c, i) => {
      const value = money(c.estimate.total[k]);
      const diff = (c.difference as Record<string, string>)[k] ?? "0";
      const changed = i > 0 && Number(diff) !== 0;
      const diffText = i === 0 ? "" : changed
        ? t(Number(diff) > 0 ? "compare.more" : "compare.less", { value: money(diff.replace("-", "")) })
        : t("compare.same");
      return `<td class="${changed ? "changed" : ""}" data-testid="cmp-${k}-${i}"><strong>${esc(value)}</strong>${i > 0 ? `<span class="diff" title="${esc(t("compare.difference", { name: first }))}">${changed ? "▲▼"[Number(diff) > 0 ? 0 : 1] + " " : ""}${esc(diffText)} <span class="sr-only">(${esc(signedMoney(diff))})</span></span>` : ""}</td>`;
    }).join("");
    return `<tr class="${hva ? "hva" : ""}"><th scope="row">${esc(t(label))}</th>${cells}</tr>`;
  }).join("");
  return `<section class="card compare" aria-labelledby="compare-h"><h2 id="compare-h">${esc(t("compare.title"))}</h2>
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-h"><table class="compare-table" data-testid="compare-table"><thead><tr><th scope="col">${esc(t("compare.figure"))}</th>${head}</tr></thead>
    <tbody><tr><th scope="row">${esc(t("compare.services"))}</th>${svc}</tr>${body}</tbody></table></div></section>`;
}

/** The visible text of a chosen option (level, staff…), or the typed number. */
function selectText(field: string, value: string): string {
  return tDyn(`${field}.${value}`, value);
}

function lineQuantityText(line: LineState): string {
  const parts = activeFields(line, fieldsOf(line.service))
    .filter((f) => !f.startsWith("provider_price_") && (line.values[f] ?? "") !== "")
    .map((f) => `${tDyn(`field.${f}`, f).toLowerCase()} ${selectText(f, line.values[f] ?? "")}`);
  return parts.join(", ");
}

function renderSummary(): string {
  const alt = activeAlt();
  const est = results.get(alt.id)?.est;
  const a = tariff?.active;
  const lines = alt.lines.map((l, i) => {
    const rl = est?.lines[i];
    const q = lineQuantityText(l);
    return `<li><strong>${esc(serviceName(l.service))}</strong>, ${esc(t(`production.${l.production}` as MessageKey).toLowerCase())}${q ? `, ${esc(q)}` : ""}${rl ? ` – ${esc(t("summary.lineFee", { fee: money(rl.client_fee_monthly) }))}` : ""}</li>`;
  }).join("");
  return `<article class="summary card" aria-labelledby="summary-h" data-testid="summary">
    <h2 id="summary-h">${esc(t("summary.title"))}</h2>
    ${state.alternatives.length > 1 ? `<p>${esc(t("summary.alternative", { name: altName(alt, state.active) }))}</p>` : ""}
    <p>${esc(t("summary.intro"))}</p>
    <h3>${esc(t("summary.services"))}</h3>
    <ul>${lines}</ul>
    ${est ? `<div class="summary-pay"><p>${esc(t("summary.youPay"))}</p>
      <p class="big"><strong data-testid="summary-monthly">${esc(money(est.total.client_fees_monthly))}</strong> ${esc(t("summary.perMonth"))}</p>
      <p><strong>${esc(money(est.total.client_fees_yearly))}</strong> ${esc(t("summary.perYear"))}</p></div>` : `<p>${esc(t("result.empty"))}</p>`}
    <p class="decision"><strong>${esc(t("summary.decision"))}</strong></p>
    ${a ? `<p>${esc(t("summary.tariff", { name: a.name, version: a.version, date: fmtDate(est?.tariff.valid_from ?? "") }))}</p>` : ""}
    <p>${esc(t("summary.date", { date: fmtDate(parseDateInput(state.date) ?? "") }))}</p>
    <p>${esc(t("summary.contact"))}</p>
    <div class="no-print actions"><button type="button" id="print" class="primary">${esc(t("summary.print"))}</button>
      <button type="button" data-nav="estimate">${esc(t("summary.back"))}</button></div>
  </article>`;
}

function renderPresentation(): string {
  const alt = activeAlt();
  return `<div class="presentation-bar"><button type="button" id="presentation-back" class="primary">${esc(t("presentation.back"))}</button></div>
    <main id="main" tabindex="-1" class="presentation-main"><section class="card results" id="results" aria-labelledby="results-h">${resultsInner(true)}</section>
    <section class="card"><h2>${esc(t("summary.services"))}</h2><ul class="plain big-list">${alt.lines.map((l) => `<li>${esc(serviceName(l.service))} – ${esc(t(`production.${l.production}` as MessageKey))}${lineQuantityText(l) ? `<br><span class="sub">${esc(lineQuantityText(l))}</span>` : ""}</li>`).join("")}</ul></section></main>`;
}

// ---------------------------------------------------------------- full render

function renderMain(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const focusId = document.activeElement instanceof HTMLElement ? document.activeElement.id : "";
  document.body.classList.toggle("presentation", state.presentation);
  document.title = t("app.title");
  if (state.presentation) {
    root.innerHTML = renderPresentation();
  } else {
    let main: string;
    if (state.view === "compare") main = renderCompare();
    else if (state.view === "summary") main = renderSummary();
    else main = `<div class="layout"><div class="inputs">${renderHousehold()}${renderPackage()}</div>
      <section class="card results" id="results" aria-labelledby="results-h" aria-live="polite">${resultsInner()}</section></div>`;
    root.innerHTML = `<a class="skip" href="#main">${esc(t("app.skip"))}</a>${renderHeader()}${renderNav()}<main id="main" tabindex="-1">${main}</main>`;
  }
  if (focusId) document.getElementById(focusId)?.focus();
  markProblems();
}

function announce(msg: string): void {
  const s = document.getElementById("status");
  if (s) {
    s.textContent = "";
    window.setTimeout(() => (s.textContent = msg), 30);
  }
}

// ---------------------------------------------------------------- explanation dialog

/** The step's translated title (sv/en); the Finnish text of the engine follows it, marked lang="fi". */
function stepTitle(key: string): string {
  if (lang() === "fi") return "";
  const parts = key.split(".");
  const title = tDyn(`step.${key}`, "") || tDyn(`step.${parts[0]}`, "") || tDyn(`step.${parts[parts.length - 1]}`, "");
  return title ? `<p class="step-title"><strong>${esc(title)}</strong></p>` : "";
}

function openExplanation(fig: Figure, opener: HTMLElement): void {
  const dlg = document.getElementById("explain") as HTMLDialogElement | null;
  if (!dlg) return;
  const steps = fig.steps.length === 0 ? `<p>${esc(t("explain.noSteps"))}</p>` : `<ol class="steps">${fig.steps.map((s) => `
    <li data-key="${esc(s.key)}">${stepTitle(s.key)}<p class="step-text" lang="fi">${esc(s.text)}</p>
      ${s.legal ? `<p class="legal"><span class="label">${esc(t("explain.legal"))}:</span> ${esc(s.legal)}</p>` : ""}
      ${s.params.length ? `<details><summary>${esc(t("explain.params"))}</summary><ul class="params">${s.params.map((p) => `<li><code>${esc(p.name)}</code> = ${esc(p.value)}; ${esc(t("explain.validFrom", { date: fmtDate(p.valid_from) }))}; ${esc(t("explain.source"))}: ${esc(p.source)}${p.verified ? "" : ` <em>(${esc(t("explain.unverified"))})</em>`}</li>`).join("")}</ul></details>` : ""}
    </li>`).join("")}</ol>`;
  const note = lang() === "fi" ? "" : `<p class="help">${esc(t("explain.finnishOnly"))}</p>`;
  dlg.innerHTML = `<div class="dialog-inner"><h2 id="explain-h">${esc(t("explain.title"))}</h2><p class="fig-title">${esc(fig.title)}</p>${note}${steps}
    <button type="button" id="explain-close" class="primary">${esc(t("explain.close"))}</button></div>`;
  dlg.setAttribute("aria-labelledby", "explain-h");
  const openerId = opener.dataset.testid ?? "";
  dlg.addEventListener("close", () => {
    // The results may have been re-rendered meanwhile: find the same figure again.
    const target = opener.isConnected ? opener : document.querySelector<HTMLElement>(`[data-testid="${openerId}"]`);
    target?.focus();
  }, { once: true });
  dlg.showModal();
  document.getElementById("explain-close")?.focus();
}

// ---------------------------------------------------------------- events

function findLine(id: number): LineState | undefined {
  return activeAlt().lines.find((l) => l.id === id);
}

function onInput(e: Event): void {
  const el = e.target as HTMLInputElement | HTMLSelectElement;
  const id = el.id;
  if (!id) return;
  let m: RegExpExecArray | null;
  if (id === "date") state.date = el.value;
  else if (id === "persons") state.persons = el.value;
  else if ((m = /^(client|spouse)-(\w+)$/.exec(id))) {
    const who = m[1] as "client" | "spouse";
    (state[who] as unknown as Record<string, string>)[m[2]!] = el.value;
  } else if (id === "alt-name") {
    activeAlt().name = el.value;
    const tab = document.getElementById(`alt-tab-${state.active}`);
    if (tab) tab.textContent = altName(activeAlt(), state.active);
  } else if ((m = /^line-(\d+)-(\w+)$/.exec(id))) {
    const line = findLine(Number(m[1]));
    if (!line) return;
    const f = m[2]!;
    if (f === "production") line.production = el.value as LineState["production"];
    else if (f === "freq") line.freqMode = el.value as FreqMode;
    else line.values[f] = el.value;
  } else if (id === "add-category") {
    addCategory = el.value;
  } else return;
  if (el.dataset.structural) renderMain();
  if (id !== "add-category") schedule();
}

async function onChange(e: Event): Promise<void> {
  const el = e.target as HTMLInputElement | HTMLSelectElement;
  if (el.id === "spouse-in-care") {
    state.spouseInLongTermCare = (el as HTMLInputElement).checked;
    schedule();
  } else if (el.id === "has-spouse") {
    state.hasSpouse = (el as HTMLInputElement).checked;
    if (state.hasSpouse && Number(state.persons) < 2) state.persons = "2";
    renderMain();
    schedule();
  } else if (el.id === "lang" && isLang(el.value)) {
    setLang(el.value);
    renderMain();
    settings = { ...settings, language: el.value, organisation: tariff?.active?.organisation ?? null };
    void api.saveSettings(settings);
  } else if (el.id === "org") {
    const next: Settings = { ...settings, language: lang(), organisation: el.value };
    const r = await api.saveSettings(next);
    if (r.ok) {
      settings = next;
      tariff = r.data;
      await loadServices();
      renderMain();
      schedule();
    }
  } else if (el.tagName === "SELECT") {
    onInput(e);
  }
}

function addLine(): void {
  const code = (document.getElementById("add-service") as HTMLSelectElement | null)?.value;
  const opt = code ? serviceOf(code) : undefined;
  if (!opt) return;
  const line: LineState = { id: newId(), service: opt.code, production: opt.productions[0] ?? "own", freqMode: "hours", values: {} };
  activeAlt().lines.push(line);
  renderMain();
  // Focus the first input of the new line so the counsellor can type the amount at once.
  const first = document.querySelector<HTMLElement>(`[data-line="${line.id}"] input, [data-line="${line.id}"] select`);
  first?.focus();
  schedule();
}

function duplicateAlt(): void {
  if (state.alternatives.length >= 3) return;
  const src = activeAlt();
  const copy: AlternativeState = {
    id: newId(),
    name: "",
    lines: src.lines.map((l) => ({ ...l, id: newId(), values: { ...l.values } })),
  };
  state.alternatives.push(copy);
  state.active = state.alternatives.length - 1;
  state.view = "estimate";
  renderMain();
  document.getElementById(`alt-tab-${state.active}`)?.focus();
  schedule();
}

function newEstimate(): void {
  seq++;
  state = initialState();
  results = new Map();
  comparison = null;
  figures = [];
  pending = false;
  const dlg = document.getElementById("explain") as HTMLDialogElement | null;
  if (dlg) {
    if (dlg.open) dlg.close();
    dlg.innerHTML = "";
  }
  renderMain();
  document.getElementById("date")?.focus();
  announce(t("newEstimate.done"));
}

function onClick(e: Event): void {
  const target = (e.target as HTMLElement).closest("button");
  if (!target) return;
  const d = target.dataset;
  if (d.nav) {
    if (d.nav === "presentation") {
      state.presentation = true;
      renderMain();
      document.getElementById("presentation-back")?.focus();
    } else {
      state.view = d.nav as UiState["view"];
      renderMain();
      document.getElementById("main")?.focus();
    }
  } else if (target.id === "presentation-back") {
    state.presentation = false;
    renderMain();
    (document.querySelector('[data-nav="presentation"]') as HTMLElement | null)?.focus();
  } else if (target.id === "open-update-settings") openUpdateDialog();
  else if (target.id === "update-save") void saveUpdateSettings();
  else if (target.id === "update-check") void checkUpdatesNow();
  else if (target.id === "update-close") (document.getElementById("update-dialog") as HTMLDialogElement | null)?.close();
  else if (target.id === "add-line") addLine();
  else if (d.removeLine) {
    const alt = activeAlt();
    alt.lines = alt.lines.filter((l) => l.id !== Number(d.removeLine));
    renderMain();
    document.getElementById("add-service")?.focus();
    schedule();
  } else if (d.alt !== undefined) {
    state.active = Number(d.alt);
    renderMain();
    document.getElementById(`alt-tab-${state.active}`)?.focus();
  } else if (target.id === "dup-alt") duplicateAlt();
  else if (target.id === "remove-alt") {
    state.alternatives.splice(state.active, 1);
    state.active = Math.max(0, state.active - 1);
    renderMain();
    schedule();
  } else if (target.id === "new-estimate") newEstimate();
  else if (target.id === "print") window.print();
  else if (target.id === "explain-close") (document.getElementById("explain") as HTMLDialogElement | null)?.close();
  else if (d.fig !== undefined) {
    const f = figures[Number(d.fig)];
    if (f) openExplanation(f, target);
  }
}

function onKeydown(e: KeyboardEvent): void {
  const el = e.target as HTMLElement;
  // Arrow keys move between alternative tabs (WAI-ARIA tabs pattern).
  if (el.getAttribute("role") === "tab" && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
    const n = state.alternatives.length;
    state.active = (state.active + (e.key === "ArrowRight" ? 1 : n - 1)) % n;
    renderMain();
    document.getElementById(`alt-tab-${state.active}`)?.focus();
    e.preventDefault();
  } else if (e.key === "Escape" && state.presentation) {
    state.presentation = false;
    renderMain();
  }
}

async function loadServices(): Promise<void> {
  const r = await api.listServices();
  services = r.ok ? r.data : [];
}

async function start(): Promise<void> {
  const stored = await api.getSettings();
  const l: Lang = stored && isLang(stored.language) ? stored.language : "fi";
  setLang(l);
  if (stored) settings = { ...stored, update_url: stored.update_url ?? null, root_ca_path: stored.root_ca_path ?? null };
  tariff = await api.tariffInfo();
  update = await api.updateStatus();
  void api.onTariffStatusChanged((e) => void onTariffStatus(e.tariff_changed));
  await loadServices();
  document.addEventListener("input", onInput);
  document.addEventListener("change", (e) => void onChange(e));
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  const dlg = document.createElement("dialog");
  dlg.id = "explain";
  dlg.className = "explain";
  document.body.appendChild(dlg);
  const upd = document.createElement("dialog");
  upd.id = "update-dialog";
  upd.className = "explain";
  document.body.appendChild(upd);
  const status = document.createElement("div");
  status.id = "status";
  status.setAttribute("role", "status");
  status.className = "sr-only";
  document.body.appendChild(status);
  renderMain();
  document.body.dataset.ready = "1";
}

void start();
