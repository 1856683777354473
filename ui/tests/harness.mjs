// Shared harness for the UI tests: headless Debian Chromium via playwright-core (no browser
// download), ui/dist served from a fake origin, and a mocked Tauri IPC that replays real engine
// answers (fixtures/engine.json, written by the Rust test `write_ui_fixtures`).
import { chromium } from "playwright-core";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, extname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const dist = join(here, "../dist");
export const fixtures = JSON.parse(readFileSync(join(here, "fixtures/engine.json"), "utf8"));
export const axeSource = readFileSync(join(here, "../node_modules/axe-core/axe.min.js"), "utf8");
const ORIGIN = "http://app.test";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The IPC mock installed in the page: records every call, answers from the fixtures. */
function installMock(fx) {
  window.__calls = [];
  window.__printed = 0;
  window.print = () => { window.__printed += 1; };
  // the fixture in the language asked (`<name>_sv`, `<name>_en`), else the Finnish one
  const inLang = (args, name) => fx[`${name}_${args.lang}`] ?? fx[name];
  const answer = (cmd, args) => {
    switch (cmd) {
      case "tariff_info": return window.__tariffOverride ?? fx.tariff_info;
      case "list_services": return fx.list_services;
      case "get_settings": return { language: window.__startLang ?? "fi", organisation: null };
      case "save_settings": return window.__tariffOverride ?? fx.tariff_info;
      case "update_status": return window.__updateOverride ?? { enabled: false, checking: false, last: null };
      case "check_updates_now": return window.__updateOverride ?? { enabled: false, checking: false, last: null };
      case "plugin:event|listen": return 1;
      case "plugin:event|unlisten": return null;
      // the full estimate (explanations, asked when one is opened) and the brief (every edit):
      // the same scenarios answer from `estimate_<name>` and `brief_<name>`
      case "estimate":
      case "estimate_brief": {
        const kind = cmd === "estimate" ? "estimate" : "brief";
        const s = args.scenario;
        if (s.date < "2021-07-01") throw fx.error_not_in_force;
        if (Number(s.household.client.gross_income ?? 0) > 10000000) throw fx.error_income_too_large;
        if (window.__estimateOverride) return window.__estimateOverride(s, fx, kind);
        const line = s.services[0];
        if (s.household.income_not_given) return fx[`${kind}_home_care_highest_fee`];
        if (line && line.service === "round_the_clock_housing") {
          return fx[s.household.spouse ? `${kind}_long_term_with_spouse` : `${kind}_long_term_no_spouse`];
        }
        return inLang(args, line && line.production === "voucher" ? `${kind}_home_care_voucher` : `${kind}_home_care_8h`);
      }
      case "compare": return inLang(args, "compare_own_voucher");
      default: throw { code: "invalid_input", field: "", message: `unmocked command ${cmd}`, problem: { kind: "malformed", detail: `unmocked command ${cmd}` } };
    }
  };
  window.__TAURI_INTERNALS__ = {
    invoke: async (cmd, args) => {
      window.__calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})) });
      // a slow engine for one command (tests of late answers)
      const delay = (window.__delays ?? {})[cmd];
      if (delay) await new Promise((r) => setTimeout(r, delay));
      return answer(cmd, args ?? {});
    },
    transformCallback: () => 0,
    metadata: { currentWindow: { label: "main" }, currentWebview: { label: "main", windowLabel: "main" } },
  };
}

export async function openApp(browser, { lang = "fi", viewport = { width: 1280, height: 800 }, tariffInfo = null, updateView = null } = {}) {
  if (!existsSync(join(dist, "index.html"))) throw new Error("ui/dist missing: run `npm run build` in ui/");
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: "fi-FI" });
  const page = await context.newPage();
  const external = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith(ORIGIN)) {
      external.push(url);
      return route.abort();
    }
    let path = new URL(url).pathname;
    if (path === "/") path = "/index.html";
    const file = join(dist, path);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
  });
  await page.addInitScript(`window.__startLang = ${JSON.stringify(lang)}; window.__tariffOverride = ${JSON.stringify(tariffInfo)}; window.__updateOverride = ${JSON.stringify(updateView)};`);
  await page.addInitScript(installMock, fixtures);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForSelector("body[data-ready='1']");
  return { page, context, errors, external };
}

export async function calls(page, cmd) {
  return (await page.evaluate(() => window.__calls)).filter((c) => !cmd || c.cmd === cmd);
}

/** Fills in the hand-calculated case: 1 person, gross 1200 €/kk, home care 8 h/kk, own production. */
export async function buildHomeCare(page) {
  await page.fill("#client-gross_income", "1200");
  await page.selectOption("#add-category", "home_care");
  await page.selectOption("#add-service", "home_care");
  await page.click("#add-line");
  const hours = page.locator("input[id$='-hours_per_month']").first();
  await hours.fill("8");
  await page.waitForFunction(() => document.querySelector("[data-testid=total-client-monthly]")?.textContent?.match(/80[.,]16/));
  await page.waitForFunction(() => !document.querySelector("[data-testid=pending]"));
}

export async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    // WCAG 2.1 A/AA, plus the two best-practice rules the issue names.
    const wcag = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    const bp = await axe.run(document, { runOnly: { type: "rule", values: ["landmark-unique", "page-has-heading-one"] } });
    const r = { violations: [...wcag.violations, ...bp.violations] };
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  // Serious and critical violations, and the two best-practice rules at any impact.
  const bad = res.filter((v) => v.impact === "serious" || v.impact === "critical" || ["landmark-unique", "page-has-heading-one"].includes(v.id));
  if (bad.length) console.error(`axe ${label}:`, JSON.stringify(bad, null, 2));
  return { all: res, bad };
}

/** Interactive elements smaller than 44×44 CSS px (WCAG 2.5.5 target size), checkboxes and radios included. */
export async function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll("button, input, select, summary, a[href]")]
    .filter((el) => el.offsetParent !== null && !el.classList.contains("skip"))
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.height < 44 - 0.5 || r.width < 44 - 0.5)
    .map(({ el, r }) => `${el.tagName}#${el.id || el.textContent?.trim().slice(0, 20)} ${Math.round(r.width)}x${Math.round(r.height)}`));
}

/**
 * Every text the page holds: the markup (dialogs included), every input's and select's current
 * value, and the live regions. A value typed into an input is not in the markup, so it is read
 * separately.
 */
export async function pageText(page) {
  return page.evaluate(() => [
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll("input, select, textarea")].map((el) => el.value),
    ...[...document.querySelectorAll("select option:checked")].map((o) => o.textContent),
    document.title,
  ].join("\n"));
}

/** The ways a money amount can appear on screen (`1 234,56 €`, `€1,234.56`, `1234.56`). */
export function moneyNeedles(decimal) {
  const n = Number(decimal);
  const out = new Set([decimal]);
  for (const loc of ["fi-FI", "sv-FI", "en-FI"]) {
    out.add(new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n));
    out.add(new Intl.NumberFormat(loc, { style: "currency", currency: "EUR" }).format(n));
  }
  return [...out];
}
