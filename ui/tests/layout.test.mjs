// Issue 11, item 9: fits every screen and every hand (WCAG 1.4.10, 2.5.5, 2.4.1, 4.1.3) — in
// headless Chromium with mocked IPC. The real window's Ctrl +/−/0 zoom is tested under Xvfb
// (tests/e2e/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, buildHomeCare } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("320 CSS px (= 640 px at 200 %): no horizontal scrolling in any view, tables scroll in their own region", async () => {
  for (const lang of ["fi", "sv", "en"]) {
    const { page, context } = await openApp(browser, { lang, viewport: { width: 320, height: 640 } });
    await buildHomeCare(page);
    await page.fill("#persons", "2");
    await page.check("#has-spouse-yes");
    await page.fill("#spouse-gross_income", "1.650");
    await page.waitForSelector("[data-testid=error-summary]");
    assert.ok((await overflow(page)) <= 0, `${lang} estimate with errors: overflow ${await overflow(page)} px`);
    await page.fill("#spouse-gross_income", "0");
    await page.click("#dup-alt");
    for (const view of ["compare", "summary", "settings"]) {
      await page.click(`[data-nav=${view}]`);
      assert.ok((await overflow(page)) <= 0, `${lang} ${view}: overflow ${await overflow(page)} px`);
    }
    await page.click("[data-nav=presentation]");
    assert.ok((await overflow(page)) <= 0, `${lang} presentation: overflow ${await overflow(page)} px`);
    await context.close();
  }
});

test("table headers never break inside a unit (€/kk stays on one line)", async () => {
  for (const [lang, w] of [["fi", 320], ["sv", 800], ["en", 1280]]) {
    const { page, context } = await openApp(browser, { lang, viewport: { width: w, height: 800 } });
    await buildHomeCare(page);
    const units = await page.locator("th .unit").evaluateAll((els) => els.map((e) => ({ text: e.textContent, lines: e.getClientRects().length, h: e.getBoundingClientRect().height, lh: parseFloat(getComputedStyle(e).lineHeight) })));
    assert.ok(units.length >= 4, "every figure column has its unit");
    for (const u of units) assert.ok(u.lines === 1 && u.h < u.lh * 1.5, `${lang} ${w}px: "${u.text}" on one line (${u.lines} boxes, ${u.h}px)`);
    await context.close();
  }
});

test("the sticky total bar never covers the focused field", async () => {
  const { page, context } = await openApp(browser, { viewport: { width: 800, height: 700 } });
  await buildHomeCare(page);
  // Each field in turn is placed just above the bottom edge, behind the fixed bar, and reached
  // with Tab from the field before it: the browser must scroll it out from under the bar.
  const ids = await page.evaluate(() => [...document.querySelectorAll("#main input, #main select, #main button")].filter((e) => e.offsetParent).map((e) => e.id).filter(Boolean));
  assert.ok(ids.length > 8);
  for (let i = 1; i < ids.length; i++) {
    const r = await page.evaluate(([prev, id]) => {
      const el = document.getElementById(id);
      const top = el.getBoundingClientRect().top + scrollY;
      window.scrollTo(0, top + el.offsetHeight - innerHeight + 4);
      document.getElementById(prev).focus({ preventScroll: true });
      return !!el;
    }, [ids[i - 1], ids[i]]);
    assert.ok(r);
    await page.keyboard.press("Tab");
    const got = await page.evaluate(() => {
      const bar = document.querySelector(".total-bar").getBoundingClientRect();
      const el = document.activeElement.getBoundingClientRect();
      return { id: document.activeElement.id, bottom: el.bottom, bar: bar.top };
    });
    if (got.id !== ids[i]) continue; // e.g. a disabled button in between
    assert.ok(got.bottom <= got.bar + 0.5, `${got.id}: bottom ${got.bottom} ≤ bar top ${got.bar}`);
  }
  await context.close();
});

test("at most 5 Tab presses from the top to the first income field (skip link)", async () => {
  for (const lang of ["fi", "sv", "en"]) {
    const { page, context } = await openApp(browser, { lang });
    let tabs = 0;
    await page.keyboard.press("Tab");
    tabs++;
    assert.equal(await page.evaluate(() => document.activeElement?.className), "skip", "the skip link comes first");
    await page.keyboard.press("Enter");
    while (tabs < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "client-gross_income") {
      await page.keyboard.press("Tab");
      tabs++;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), "client-gross_income");
    assert.ok(tabs <= 5, `${lang}: ${tabs} Tab presses`);
    await context.close();
  }
});

test("only a short totals summary is live; the header is not re-inserted while typing", async () => {
  const info = structuredClone((await import("./harness.mjs")).fixtures.tariff_info);
  info.active.bundle = {
    source: "slot_a", organisation: "testi", organisation_name: "Testialue", channel: "stable", serial: 7,
    tariff_version: "2026.test", created_at: "2026-11-01T00:00:00Z", expires_at: "2026-11-20T00:00:00Z", expired: true,
    newest_value_from: null, signed_by: [], recovered_from: null, last_check: "2026-11-19T08:00:00Z",
    last_success: "2026-11-19T08:00:00Z", last_status: "up_to_date",
  };
  const { page, context } = await openApp(browser, { tariffInfo: info });
  await buildHomeCare(page);
  const live = await page.evaluate(() => [...document.querySelectorAll("[aria-live], [role=status], [role=alert], [role=log]")]
    .filter((e) => e.getAttribute("aria-live") !== "off").map((e) => e.id || e.className));
  assert.deepEqual(live.sort(), ["status", "totals-live"].sort(), `live regions: ${live}`);
  assert.equal(await page.textContent("#totals-live"), "Asiakas maksaa 80,16\u00a0€ kuukaudessa, 961,92\u00a0€ vuodessa.");
  await page.evaluate(() => {
    window.__headerMutations = 0;
    new MutationObserver((m) => { window.__headerMutations += m.length; }).observe(document.getElementById("app-header"), { childList: true, subtree: true, characterData: true });
  });
  for (const v of ["1300", "1400", "1500"]) {
    await page.fill("#client-gross_income", v);
    await page.waitForFunction((x) => window.__calls.some((c) => c.cmd === "estimate_brief" && c.args.scenario.household.client.gross_income === x), v);
  }
  await page.selectOption("#add-category", "support"); // a structural re-render of the form
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => window.__headerMutations), 0, "the header (with its notice) stays as it is");
  assert.match(await page.textContent("[data-testid=update-notices]"), /Taksat vanhentuneet 20\.11\.2026/);
  await context.close();
});
