// UI flow tests in headless Chromium with mocked IPC. Run: node --test tests/ (after npm run build).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openApp, calls, buildHomeCare, axe, smallTargets, fixtures } from "./harness.mjs";

const shots = join(dirname(fileURLToPath(import.meta.url)), "../../tests/e2e/screenshots");
mkdirSync(shots, { recursive: true });
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NBSP = "\u00a0";

test("household + package → estimate sent as the scenario contract and rendered", async () => {
  const { page, context, errors, external } = await openApp(browser);
  await buildHomeCare(page);
  const est = await calls(page, "estimate_brief");
  const last = est[est.length - 1].args.scenario;
  assert.deepEqual(last.household, { persons: 1, client: { gross_income: "1200", deductions: {} }, spouse: null });
  // Only the fields the chosen services need are shown: gross income for home care, net income
  // (optional) for the fee-reduction check, no long-term deductions.
  assert.equal(await page.locator("#client-medicines").count(), 0);
  assert.deepEqual(last.services, [{ service: "home_care", production: "own", hours_per_month: "8" }]);
  assert.match(last.date, /^\d{4}-\d{2}-\d{2}$/);
  // Money is formatted by Intl for fi-FI: no-break space before €.
  assert.equal(await page.textContent("[data-testid=total-client-monthly]"), `80,16${NBSP}€`);
  assert.equal(await page.textContent("[data-testid=total-client-yearly]"), `961,92${NBSP}€`);
  const band = await page.textContent(".band");
  assert.match(band, /16 %/);
  assert.match(band, /Seuraava maksuluokka alkaa 9 h\/kk/);
  assert.match(await page.textContent("[data-testid=tariff]"), /Testialue.*2026\.test.*voimassa 1\.1\.2026/s);
  assert.match(await page.textContent(".warnings"), /vahvistettu/);
  assert.deepEqual(errors, []);
  assert.deepEqual(external, [], "no remote loads");
  await context.close();
});

test("each figure opens its explanation (steps, parameters, legal section) and focus returns", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.click("[data-testid=fee-monthly-0]");
  const dlg = page.locator("dialog#explain");
  await dlg.waitFor({ state: "visible" });
  const text = await dlg.textContent();
  assert.match(text, /asiakasmaksulaki 10 e §/);
  assert.match(text, /Tuloraja 1 henkilön perheelle/);
  await page.click("dialog#explain details summary");
  assert.match(await dlg.textContent(), /home_care\.income_limit/);
  assert.match(await dlg.textContent(), /voimassa 1\.1\.2026 alkaen/);
  await page.keyboard.press("Escape");
  await dlg.waitFor({ state: "hidden" });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "fee-monthly-0", null, { timeout: 2000 });
  await context.close();
});

test("every edit asks only for the brief (no steps); an explanation asks once for the full estimate of the figures shown", async () => {
  const { page, context, errors } = await openApp(browser);
  await buildHomeCare(page);
  assert.equal((await calls(page, "estimate")).length, 0, "no explanation steps are fetched while typing");
  const briefs = await calls(page, "estimate_brief");
  assert.ok(briefs.length >= 1);
  await page.click("[data-testid=fee-monthly-0]");
  await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
  assert.match(await page.textContent("dialog#explain"), /Tuloraja 1 henkilön perheelle: 699,00\s€/);
  let full = await calls(page, "estimate");
  assert.equal(full.length, 1);
  assert.deepEqual(full[0].args.scenario, briefs[briefs.length - 1].args.scenario, "the same scenario as the figures on screen");
  await page.keyboard.press("Escape");
  // another figure of the same answer: no new request
  await page.click("[data-testid=fee-yearly-0]");
  await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
  full = await calls(page, "estimate");
  assert.equal(full.length, 1, "the full estimate of an answer is asked once");
  await page.keyboard.press("Escape");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a slow explanation never replaces newer figures, and explains the figure then on screen", async () => {
  const { page, context, errors } = await openApp(browser);
  await page.evaluate(() => {
    // 1 300 € gives other figures and a step text of its own
    window.__estimateOverride = (s, fx, kind) => {
      const e = structuredClone(fx[`${kind}_home_care_8h`]);
      if (s.household.client.gross_income === "1300") {
        e.total.client_fees_monthly = "96.16";
        e.lines[0].client_fee_monthly = "96.16";
        if (kind === "estimate") e.lines[0].explanation.find((st) => st.key === "home_care.fee").text = "UUSI LASKU 96,16 €";
      }
      return e;
    };
  });
  await buildHomeCare(page);
  await page.evaluate(() => { window.__delays = { estimate: 400 }; });
  await page.click("[data-testid=fee-monthly-0]");
  await page.fill("#client-gross_income", "1300");
  await page.waitForFunction(() => /96,16/.test(document.querySelector("[data-testid=total-client-monthly]")?.textContent ?? ""));
  await page.locator("dialog#explain .steps").waitFor({ state: "visible", timeout: 5000 });
  assert.match(await page.textContent("dialog#explain"), /UUSI LASKU 96,16/, "the explanation of the figure on screen");
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /96,16/, "the late answer did not replace the newer figures");
  const full = await calls(page, "estimate");
  assert.equal(full[full.length - 1].args.scenario.household.client.gross_income, "1300");
  await page.keyboard.press("Escape");
  // "Uusi arvio" while an explanation is on its way: nothing opens afterwards
  await page.fill("#client-gross_income", "1200");
  await page.waitForFunction(() => /80,16/.test(document.querySelector("[data-testid=total-client-monthly]")?.textContent ?? ""));
  await page.click("[data-testid=fee-monthly-0]");
  await page.click("#new-estimate");
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => document.getElementById("explain").open), false, "no explanation of the previous estimate opens");
  assert.equal(await page.evaluate(() => document.getElementById("explain").innerHTML), "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("alternatives: duplicate, change to voucher, compare side by side with differences", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.click("#dup-alt");
  assert.equal(await page.getAttribute("#alt-tab-1", "aria-selected"), "true");
  const prod = page.locator("select[id$='-production']").first();
  await prod.selectOption("voucher");
  await page.locator("input[id$='-provider_price_per_hour']").first().fill("40");
  await page.click("[data-nav=compare]");
  await page.waitForSelector("[data-testid=compare-table]");
  const cmp = await calls(page, "compare");
  const lastCmp = cmp[cmp.length - 1].args;
  assert.equal(lastCmp.scenarios.length, 2);
  assert.equal(lastCmp.scenarios[1].services[0].production, "voucher");
  assert.equal(lastCmp.scenarios[1].services[0].provider_price_per_hour, "40");
  assert.deepEqual(lastCmp.names, ["Vaihtoehto 1", "Vaihtoehto 2"]);
  const changed = await page.locator("td.changed").count();
  assert.ok(changed >= 1, "differences are highlighted");
  await page.screenshot({ path: join(shots, "ui-compare-1280x800.png"), fullPage: true });
  await context.close();
});

test("client summary prints plain Finnish with tariff version and the decision statement", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.click("[data-nav=summary]");
  const s = await page.textContent("[data-testid=summary]");
  assert.match(s, /Lopullinen maksu määrätään päätöksellä\./);
  assert.match(s, /versio 2026\.test/);
  assert.match(s, /80,16/);
  // The summary is the client's own: it names the income it is based on (trust.test.mjs: basis).
  assert.match(s, /Asiakas: bruttotulot 1\s200,00\s€ kuukaudessa/);
  await page.click("#print");
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".app-nav"), false);
  await context.close();
});

test("presentation mode hides the HVA cost and incomes; one tap back", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.click("[data-nav=presentation]");
  assert.equal(await page.locator(".hva:visible").count(), 0);
  assert.equal(await page.locator("#client-gross_income").count(), 0);
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /80,16/);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(size >= 20, `large type (${size}px)`);
  await page.click("#presentation-back");
  assert.equal(await page.inputValue("#client-gross_income"), "1200");
  await context.close();
});

test("Uusi arvio clears everything", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.click("#dup-alt");
  await page.click("#new-estimate");
  assert.equal(await page.inputValue("#client-gross_income"), "");
  assert.equal(await page.locator(".lines > li").count(), 0);
  assert.equal(await page.locator("[role=tab]").count(), 1);
  assert.equal(await page.locator("[data-testid=total-client-monthly]").count(), 0);
  const html = await page.content();
  assert.doesNotMatch(html, /1200|80,16/);
  await context.close();
});

for (const lang of ["fi", "sv", "en"]) {
  test(`accessibility (axe, WCAG 2.1 AA) and touch targets in ${lang}`, async () => {
    const { page, context } = await openApp(browser, { lang });
    assert.equal(await page.getAttribute("html", "lang"), lang);
    await buildHomeCare(page).catch(async () => {
      // Labels differ per language but ids do not; buildHomeCare uses ids only.
      throw new Error("could not build package");
    });
    await page.click("#client-gross_income");
    await page.click("details.more summary");
    let r = await axe(page, `${lang} estimate`);
    assert.deepEqual(r.bad, [], `${lang} estimate view`);
    assert.deepEqual(await smallTargets(page), [], "touch targets ≥ 44 px");
    // The spouse question, a field error with its readings, and the missing-income prompt.
    await page.fill("#persons", "2");
    await page.waitForSelector("[data-testid=missing-summary]");
    r = await axe(page, `${lang} spouse question`);
    assert.deepEqual(r.bad, [], `${lang} spouse question`);
    assert.deepEqual(await smallTargets(page), [], "radio targets ≥ 44 px");
    await page.check("#has-spouse-yes");
    await page.fill("#client-gross_income", "1.650");
    await page.waitForSelector("[data-testid=error-summary]");
    r = await axe(page, `${lang} field errors`);
    assert.deepEqual(r.bad, [], `${lang} field errors`);
    assert.deepEqual(await smallTargets(page), [], "reading buttons and summary links ≥ 44 px");
    await page.check("#has-spouse-no");
    await page.fill("#persons", "1");
    await page.fill("#client-gross_income", "1200");
    await page.waitForFunction(() => /80[.,]16/.test(document.querySelector("[data-testid=total-client-monthly]")?.textContent ?? ""));
    await page.click("[data-testid=fee-monthly-0]");
    await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
    const stepTitles = { fi: null, sv: "Betalningsprocent", en: "Fee percentage" }[lang];
    if (stepTitles) assert.match(await page.textContent("dialog#explain"), new RegExp(stepTitles));
    assert.ok((await page.locator(`dialog#explain .step-text[lang=${lang}]`).count()) > 0, "the step text is marked with its language");
    r = await axe(page, `${lang} explanation`);
    assert.deepEqual(r.bad, [], `${lang} explanation dialog`);
    await page.keyboard.press("Escape");
    await page.click("[data-nav=summary]");
    r = await axe(page, `${lang} summary`);
    assert.deepEqual(r.bad, []);
    await page.click("[data-nav=estimate]");
    await page.click("#dup-alt");
    await page.click("[data-nav=compare]");
    await page.waitForSelector("[data-testid=compare-table]");
    r = await axe(page, `${lang} compare`);
    assert.deepEqual(r.bad, []);
    await page.click("[data-nav=presentation]");
    r = await axe(page, `${lang} presentation`);
    assert.deepEqual(r.bad, []);
    await page.click("[data-testid=fee-monthly-0]");
    await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
    r = await axe(page, `${lang} presentation explanation`);
    assert.deepEqual(r.bad, []);
    await page.keyboard.press("Escape");
    await page.click("#presentation-back");
    await page.click("[data-nav=settings]");
    await page.waitForSelector("[data-testid=settings]");
    r = await axe(page, `${lang} settings`);
    assert.deepEqual(r.bad, []);
    assert.deepEqual(await smallTargets(page), [], "settings targets ≥ 44 px");
    await context.close();
  });
}

test("layouts: tablet portrait/landscape, desktop, 200 % zoom and 320 px have no horizontal scrolling", async () => {
  for (const [w, h, name] of [[1280, 800, "tablet-landscape"], [800, 1280, "tablet-portrait"], [1600, 1000, "desktop"], [640, 400, "zoom200"], [320, 640, "narrow"]]) {
    const { page, context } = await openApp(browser, { viewport: { width: w, height: h } });
    await buildHomeCare(page);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `${name}: no horizontal scroll (overflow ${over}px)`);
    await page.screenshot({ path: join(shots, `ui-${name}-${w}x${h}.png`), fullPage: false });
    await context.close();
  }
});

test("long-term deductions appear only with long-term care; gross income goes with it", async () => {
  const { page, context } = await openApp(browser);
  assert.equal(await page.locator("#client-housing").count(), 0);
  await page.selectOption("#add-category", "housing");
  await page.selectOption("#add-service", "round_the_clock_housing");
  await page.click("#add-line");
  assert.equal(await page.locator("#client-net_income").count(), 1);
  assert.equal(await page.locator("#client-gross_income").count(), 0);
  assert.equal(await page.locator("#client-housing").count(), 1);
  await page.fill("#client-net_income", "1500");
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === "estimate_brief" && c.args.scenario.household.client.net_income === "1500"));
  const est = await calls(page, "estimate_brief");
  assert.equal(est[est.length - 1].args.scenario.household.client.gross_income, undefined);
  await context.close();
});

test("keyboard only: tab order reaches the package builder and adds a service", async () => {
  const { page, context } = await openApp(browser);
  await page.focus("#client-gross_income");
  await page.keyboard.type("1200");
  // Move with Tab to the add button and press Enter.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.id === "add-line")) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "add-line");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".lines > li").count(), 1);
  // Focus moved to the new line so the amount can be typed at once.
  assert.match(await page.evaluate(() => document.activeElement?.id ?? ""), /^line-\d+-/);
  await context.close();
});

test("issue 10: the guarantee-pension waiver is asked in the household and sent as household.guarantee_pension", async () => {
  const { page, context, errors } = await openApp(browser);
  await buildHomeCare(page);
  let est = await calls(page, "estimate_brief");
  assert.equal(est[est.length - 1].args.scenario.household.guarantee_pension, undefined, "not sent unless asked");
  await page.check("#guarantee-pension");
  await page.waitForFunction(() => window.__calls.filter((c) => c.cmd === "estimate_brief").some((c) => c.args.scenario.household.guarantee_pension === true));
  est = await calls(page, "estimate_brief");
  assert.equal(est[est.length - 1].args.scenario.household.guarantee_pension, true);
  await page.click("[data-nav=summary]");
  assert.match(await page.textContent("[data-testid=summary-guarantee-pension]"), /Takuueläkkeen saaja/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("issue 10: the printed summary names the unconfirmed values of the client's fee by title, placeholders apart", async () => {
  const { page, context, errors } = await openApp(browser);
  await page.evaluate(() => {
    window.__estimateOverride = (s, fx, kind) => {
      const e = structuredClone(fx[`${kind}_home_care_8h`]);
      const w = e.warnings.find((x) => x.code === "unverified_parameters");
      // the engine's shape: parameter, title, placeholder, client_fee for each value
      w.values = [
        ["home_care.income_limit", "Tuloraja perheen koon mukaan", "false", "true"],
        ["support_services.meal_delivery.fee_per_unit", "Ateriapalvelu: maksu", "true", "true"],
        ["prices.home_care.own", "Kustannus: kotihoito (oma tuotanto)", "true", "false"],
      ].flatMap(([k, title, ph, cl]) => [
        { name: "parameter", value: k }, { name: "title", value: title }, { name: "placeholder", value: ph }, { name: "client_fee", value: cl },
      ]);
      return e;
    };
  });
  await buildHomeCare(page);
  const warning = await page.textContent("[data-code=unverified_parameters]");
  assert.match(warning, /Kustannus: kotihoito \(oma tuotanto\)/, "the counsellor sees every value");
  await page.click("[data-nav=summary]");
  const caveat = await page.textContent("[data-testid=summary-caveat]");
  assert.match(caveat, /Vahvistamattomat arvot: Tuloraja perheen koon mukaan; Ateriapalvelu: maksu\./);
  assert.match(caveat, /alustavia, hyvinvointialueen vielä päättämättömiä: Ateriapalvelu: maksu\./);
  assert.ok(!caveat.includes("Kustannus"), "the HVA's own cost is not the client's concern");
  assert.ok(!caveat.includes("home_care.income_limit"), "titles, not keys");
  assert.deepEqual(errors, []);
  await context.close();
});
