// The controller: events change the state (state.ts), every change asks the engine for the
// estimate of each alternative (api.ts) and the views render what comes back. No amount is
// computed here, only formatted by the views. On every edit the engine is asked for the brief
// estimate (figures and warnings, no explanation steps); the full estimate with its steps is
// asked only when an explanation is opened (BENCHMARKS.md, "The app").
import { api } from "./api";
import { html, render } from "./html";
import { isLang, lang, setLang, t, type Lang } from "./i18n";
import { ctx, activeAlt, activeResult, altName, fieldsOf, serviceOf, type Result } from "./context";
import { initialState, newId, prepare, spouseAsked, visibleIncomeFields, withSpouse, type AlternativeState, type FreqMode, type LineState, type Prepared, type UiState } from "./state";
import type { Brief, Estimate, Settings } from "./types";
import { headerView, navView, updateNotices } from "./views/header";
import { householdView } from "./views/household";
import { lineResultHtml, packageView } from "./views/package";
import { resultsInner, totalsLiveText } from "./views/results";
import { compareView } from "./views/compare";
import { summaryView } from "./views/summary";
import { presentationView } from "./views/presentation";
import { settingsView } from "./views/settings";
import { closeExplanation, figureAt, figureByTestid, openExplanation } from "./views/explanation";
import { fieldsRendered, markFields } from "./views/errors";
import { isMissing, problemOfEngineError, type Missing } from "./fields";

// ---------------------------------------------------------------- engine calls

/** Show "Lasketaan…" only when an answer takes longer than this (ms). */
const PENDING_AFTER_MS = 150;
let pendingTimer: number | undefined;
let seq = 0;
let recomputeQueued = false;

function schedule(): void {
  performance.mark("edit"); // BENCHMARKS.md: edit → result-painted latency
  ctx.pending = true;
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
    if (ctx.pending) renderResults();
  }, PENDING_AFTER_MS);
}

let firstResultMarked = false;
/**
 * Performance marks read by scripts/bench-app.sh (start-up and typing latency):
 * `result-rendered` when the new totals are in the DOM, `result-painted` (and the first time
 * `first-result`) after the frame that shows them has been rendered — a task queued from a
 * requestAnimationFrame callback runs after that frame's style, layout and paint.
 */
function markPainted(): void {
  // a long session must not grow the performance timeline without bound
  if (performance.getEntriesByName("result-painted").length >= 1000) {
    performance.clearMarks("edit");
    performance.clearMarks("result-rendered");
    performance.clearMarks("result-painted");
    performance.clearMarks("ipc-start");
    performance.clearMarks("ipc-end");
  }
  performance.mark("result-rendered");
  const shown = [...ctx.results.values()].some((r) => r.est);
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

/** Incomes the engine read although they were not given (empty is "not given", never 0 €). */
function incomesNotGiven(est: Brief, p: Prepared): Missing[] {
  const s = ctx.state;
  if (s.incomeNotGiven) return [];
  const out: Missing[] = [];
  const visible = visibleIncomeFields(s);
  const used = new Set(est.lines.flatMap((l) => l.incomes_used));
  for (const who of withSpouse(s) ? (["client", "spouse"] as const) : (["client"] as const)) {
    for (const f of used) {
      if (s[who][f].trim() === "" && visible.has(f) && !p.missing.some((m) => m.place.scope === "person" && m.place.who === who && m.place.field === f)) {
        out.push({ place: { scope: "person", who, field: f }, kind: "income" });
      }
    }
  }
  return out;
}

async function recompute(): Promise<void> {
  const my = ++seq;
  const s = ctx.state;
  const next = new Map<number, Result>();
  const prepared = s.alternatives.map((alt) => ({ alt, p: prepare(s, alt, fieldsOf) }));
  const ready = (p: Prepared) => p.problems.length === 0 && p.missing.length === 0 && p.sent.length > 0;
  await Promise.all(prepared.map(async ({ alt, p }) => {
    if (!ready(p)) {
      next.set(alt.id, { prepared: p });
      return;
    }
    performance.mark("ipc-start"); // BENCHMARKS.md: the IPC round trip's share of edit → DOM
    const r = await api.brief(p.scenario, lang());
    performance.mark("ipc-end");
    if (r.ok) {
      const notGiven = incomesNotGiven(r.data, p);
      if (notGiven.length) p.missing.push(...notGiven);
      next.set(alt.id, notGiven.length ? { prepared: p } : { prepared: p, est: r.data });
    } else {
      // An engine error is a problem of the field it names (or something still missing there).
      const mapped = problemOfEngineError(r.error, p.sent);
      if (mapped && isMissing(mapped)) p.missing.push(mapped);
      else if (mapped) p.problems.push(mapped);
      next.set(alt.id, { prepared: p, err: r.error });
    }
  }));
  let comparison: typeof ctx.comparison = null;
  if (s.alternatives.length >= 2 && [...next.values()].every((r) => r.est)) {
    const r = await api.compare(prepared.map(({ p }) => p.scenario), s.alternatives.map((a, i) => altName(a, i)), lang());
    comparison = r.ok ? { data: r.data } : { err: r.error };
  }
  if (my !== seq) return; // a newer change is on its way
  ctx.results = next;
  ctx.comparison = comparison;
  ctx.pending = false;
  window.clearTimeout(pendingTimer);
  renderResults();
  if (s.view !== "estimate" || s.presentation) renderMain();
  markPainted();
}

// ---------------------------------------------------------------- explanations on demand

/** The full estimate (with its steps) of an answer, asked once, when an explanation is opened. */
const fullOf = new WeakMap<Result, Promise<Estimate | null>>();
/** Bumped when an explanation is closed or the estimate is reset: an answer still on its way is not shown then. */
let explainSeq = 0;

function fullEstimate(r: Result, est: Brief): Promise<Estimate | null> {
  let p = fullOf.get(r);
  if (!p) {
    // the same scenario and language as the figures on screen
    p = api.estimate(r.prepared.scenario, est.lang).then((o) => (o.ok ? o.data : null));
    fullOf.set(r, p);
  }
  return p;
}

/**
 * Opens the explanation of the figure button `opener` (index `i` of the rendered figures). The
 * steps come from the full estimate of the answer on screen; if newer figures arrived while it
 * was on its way, the newer answer's estimate is asked instead, so the explanation always belongs
 * to the figure shown (and a late answer never replaces newer figures: it is not a result).
 */
async function openFigure(i: number, opener: HTMLElement): Promise<void> {
  const my = ++explainSeq;
  const testid = opener.dataset.testid ?? "";
  const presentation = ctx.state.presentation;
  for (let tries = 0; tries < 10; tries++) {
    const r = activeResult();
    if (!r?.est) return;
    const full = await fullEstimate(r, r.est);
    if (my !== explainSeq || ctx.state.presentation !== presentation) return; // closed, reset or left meanwhile
    if (activeResult() !== r) continue; // newer figures on screen: explain those
    const fig = figureByTestid(testid) ?? figureAt(i);
    if (!fig) return;
    const target = opener.isConnected ? opener : document.querySelector<HTMLElement>(`[data-testid="${testid}"]`) ?? opener;
    openExplanation(fig, full ? fig.steps(full) : null, target);
    return;
  }
}

function stopExplaining(): void {
  explainSeq++;
  closeExplanation();
}

// ---------------------------------------------------------------- rendering

const announced = new Set<string>();
let headerHtml = "";
let navHtml = "";
let liveText = "";

/** Announces a message once in the polite status region. */
function announce(msg: string): void {
  const el = document.getElementById("status");
  if (!el) return;
  el.textContent = "";
  window.setTimeout(() => (el.textContent = msg), 30);
}

/** What the header and nav depend on: they are rebuilt only when it changes. */
let chromeInputs: unknown[] = [];

/** The header and nav are replaced only when their content changed (a notice is not re-inserted at every render). */
function refreshChrome(): void {
  const est = [...ctx.results.values()].find((r) => r.est)?.est;
  const header = document.getElementById("app-header");
  const nav = document.getElementById("app-nav");
  // while typing none of these change: no markup is built at all
  const inputs = [header, nav, est?.tariff.valid_from, lang(), ctx.tariff, ctx.update, ctx.state.view, Math.floor(Date.now() / 60000)];
  if (inputs.length === chromeInputs.length && inputs.every((v, i) => v === chromeInputs[i])) return;
  chromeInputs = inputs;
  const hv = headerView(est?.tariff.valid_from);
  if (header && hv.text !== headerHtml) {
    const focusId = header.contains(document.activeElement) ? document.activeElement?.id : "";
    render(header, hv);
    headerHtml = hv.text;
    if (focusId) document.getElementById(focusId)?.focus();
  }
  const nv = navView();
  if (nav && nv.text !== navHtml) {
    render(nav, nv);
    navHtml = nv.text;
  }
  for (const notice of updateNotices()) {
    if (notice.level === "warn" && !announced.has(notice.key)) {
      announced.add(notice.key);
      announce(notice.text);
    }
  }
}

/** The short totals text is the only live region of the results (not the whole results). */
function refreshLive(): void {
  const el = document.getElementById("totals-live");
  const text = ctx.state.presentation || ctx.state.view !== "estimate" ? "" : totalsLiveText();
  if (el && text !== liveText) {
    el.textContent = text;
    liveText = text;
  }
}

function markActive(): void {
  const r = activeResult();
  markFields(r?.prepared.problems ?? [], r?.prepared.missing ?? []);
}

/** The estimate view's results and the band under each line, without touching the form. */
function renderResults(): void {
  if (ctx.state.presentation) {
    render(document.getElementById("results"), resultsInner(true));
    return;
  }
  render(document.getElementById("results"), resultsInner());
  for (const l of activeAlt().lines) {
    const box = document.getElementById(`line-${l.id}-result`);
    const next = lineResultHtml(l);
    if (box && lineHtml.get(box) !== next.text) {
      render(box, next);
      lineHtml.set(box, next.text);
    }
  }
  refreshChrome();
  markActive();
  refreshLive();
}

function shell(): void {
  const root = document.getElementById("app");
  if (!root) return;
  headerHtml = "";
  navHtml = "";
  render(root, html`<a class="skip" href="#household-h" id="skip-link">${t("app.skip")}</a>
    <header class="app-header" id="app-header"></header>
    <nav class="app-nav" id="app-nav" aria-label="${t("nav.label")}"></nav>
    <main id="main" tabindex="-1"></main>`);
}

let presentationShown = false;
/** The markup last written under each line (the box is new after every form render). */
const lineHtml = new WeakMap<Element, string>();

function renderMain(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const s = ctx.state;
  const focusId = document.activeElement instanceof HTMLElement ? document.activeElement.id : "";
  document.body.classList.toggle("presentation", s.presentation);
  document.title = t("app.title");
  if (s.presentation) {
    render(root, presentationView());
    presentationShown = true;
  } else {
    if (presentationShown || !document.getElementById("app-header")) {
      shell();
      presentationShown = false;
    }
    const main = s.view === "compare" ? compareView()
      : s.view === "summary" ? summaryView()
      : s.view === "settings" ? settingsView()
      : html`<div class="layout"><div class="inputs">${householdView()}${packageView()}</div>
        <section class="card results" id="results" aria-labelledby="results-h">${resultsInner()}</section></div>`;
    render(document.getElementById("main"), main);
    const skip = document.getElementById("skip-link") as HTMLAnchorElement | null;
    if (skip) skip.href = s.view === "estimate" ? "#household-h" : "#main";
    refreshChrome();
  }
  restoreFocus(focusId);
  fieldsRendered();
  markActive();
  refreshLive();
}

/** Focus back on the element with this id after a re-render, the caret at the end of a text. */
function restoreFocus(id: string | undefined): void {
  if (!id) return;
  const el = document.getElementById(id);
  if (!el || el === document.activeElement) return;
  el.focus();
  if (el instanceof HTMLInputElement && el.type === "text") el.setSelectionRange(el.value.length, el.value.length);
}

// ---------------------------------------------------------------- settings page

async function saveUpdateSettings(): Promise<void> {
  const url = (document.getElementById("update-url") as HTMLInputElement | null)?.value.trim() ?? "";
  const ca = (document.getElementById("update-ca") as HTMLInputElement | null)?.value.trim() ?? "";
  const next: Settings = { ...ctx.settings, language: lang(), update_url: url || null, root_ca_path: ca || null };
  // saving an address starts a check at once: listen before it can end
  if (next.update_url) await listenForUpdates();
  const r = await api.saveSettings(next);
  if (!r.ok) {
    const e = r.error as { code: string; field?: string };
    const key = e.code === "invalid_input" && e.field === "update_url" ? "update.badUrl" : e.code === "invalid_input" && e.field === "root_ca_path" ? "update.badCa" : "update.saveFailed";
    render(document.getElementById("main"), settingsView(t(key)));
    (document.getElementById("update-url") as HTMLInputElement).value = url;
    (document.getElementById("update-ca") as HTMLInputElement).value = ca;
    return;
  }
  ctx.settings = next;
  ctx.tariff = r.data;
  ctx.update = await api.updateStatus();
  renderMain();
  announce(t("update.saved"));
}

async function checkUpdatesNow(): Promise<void> {
  if (ctx.update) ctx.update = { ...ctx.update, checking: true };
  renderMain();
  const r = await api.checkUpdatesNow();
  if (r.ok) ctx.update = r.data;
  ctx.tariff = await api.tariffInfo();
  renderMain();
}

let listening = false;
/**
 * Listens for the background updater's checks, once updates are on (an update address is set):
 * without one no check ever runs, and registering a Tauri event listener evaluates a script in
 * the webview, which starts JavaScriptCore in the app process too (3.7 MB PSS; BENCHMARKS.md).
 */
async function listenForUpdates(): Promise<void> {
  if (listening) return;
  listening = true;
  await api.onTariffStatusChanged((e) => void onTariffStatus(e.tariff_changed));
}

/** After every check of the background updater: new header; a new tariff → new estimate. */
async function onTariffStatus(changed: boolean): Promise<void> {
  ctx.tariff = await api.tariffInfo();
  ctx.update = await api.updateStatus();
  if (changed) {
    await loadServices();
    schedule();
  }
  if (ctx.state.view === "settings") renderMain();
  else refreshChrome();
}

// ---------------------------------------------------------------- events

function findLine(id: number): LineState | undefined {
  return activeAlt().lines.find((l) => l.id === id);
}

function onInput(e: Event): void {
  const el = e.target as HTMLInputElement | HTMLSelectElement;
  const id = el.id;
  if (!id) return;
  const s = ctx.state;
  let m: RegExpExecArray | null;
  let structural = !!el.dataset.structural;
  if (id === "date") s.date = el.value;
  else if (id === "persons") {
    const shown = document.getElementById("has-spouse-yes") !== null;
    s.persons = el.value;
    // The spouse question appears (or goes) with the family size: re-render the form.
    structural = shown !== spouseAsked(s);
  } else if ((m = /^(client|spouse)-(\w+)$/.exec(id))) {
    const who = m[1] as "client" | "spouse";
    (s[who] as unknown as Record<string, string>)[m[2]!] = el.value;
  } else if (id === "alt-name") {
    activeAlt().name = el.value;
    const tab = document.getElementById(`alt-tab-${s.active}`);
    if (tab) tab.textContent = altName(activeAlt(), s.active);
  } else if ((m = /^line-(\d+)-(\w+)$/.exec(id))) {
    const line = findLine(Number(m[1]));
    if (!line) return;
    const f = m[2]!;
    if (f === "production") line.production = el.value as LineState["production"];
    else if (f === "freq") line.freqMode = el.value as FreqMode;
    else if (el instanceof HTMLInputElement && el.type === "checkbox") line.values[f] = el.checked ? "true" : "";
    else line.values[f] = el.value;
  } else if (id === "add-category") {
    ctx.addCategory = el.value;
  } else return;
  if (structural) renderMain();
  if (id !== "add-category") schedule();
}

async function onChange(e: Event): Promise<void> {
  const el = e.target as HTMLInputElement | HTMLSelectElement;
  const s = ctx.state;
  if (el.id === "spouse-in-care") {
    s.spouseInLongTermCare = (el as HTMLInputElement).checked;
    schedule();
  } else if (el.id === "has-spouse-yes" || el.id === "has-spouse-no") {
    s.hasSpouse = el.id === "has-spouse-yes";
    renderMain();
    schedule();
  } else if (el.id === "guarantee-pension") {
    s.guaranteePension = (el as HTMLInputElement).checked;
    schedule();
  } else if (el.id === "income-not-given") {
    s.incomeNotGiven = (el as HTMLInputElement).checked;
    renderMain();
    schedule();
  } else if (el.id === "lang" && isLang(el.value)) {
    setLang(el.value);
    shell();
    renderMain();
    // the engine writes the explanations, warnings and names in the new language
    schedule();
    ctx.settings = { ...ctx.settings, language: el.value, organisation: ctx.tariff?.active?.organisation ?? null };
    void api.saveSettings(ctx.settings);
  } else if (el.id === "org") {
    const next: Settings = { ...ctx.settings, language: lang(), organisation: el.value };
    const r = await api.saveSettings(next);
    if (r.ok) {
      ctx.settings = next;
      ctx.tariff = r.data;
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
  document.querySelector<HTMLElement>(`[data-line="${line.id}"] input, [data-line="${line.id}"] select`)?.focus();
  schedule();
}

function duplicateAlt(): void {
  const s = ctx.state;
  if (s.alternatives.length >= 3) return;
  const src = activeAlt();
  const copy: AlternativeState = { id: newId(), name: "", lines: src.lines.map((l) => ({ ...l, id: newId(), values: { ...l.values } })) };
  s.alternatives.push(copy);
  s.active = s.alternatives.length - 1;
  s.view = "estimate";
  renderMain();
  document.getElementById(`alt-tab-${s.active}`)?.focus();
  schedule();
}

/** "Uusi arvio": a new state object; every result, dialog, live text and choice of the previous one goes. */
function newEstimate(): void {
  seq++;
  ctx.state = initialState();
  ctx.results = new Map();
  ctx.comparison = null;
  ctx.pending = false;
  ctx.addCategory = "";
  stopExplaining();
  const live = document.getElementById("totals-live");
  if (live) live.textContent = "";
  liveText = "";
  shell();
  renderMain();
  document.getElementById("date")?.focus();
  announce(t("newEstimate.done"));
}

function goTo(view: UiState["view"]): void {
  ctx.state.view = view;
  renderMain();
  const h = document.querySelector<HTMLElement>("#main h2");
  if (h) {
    h.tabIndex = -1;
    h.focus();
  } else document.getElementById("main")?.focus();
}

function onClick(e: Event): void {
  const el = e.target as HTMLElement;
  const link = el.closest<HTMLAnchorElement>("a[data-focus], a.skip");
  if (link) {
    // Error summary links and the skip link move the focus to their target (not only the scroll).
    const id = link.dataset.focus ?? link.hash.slice(1);
    const target = document.getElementById(id);
    if (target) {
      e.preventDefault();
      if (target.tabIndex < 0 && !/^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(target.tagName)) target.tabIndex = -1;
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
    return;
  }
  const target = el.closest("button");
  if (!target) return;
  const d = target.dataset;
  const s = ctx.state;
  if (d.nav) {
    if (d.nav === "presentation") {
      s.presentation = true;
      stopExplaining();
      renderMain();
      document.getElementById("presentation-back")?.focus();
    } else goTo(d.nav as UiState["view"]);
  } else if (target.id === "presentation-back") {
    s.presentation = false;
    stopExplaining();
    renderMain();
    (document.querySelector('[data-nav="presentation"]') as HTMLElement | null)?.focus();
  } else if (d.fill) {
    // An ambiguous number: the reading the counsellor chose is typed in, unambiguously.
    const input = document.getElementById(d.fill) as HTMLInputElement | null;
    if (input) {
      input.value = d.value ?? "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    }
  } else if (target.id === "use-highest-fee") {
    s.incomeNotGiven = true;
    renderMain();
    document.getElementById("income-not-given")?.focus();
    schedule();
  } else if (target.id === "update-save") void saveUpdateSettings();
  else if (target.id === "update-check") void checkUpdatesNow();
  else if (target.id === "add-line") addLine();
  else if (d.removeLine) {
    const alt = activeAlt();
    alt.lines = alt.lines.filter((l) => l.id !== Number(d.removeLine));
    renderMain();
    document.getElementById("add-service")?.focus();
    schedule();
  } else if (d.alt !== undefined) {
    s.active = Number(d.alt);
    renderMain();
    document.getElementById(`alt-tab-${s.active}`)?.focus();
  } else if (target.id === "dup-alt") duplicateAlt();
  else if (target.id === "remove-alt") {
    s.alternatives.splice(s.active, 1);
    s.active = Math.max(0, s.active - 1);
    renderMain();
    schedule();
  } else if (target.id === "new-estimate") newEstimate();
  else if (target.id === "print") window.print();
  else if (target.id === "explain-close") stopExplaining();
  else if (d.fig !== undefined) void openFigure(Number(d.fig), target);
}

function onKeydown(e: KeyboardEvent): void {
  const el = e.target as HTMLElement;
  const s = ctx.state;
  // Arrow keys move between alternative tabs (WAI-ARIA tabs pattern).
  if (el.getAttribute("role") === "tab" && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
    const n = s.alternatives.length;
    s.active = (s.active + (e.key === "ArrowRight" ? 1 : n - 1)) % n;
    renderMain();
    document.getElementById(`alt-tab-${s.active}`)?.focus();
    e.preventDefault();
  } else if (e.key === "Escape" && s.presentation && !(document.getElementById("explain") as HTMLDialogElement | null)?.open) {
    s.presentation = false;
    renderMain();
    (document.querySelector('[data-nav="presentation"]') as HTMLElement | null)?.focus();
  }
}

async function loadServices(): Promise<void> {
  const r = await api.listServices();
  ctx.services = r.ok ? r.data : [];
}

export async function start(): Promise<void> {
  const stored = await api.getSettings();
  const l: Lang = stored && isLang(stored.language) ? stored.language : "fi";
  setLang(l);
  if (stored) ctx.settings = { ...stored, update_url: stored.update_url ?? null, root_ca_path: stored.root_ca_path ?? null };
  ctx.tariff = await api.tariffInfo();
  ctx.update = await api.updateStatus();
  if (ctx.update?.enabled) await listenForUpdates();
  await loadServices();
  document.addEventListener("input", onInput);
  document.addEventListener("change", (e) => void onChange(e));
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  const dlg = document.createElement("dialog");
  dlg.id = "explain";
  dlg.className = "explain";
  document.body.appendChild(dlg);
  for (const [id, role] of [["status", "status"], ["totals-live", "status"]] as const) {
    const el = document.createElement("div");
    el.id = id;
    el.setAttribute("role", role);
    el.className = "sr-only";
    document.body.appendChild(el);
  }
  shell();
  renderMain();
  document.body.dataset.ready = "1";
}
