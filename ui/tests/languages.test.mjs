// Swedish and English all the way (issue 13), in headless Chromium with the engine's real answers
// in each language (fixtures/engine.json, `<name>_sv`, `<name>_en`): the explanation, the client's
// summary and the comparison have no Finnish word a client would need, the step texts are marked
// with their language, dates and figures are written as in the fields, and the screen reader's
// status follows a language switch. Screenshots of the three views in fi, sv and en go to
// tests/e2e/screenshots/ (looked at by hand).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openApp, buildHomeCare, calls } from "./harness.mjs";

const shots = join(dirname(fileURLToPath(import.meta.url)), "../../tests/e2e/screenshots");
mkdirSync(shots, { recursive: true });
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Finnish words a Swedish- or English-speaking client would have to understand. */
const FINNISH = /\b(henkilön|tuloraja\w*|asiakasmaksulaki\w*|kuukaudessa|vuodessa|kertaa|maksu\w*|hyvinvointialue\w*|tulot|vähennys\w*|käyttövara|palvelu\w*|kotihoito\w*|testialue\w*|perheelle|voimassa|alkaen|arvio\w*)\b/giu;
const finnish = (text) => [...text.matchAll(FINNISH)].map((m) => m[0]);

const EXPECT = {
  sv: { limit: /Inkomstgräns för en familj med en person: 699,00\s€/, law: /lagen om klientavgifter inom social- och hälsovården 10 e §/, org: "Testområdet (testtaxa)", live: /Klienten betalar 80,16\s€ per månad/ },
  en: { limit: /Income limit for a family of one person: 699,00\s€/, law: /Act on Client Charges in Healthcare and Social Welfare, section 10 e/, org: "Test area (test tariff)", live: /The client pays 80,16\s€ a month/ },
};

for (const lang of ["fi", "sv", "en"]) {
  test(`explanation, summary and comparison in ${lang}: the engine's texts in ${lang}, no Finnish words outside fi`, async () => {
    const { page, context, errors } = await openApp(browser, { lang });
    await buildHomeCare(page);
    const est = await calls(page, "estimate_brief");
    assert.equal(est[est.length - 1].args.lang, lang, "the estimate is asked in the UI's language");
    // the explanation of the monthly fee
    await page.click("[data-testid=fee-monthly-0]");
    const dlg = page.locator("dialog#explain");
    await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
    const full = await calls(page, "estimate");
    assert.equal(full[full.length - 1].args.lang, lang, "the explanation's estimate is asked in the UI's language");
    const text = await dlg.textContent();
    assert.deepEqual(await page.locator("dialog#explain .step-text").evaluateAll((ps) => [...new Set(ps.map((p) => p.lang))]), [lang]);
    if (lang === "fi") {
      assert.match(text, /Tuloraja 1 henkilön perheelle: 699,00\s€/);
    } else {
      assert.match(text, EXPECT[lang].limit);
      assert.match(text, EXPECT[lang].law);
      assert.deepEqual(finnish(text), [], `Finnish words in the ${lang} explanation`);
    }
    await page.screenshot({ path: join(shots, `lang-explanation-${lang}.png`) });
    await page.keyboard.press("Escape");
    await dlg.waitFor({ state: "hidden" });
    // the client's summary (print)
    await page.click("[data-nav=summary]");
    const summary = await page.textContent("[data-testid=summary]");
    assert.match(summary, /80,16\s€/);
    // dates as in the date field (d.m.yyyy) in every language
    assert.match(summary, /1\.1\.2026/);
    assert.doesNotMatch(summary, /2026-01-01|01\/01\/2026/);
    if (lang !== "fi") {
      assert.ok(summary.includes(EXPECT[lang].org), `the organisation's ${lang} name in the summary`);
      assert.deepEqual(finnish(summary), [], `Finnish words in the ${lang} summary`);
    }
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(shots, `lang-summary-print-${lang}.png`), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    // the comparison: own production against a voucher
    await page.click("[data-nav=estimate]");
    await page.click("#dup-alt");
    await page.locator("select[id$='-production']").first().selectOption("voucher");
    await page.locator("input[id$='-provider_price_per_hour']").first().fill("40");
    await page.click("[data-nav=compare]");
    await page.waitForSelector("[data-testid=compare-table]");
    const cmp = await calls(page, "compare");
    assert.equal(cmp[cmp.length - 1].args.lang, lang);
    // the alternatives are named in the UI's language (the engine echoes the names as columns)
    assert.deepEqual(cmp[cmp.length - 1].args.names, { fi: ["Vaihtoehto 1", "Vaihtoehto 2"], sv: ["Alternativ 1", "Alternativ 2"], en: ["Alternative 1", "Alternative 2"] }[lang]);
    const table = await page.textContent("main");
    if (lang !== "fi") assert.deepEqual(finnish(table), [], `Finnish words in the ${lang} comparison`);
    await page.screenshot({ path: join(shots, `lang-compare-${lang}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the screen reader's status follows a language switch, and the texts are asked again", async () => {
  const { page, context } = await openApp(browser, { lang: "fi" });
  await buildHomeCare(page);
  await page.waitForFunction(() => /Asiakas maksaa/.test(document.getElementById("totals-live")?.textContent ?? ""));
  for (const lang of ["sv", "en"]) {
    await page.selectOption("#lang", lang);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById("totals-live")?.textContent ?? ""), EXPECT[lang].live.source);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    const est = await calls(page, "estimate_brief");
    assert.equal(est[est.length - 1].args.lang, lang, `the estimate is asked again in ${lang}`);
    // the explanation opened now is in the new language
    await page.waitForFunction((l) => document.querySelector("[data-testid=fee-monthly-0]") !== null && l, lang);
    await page.click("[data-testid=fee-monthly-0]");
    const dlg = page.locator("dialog#explain");
    await page.locator("dialog#explain .steps").waitFor({ state: "visible" });
    assert.match(await dlg.textContent(), EXPECT[lang].limit);
    await page.keyboard.press("Escape");
    await dlg.waitFor({ state: "hidden" });
  }
  await context.close();
});
