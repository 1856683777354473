// Issue 11, the trust items, in headless Chromium with mocked IPC (the engine's real answers
// replayed from fixtures/engine.json): numbers read for the UI language and never guessed, every
// error named at its field, missing is not zero, the spouse question, explanations of the figure
// they open, presentation mode and "Uusi arvio" leaving nothing behind, the summary's basis.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, calls, buildHomeCare, fixtures, pageText, moneyNeedles } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const lastScenario = async (page) => {
  const est = await calls(page, "estimate_brief");
  return est[est.length - 1]?.args.scenario;
};
const waitForScenario = (page, pred) =>
  page.waitForFunction((src) => {
    const est = window.__calls.filter((c) => c.cmd === "estimate_brief");
    const s = est[est.length - 1]?.args.scenario;
    return s && new Function("s", `return ${src}`)(s);
  }, pred, { timeout: 5000 });

async function addService(page, category, code) {
  await page.selectOption("#add-category", category);
  await page.selectOption("#add-service", code);
  await page.click("#add-line");
}

// ---------------------------------------------------------------- 1. numbers

const LANGS = {
  fi: { ask: /Luku 1\.650 on epäselvä\. Tarkoititko 1\s650\s€\?/, yes: /^Kyllä, 1\s650\s€$/, no: /^Ei, vaan 1,65\s€$/, fill: "1 650", hours: /Tarkoititko 1,65\?/, bad: /Anna summa euroina/ },
  sv: { ask: /Talet 1\.650 är tvetydigt\. Menade du 1\s650\s€\?/, yes: /^Ja, 1\s650\s€$/, no: /^Nej, 1,65\s€$/, fill: "1 650", hours: /Menade du 1,65\?/, bad: /Ange beloppet i euro/ },
  en: { ask: /The number 1\.650 is ambiguous\. Did you mean (€1,650|1\s650\s€)\?/, yes: /^Yes, (€1,650|1\s650\s€)$/, no: /^No, (€1\.65|1,65\s€)$/, fill: "1650", hours: /Did you mean 1[.,]65\?/, bad: /Enter the amount in euros/ },
};
// [typed, sent] — fine in every language
const ACCEPTED = [["1650", "1650"], ["1 650", "1650"], ["1 650,50", "1650.50"], ["1650,50 €", "1650.50"], ["1650.50", "1650.50"], ["1,650.50", "1650.50"]];

for (const [lang, L] of Object.entries(LANGS)) {
  test(`${lang}: typed amounts are read as written, an ambiguous one is asked about, never guessed`, async () => {
    const { page, context, errors } = await openApp(browser, { lang });
    await buildHomeCare(page);
    for (const [typed, sent] of ACCEPTED) {
      await page.fill("#client-gross_income", typed);
      await waitForScenario(page, `s.household.client.gross_income === ${JSON.stringify(sent)}`);
      assert.equal(await page.getAttribute("#client-gross_income", "aria-invalid"), null, typed);
    }
    for (const typed of ["1.650", "1,650"]) {
      const before = (await calls(page, "estimate_brief")).length;
      await page.fill("#client-gross_income", typed);
      await page.waitForSelector("#client-gross_income[aria-invalid=true]");
      const msg = await page.textContent("#client-gross_income-msg");
      assert.match(msg, new RegExp(L.ask.source.replace("1\\.650", typed.replace(".", "\\."))), `${lang} ${typed}: ${msg}`);
      const buttons = await page.locator("#client-gross_income-msg button").allTextContents();
      assert.equal(buttons.length, 2);
      assert.match(buttons[0].trim(), L.yes);
      assert.match(buttons[1].trim(), L.no);
      await page.waitForTimeout(100);
      assert.equal((await calls(page, "estimate_brief")).length, before, "an ambiguous number is not sent");
      assert.match(await page.getAttribute("#client-gross_income", "aria-describedby"), /client-gross_income-msg/);
    }
    // One tap on the likely reading types it in unambiguously and computes with it.
    await page.click("#client-gross_income-msg button.reading >> nth=0");
    await waitForScenario(page, `s.household.client.gross_income === "1650"`);
    assert.equal(await page.inputValue("#client-gross_income"), L.fill);
    assert.equal(await page.getAttribute("#client-gross_income", "aria-invalid"), null);
    // A quantity: 1.650 hours cannot be 1 650 h (a month has 744), so 1,65 h is the likely reading.
    const hours = page.locator("input[id$='-hours_per_month']").first();
    await hours.fill("1.650");
    await page.waitForSelector("input[id$='-hours_per_month'][aria-invalid=true]");
    assert.match(await page.textContent(`#${await hours.getAttribute("id")}-msg`), L.hours);
    // Not a number at all.
    await page.fill("#client-gross_income", "16 50");
    await page.waitForSelector("#client-gross_income[aria-invalid=true]");
    assert.match(await page.textContent("#client-gross_income-msg"), L.bad);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// ---------------------------------------------------------------- 2. errors named where they happened

test("every error is named at its field with the allowed range, summarised with links; no raw codes", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  const hours = page.locator("input[id$='-hours_per_month']").first();
  const hoursId = await hours.getAttribute("id");
  await hours.fill("800");
  await page.waitForSelector(`#${hoursId}[aria-invalid=true]`);
  assert.match(await page.textContent(`#${hoursId}-msg`), /Anna luku väliltä 0–744\./);
  assert.match(await page.getAttribute(`#${hoursId}`, "aria-describedby"), new RegExp(`${hoursId}-msg`));
  // The error summary names the field and links to it.
  const link = page.locator("[data-testid=error-summary] a").first();
  assert.match(await link.textContent(), /Palvelu 1 \(Kotihoito\): Tuntia kuukaudessa: Anna luku väliltä 0–744/);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), hoursId);
  await hours.fill("8");
  await page.waitForFunction(() => !document.querySelector("[aria-invalid=true]"));

  await page.fill("#persons", "31");
  await page.waitForSelector("#persons[aria-invalid=true]");
  assert.match(await page.textContent("#persons-msg"), /Anna perheen koko kokonaislukuna 1–30\./);
  await page.fill("#persons", "1");

  // An engine error comes back to the field it names (the real engine's answer, fixture).
  await page.fill("#client-gross_income", "20000000");
  await page.waitForSelector("#client-gross_income[aria-invalid=true]");
  assert.match(await page.textContent("#client-gross_income-msg"), /Anna luku väliltä 0\s€–10\s000\s000\s€\./);
  await page.fill("#client-gross_income", "1200");

  // A date outside the tariff: the date field says which dates the tariff covers.
  await page.fill("#date", "1.1.2019");
  await page.waitForSelector("#date[aria-invalid=true]");
  assert.match(await page.textContent("#date-msg"), /Taksassa ei ole arvoja päivälle 1\.1\.2019\. Anna päivä väliltä 1\.1\.2026–31\.12\.2027\./);
  assert.equal(await page.locator("[data-testid=engine-error]").count(), 0);
  const text = await page.evaluate(() => document.body.innerText);
  for (const raw of ["invalid_input", "not_in_force", "must be", "household.", "services["]) assert.ok(!text.includes(raw), `no raw "${raw}" on screen`);
  await page.fill("#date", "1.3.2026");
  await page.waitForFunction(() => !document.querySelector("[aria-invalid=true]"));
  await context.close();
});

test("sv and en: field messages are translated, the date's range too", async () => {
  for (const [lang, re] of [["sv", /Taxan har inga värden för 1\.1\.2019\. Ange ett datum mellan 1\.1\.2026 och 31\.12\.2027\./], ["en", /The tariff has no values for 1\.1\.2019\. Enter a date from 1\.1\.2026 to 31\.12\.2027\./]]) {
    const { page, context } = await openApp(browser, { lang });
    await buildHomeCare(page);
    await page.fill("#date", "1.1.2019");
    await page.waitForSelector("#date[aria-invalid=true]");
    assert.match(await page.textContent("#date-msg"), re);
    await context.close();
  }
});

test("a service just added with its amount still empty is waiting, not an error; the rest is computed", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await addService(page, "support", "meals");
  await page.waitForSelector("[data-testid=incomplete-lines]");
  assert.match(await page.textContent("[data-testid=incomplete-lines]"), /Palvelu 2 \(.+\) lasketaan mukaan, kun sen määrä on annettu\./);
  assert.equal(await page.locator("#results .error, #results [role=alert], [data-testid=error-summary]").count(), 0);
  assert.equal(await page.locator("[aria-invalid=true]").count(), 0);
  const s = await lastScenario(page);
  assert.deepEqual(s.services.map((l) => l.service), ["home_care"], "the empty line is not sent");
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /80,16/);
  await context.close();
});

// ---------------------------------------------------------------- 3. missing is not zero

test("an empty income is not given: no 0 € fee; the highest fee is an explicit, labelled choice", async () => {
  const { page, context } = await openApp(browser);
  await addService(page, "home_care", "home_care");
  await page.locator("input[id$='-hours_per_month']").first().fill("8");
  await page.waitForSelector("[data-testid=missing-summary]");
  assert.match(await page.textContent("[data-testid=missing-summary]"), /Asiakas: Bruttotulot/);
  assert.match(await page.textContent("#client-gross_income-msg"), /Tuloja ei ole annettu/);
  assert.equal(await page.locator("[data-testid=total-client-monthly]").count(), 0, "no total without the income");
  assert.ok(!(await page.textContent("#results")).includes("0,00"), "no 0,00 € anywhere in the results");
  assert.equal((await calls(page, "estimate_brief")).length, 0, "nothing computed on a missing income");
  // "0" is an answer.
  await page.fill("#client-gross_income", "0");
  await waitForScenario(page, `s.household.client.gross_income === "0"`);
  await page.fill("#client-gross_income", "");
  await page.waitForSelector("[data-testid=missing-summary]");
  // The explicit choice: the highest fee.
  await page.click("#use-highest-fee");
  await waitForScenario(page, "s.household.income_not_given === true");
  const s = await lastScenario(page);
  assert.deepEqual(s.household.client, { deductions: {} }, "no income is sent with the highest fee");
  assert.equal(await page.locator("#client-gross_income").count(), 0, "incomes are not asked");
  assert.match(await page.textContent("[data-testid=highest-fee-label]"), /Arvioitu korkeimman maksun mukaan, koska asiakas ei anna tulotietojaan\./);
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /480,00/);
  await page.click("[data-nav=summary]");
  assert.match(await page.textContent("[data-testid=summary-highest-fee]"), /korkeimman maksun mukaan/);
  await context.close();
});

// ---------------------------------------------------------------- 4. the spouse question

test("with 2 persons the household asks about a spouse, states the rules, and the engine's warning is shown", async () => {
  const { page, context } = await openApp(browser);
  await page.fill("#persons", "2");
  await page.waitForSelector("[data-testid=spouse-question]");
  const q = await page.textContent("[data-testid=spouse-question]");
  assert.match(q, /Onko asiakkaalla puoliso samassa taloudessa\?/);
  assert.match(q, /42,5 % puolisoiden yhteenlasketuista nettotuloista/);
  assert.match(q, /85 % asiakkaan nettotuloista/);
  await addService(page, "housing", "round_the_clock_housing");
  await page.fill("#client-net_income", "2200");
  await page.waitForSelector("[data-testid=missing-summary]");
  assert.match(await page.textContent("[data-testid=missing-summary]"), /Onko asiakkaalla puoliso/);
  assert.equal((await calls(page, "estimate_brief")).length, 0, "not computed before the question is answered");
  await page.check("#has-spouse-no");
  await waitForScenario(page, "s.household.persons === 2 && s.household.spouse === null");
  await page.waitForSelector("[data-code=spouse_income_missing]");
  assert.match(await page.textContent("[data-code=spouse_income_missing]"), /ilman puolison tuloja/);
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /1\s870,00/);
  await page.check("#has-spouse-yes");
  await page.waitForSelector("#spouse-net_income");
  await page.fill("#spouse-net_income", "800");
  await waitForScenario(page, `s.household.spouse?.net_income === "800"`);
  await page.waitForFunction(() => !document.querySelector("[data-code=spouse_income_missing]"));
  assert.match(await page.textContent("[data-testid=total-client-monthly]"), /1\s275,00/);
  await context.close();
});

test("sv/en: the spouse warning is in the UI language; home care asks net income for the 11 § check", async () => {
  for (const [lang, re] of [["sv", /utan makens inkomster/], ["en", /without the spouse's income/]]) {
    const { page, context } = await openApp(browser, { lang });
    await page.fill("#persons", "2");
    await page.check("#has-spouse-no");
    await addService(page, "housing", "round_the_clock_housing");
    await page.fill("#client-net_income", "2200");
    await page.waitForSelector("[data-code=spouse_income_missing]");
    assert.match(await page.textContent("[data-code=spouse_income_missing]"), re);
    await context.close();
  }
  const { page, context } = await openApp(browser);
  await addService(page, "home_care", "home_care");
  assert.equal(await page.locator("#client-net_income").count(), 1, "net income is asked for home care too");
  assert.match(await page.textContent("#client-net_income-help"), /11 §/);
  await context.close();
});

// ---------------------------------------------------------------- 5. explanations

test("a voucher line's fee explains the copay, not the own-production fee; the band box is hidden there", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.selectOption("select[id$='-production']", "voucher");
  await page.locator("input[id$='-provider_price_per_hour']").first().fill("40");
  await page.waitForFunction(() => /80,00/.test(document.querySelector("[data-testid=total-client-monthly]")?.textContent ?? ""));
  assert.equal(await page.locator(".line .band").count(), 0, "the band does not set a voucher line's fee");
  await page.click("[data-testid=fee-monthly-0]");
  const dlg = page.locator("dialog#explain");
  await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
  const keys = await page.locator("dialog#explain .steps > li").evaluateAll((li) => li.map((l) => l.dataset.key));
  assert.equal(keys[keys.length - 1], "voucher.copay", `the fee's last step is the copay: ${keys}`);
  assert.ok(!keys.includes("home_care.fee") && !keys.includes("home_care.percent"), `no own-production steps: ${keys}`);
  assert.match(await dlg.textContent(), /\(40,00\s€ − 30,00\s€\) × 8 = 80,00\s€/);
  // Opens at its title, with focus there.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "explain-h");
  await page.keyboard.press("Escape");
  // The own-production figure has its own explanation, ending in the home-care fee.
  await page.click("[data-testid=own-fee-0]");
  await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
  const own = await page.locator("dialog#explain .steps > li").evaluateAll((li) => li.map((l) => l.dataset.key));
  assert.equal(own[own.length - 1], "home_care.fee");
  await context.close();
});

// ---------------------------------------------------------------- 6. presentation and "Uusi arvio"

/** Every HVA figure and income value of an estimate, as they could appear on screen. */
function secrets(est, incomes) {
  const hva = [];
  for (const l of est.lines) {
    hva.push(l.organiser_cost_monthly, l.organiser_net_monthly);
    for (const k of ["voucher_value_monthly", "voucher_value_per_hour", "own_production_fee_monthly"]) if (l[k]) hva.push(l[k]);
    // the household's counted income (not the tariff's income limit)
    for (const s of l.explanation) if (/\.income$|net_income|spouse_rule/.test(s.key) && s.result) hva.push(s.result);
  }
  hva.push(est.total.organiser_cost_monthly, est.total.organiser_net_monthly, est.total.organiser_cost_yearly);
  const client = new Set([est.total.client_fees_monthly, est.total.client_fees_yearly, ...est.lines.flatMap((l) => [l.client_fee_monthly, l.client_fee_yearly])].map(Number));
  // A figure equal to a client's own fee is not a secret on its own.
  return [...new Set([...hva.filter((v) => !client.has(Number(v))), ...incomes])].flatMap(moneyNeedles);
}

async function assertNone(page, needles, where) {
  const text = await pageText(page);
  const found = needles.filter((n) => text.includes(n));
  assert.deepEqual(found, [], `${where}: none of the HVA figures or incomes`);
}

test("presentation mode shows nothing of the HVA or the incomes, also in the explanations opened there", async () => {
  const { page, context } = await openApp(browser);
  await buildHomeCare(page);
  await page.selectOption("select[id$='-production']", "voucher");
  await page.locator("input[id$='-provider_price_per_hour']").first().fill("40");
  await page.waitForFunction(() => /80,00/.test(document.querySelector("[data-testid=total-client-monthly]")?.textContent ?? ""));
  const needles = secrets(fixtures.estimate_home_care_voucher, ["1200"]);
  const counsellorView = await pageText(page);
  assert.ok(needles.some((n) => counsellorView.includes(n)), "the counsellor's view does show the HVA's figures");
  await page.click("[data-nav=presentation]");
  await page.waitForSelector("#presentation-back");
  await assertNone(page, needles, "presentation");
  for (const id of await page.locator("[data-fig]").evaluateAll((b) => b.map((x) => x.dataset.testid))) {
    await page.click(`[data-testid=${id}]`);
    await page.locator("dialog#explain[open] #explain-h").waitFor({ state: "visible" });
    await assertNone(page, needles, `presentation, explanation of ${id}`);
    await page.keyboard.press("Escape");
  }
  assert.equal(await page.locator("h1").count(), 1);
  await page.keyboard.press("Escape");
  await page.waitForSelector("[data-nav=presentation]");
  assert.equal(await page.inputValue("#client-gross_income"), "1200", "back to the counsellor's view with the inputs");
  await context.close();
});

test("Uusi arvio: afterwards no previous value remains anywhere (inputs, selects, dialogs, compare, summary)", async () => {
  const { page, context } = await openApp(browser);
  await page.fill("#persons", "2");
  await page.check("#has-spouse-yes");
  await page.fill("#spouse-gross_income", "987,65");
  await buildHomeCare(page);
  await page.fill("#alt-name", "Kotihoito kahdeksan");
  await page.click("#dup-alt");
  await page.selectOption("select[id$='-production']", "voucher");
  await page.locator("input[id$='-provider_price_per_hour']").first().fill("40");
  await page.click("[data-nav=compare]");
  await page.waitForSelector("[data-testid=compare-table]");
  await page.click("[data-nav=summary]");
  await page.click("[data-nav=estimate]");
  await page.click("[data-testid=fee-monthly-0]");
  await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  await page.selectOption("#add-category", "support");
  await page.click("#new-estimate");
  await page.waitForFunction(() => document.activeElement?.id === "date");
  const needles = [
    ...secrets(fixtures.estimate_home_care_voucher, ["1200", "987.65"]),
    ...moneyNeedles("80.16"), ...moneyNeedles("80.00"), ...moneyNeedles("961.92"), "987,65", "Kotihoito kahdeksan",
  ];
  for (const view of ["estimate", "compare", "summary"]) {
    await page.click(`[data-nav=${view}]`);
    await assertNone(page, needles, `after Uusi arvio, ${view}`);
  }
  await page.click("[data-nav=estimate]");
  assert.equal(await page.inputValue("#persons"), "1");
  assert.equal(await page.inputValue("#add-category"), await page.locator("#add-category option").first().getAttribute("value"), "the category choice is reset too");
  await context.close();
});

// ---------------------------------------------------------------- 7. the summary's basis

test("the printed summary carries its basis and a plain caveat; the warning names parameters by title", async () => {
  const { page, context } = await openApp(browser);
  await page.fill("#persons", "2");
  await page.check("#has-spouse-yes");
  await page.fill("#spouse-gross_income", "850");
  await buildHomeCare(page);
  await page.click("details.more summary >> nth=0");
  await page.fill("#client-guardianship", "20");
  await waitForScenario(page, `s.household.client.deductions.guardianship === "20"`);
  await page.click("[data-nav=summary]");
  const basis = await page.textContent("[data-testid=summary-basis]");
  assert.match(basis, /Henkilöitä taloudessa: 2/);
  assert.match(basis, /Puolison tulot on otettu huomioon/);
  assert.match(basis, /Asiakas: bruttotulot 1\s200,00\s€ kuukaudessa/);
  assert.match(basis, /Puoliso: bruttotulot 850,00\s€ kuukaudessa/);
  assert.match(basis, /Asiakas: Edunvalvojan palkkio 20,00\s€ kuukaudessa/);
  const summary = await page.textContent("[data-testid=summary]");
  assert.match(summary, /Arvio perustuu seuraaviin tietoihin/);
  assert.match(summary, /versio 2026\.test, voimassa 1\.1\.2026 alkaen/);
  assert.match(summary, /Arvion päivä: \d+\.\d+\.\d{4}\./);
  assert.match(await page.textContent("[data-testid=summary-caveat]"), /ei ole vielä vahvistettu lähteestä\. Arvio voi siksi muuttua\./);
  await context.close();

  // When the engine gives titles and a placeholder flag, the warning and the caveat use them.
  const { page: p2, context: c2 } = await openApp(browser);
  await p2.evaluate(() => {
    window.__estimateOverride = (s, fx, kind) => {
      const e = structuredClone(fx[`${kind}_home_care_8h`]);
      const w = e.warnings.find((x) => x.code === "unverified_parameters");
      w.values = w.values.map((v) => ({ name: "parameter", value: { name: v.value, title: `Otsikko ${v.value.split(".").pop()}`, placeholder: v.value.startsWith("prices") } }));
      return e;
    };
  });
  await buildHomeCare(p2);
  const warning = await p2.textContent("[data-code=unverified_parameters]");
  assert.match(warning, /Otsikko income_limit/);
  assert.ok(!warning.includes("home_care.income_limit"), "titles, not keys");
  assert.match(warning, /paikkamerkkejä .*: Otsikko own/);
  await p2.click("[data-nav=summary]");
  assert.match(await p2.textContent("[data-testid=summary-caveat]"), /hinnoista on vielä alustavia/);
  await c2.close();
});
