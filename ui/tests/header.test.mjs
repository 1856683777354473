// Issue 11, item 8: settings belong to the administrator. The update address and root CA are on
// the settings page; the counsellor's header speaks of updates only when it matters — the tariff
// has expired, a newer one was refused, checks have failed for days — with a time, and a
// transient failure is no alert at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, calls, axe, smallTargets, fixtures } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const HOUR = 3600 * 1000;
function withBundle(over = {}) {
  const info = structuredClone(fixtures.tariff_info);
  info.active.bundle = {
    source: "newest", organisation: "testi", organisation_name: "Testialue", serial: 8,
    tariff_version: "2026.test", created_at: "2026-11-01T00:00:00Z", age_days: 33, expires_at: "2099-12-31T00:00:00Z", expired: false,
    newest_value_from: null, signed_by: [], recovered_from: null, newer_known: null, last_check: new Date(Date.now() - HOUR).toISOString(),
    last_success: new Date(Date.now() - HOUR).toISOString(), last_status: "up_to_date", check_stale: false, ...over,
  };
  return info;
}
const failed = (code, extra = {}) => ({ enabled: true, checking: false, last: { code, ok: false, message: code, serial: null, previous_serial: null, error: { code, ...extra } } });

test("no update text in the header while all is well, or updates are off", async () => {
  for (const [info, update] of [[null, null], [withBundle(), { enabled: true, checking: false, last: { code: "up_to_date", ok: true, message: "", serial: 8, previous_serial: 8, error: null } }]]) {
    const { page, context } = await openApp(browser, { tariffInfo: info, updateView: update });
    assert.equal(await page.locator("[data-testid=update-notices]").count(), 0);
    assert.equal(await page.locator("#update-url, #open-update-settings").count(), 0, "no update settings in the header");
    await context.close();
  }
});

test("a transient failure is not an alert: the header stays calm, the settings page tells", async () => {
  const { page, context } = await openApp(browser, { tariffInfo: withBundle({ last_status: "server_unreachable" }), updateView: failed("server_unreachable", { message: "refused" }) });
  assert.equal(await page.locator("[data-testid=update-notices]").count(), 0);
  assert.equal(await page.locator("[role=alert]").count(), 0);
  await page.click("[data-nav=settings]");
  assert.match(await page.textContent("[data-testid=update-status]"), /palvelimeen ei saatu yhteyttä/);
  assert.match(await page.textContent("[data-testid=settings-tariff]"), /Viimeisin onnistunut tarkistus \d+\.\d+\.\d{4} klo \d+\.\d{2}/);
  await context.close();
});

test("checks failing for days, a refused newer tariff, an expired one and a coming one are shown with a time", async () => {
  const days = new Date(Date.now() - 3 * 24 * HOUR).toISOString();
  let o = await openApp(browser, { tariffInfo: withBundle({ last_success: days, last_status: "timeout" }), updateView: failed("timeout", { message: "slow" }) });
  assert.match(await o.page.textContent("[data-testid=update-notices]"), /Taksapäivityksiä ei ole saatu haettua \d+\.\d+\.\d{4} klo \d+\.\d{2} jälkeen/);
  assert.equal(await o.page.locator("#app-header [role=alert]").count(), 0);
  // Announced once in the status region.
  await o.page.waitForFunction(() => /Taksapäivityksiä ei ole saatu/.test(document.getElementById("status")?.textContent ?? ""));
  await o.context.close();

  o = await openApp(browser, { tariffInfo: withBundle({ last_status: "rejected_hash_mismatch", newest_value_from: "2099-01-01" }), updateView: failed("rejected_hash_mismatch", { file: "bundle.json" }) });
  const text = await o.page.textContent("[data-testid=update-notices]");
  assert.match(text, /Uudempaa taksaa ei voitu ottaa käyttöön \(taksapaketin tarkistussumma ei täsmää \(muutettu paketti\)\); käytössä on aiempi taksa\. Tarkistettu \d+\.\d+\.\d{4} klo/);
  assert.match(text, /Uusi taksa voimaan 1\.1\.2099 alkaen/);
  let r = await axe(o.page, "header notices");
  assert.deepEqual(r.bad, []);
  await o.context.close();

  o = await openApp(browser, { tariffInfo: withBundle({ expired: true, expires_at: "2026-11-20T00:00:00Z" }) });
  assert.match(await o.page.textContent("[data-testid=update-notices]"), /Taksat vanhentuneet 20\.11\.2026 — yhdistä intranetiin/);
  await o.context.close();
});

test("update checks are listened to only once updates are on (no script evaluated in the webview otherwise)", async () => {
  const off = await openApp(browser);
  assert.equal((await calls(off.page, "plugin:event|listen")).length, 0, "updates off: no listener");
  // the administrator sets an address: the listener comes before the save (which starts a check)
  await off.page.click("[data-nav=settings]");
  await off.page.fill("#update-url", "https://intranet.example/tariffs/testi/stable/");
  await off.page.click("#update-save");
  await off.page.waitForFunction(() => window.__calls.some((c) => c.cmd === "save_settings"));
  const order = (await calls(off.page)).map((c) => c.cmd).filter((c) => c === "plugin:event|listen" || c === "save_settings");
  assert.deepEqual(order, ["plugin:event|listen", "save_settings"]);
  await off.context.close();
  const on = await openApp(browser, { updateView: { enabled: true, checking: false, last: null } });
  const listens = await calls(on.page, "plugin:event|listen");
  assert.equal(listens.length, 1, "updates on: listened to from the start");
  assert.equal(listens[0].args.event, "tariff-status-changed");
  await on.context.close();
});

test("the settings page: address and root CA, 44 px targets, check now, save", async () => {
  const { page, context } = await openApp(browser, { tariffInfo: withBundle(), updateView: failed("rejected_hash_mismatch", { file: "bundle.json" }) });
  await page.click("[data-nav=settings]");
  await page.waitForSelector("[data-testid=settings]");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "settings-h");
  assert.match(await page.textContent("label[for=update-url]"), /Päivitysosoite/);
  assert.match(await page.textContent("label[for=update-ca]"), /juurivarmenne/);
  assert.deepEqual(await smallTargets(page), []);
  const r = await axe(page, "settings page");
  assert.deepEqual(r.bad, []);
  await page.evaluate(() => { window.__updateOverride = { enabled: true, checking: false, last: {
    code: "server_unreachable", ok: false, message: "unreachable", serial: null, previous_serial: null, error: { code: "server_unreachable", message: "refused" } } }; });
  await page.click("#update-check");
  await page.waitForFunction(() => /palvelimeen ei saatu yhteyttä/.test(document.querySelector("[data-testid=update-status]")?.textContent ?? ""));
  assert.equal((await calls(page, "check_updates_now")).length, 1);
  await page.fill("#update-url", "https://intranet.example/tariffs/testi/stable/");
  await page.click("#update-save");
  await page.waitForFunction(() => window.__calls.some((c) => c.cmd === "save_settings"));
  const saved = await calls(page, "save_settings");
  assert.equal(saved[0].args.settings.update_url, "https://intranet.example/tariffs/testi/stable/");
  assert.equal(saved[0].args.settings.root_ca_path, null);
  await context.close();
});

// Issue 12: offline tablets. The tariff's age is always in the header; a tariff the organisation
// has published but this device does not use, and a long time without a successful check, are
// said in words (fi, sv, en) — the installed tariff keeps computing.
test("the tariff's age, a newer tariff known but not in use, and no successful check for long", async () => {
  const ok = { enabled: true, checking: false, last: null };
  let o = await openApp(browser, { tariffInfo: withBundle(), updateView: ok });
  assert.match(await o.page.textContent("[data-testid=tariff-age]"), /taksapaketti nro 8, julkaistu 1\.11\.2026 \(33 pv sitten\)/);
  assert.equal(await o.page.locator("[data-testid=update-notices]").count(), 0);
  await o.context.close();

  const known = { serial: 9, tariff_version: "2027.1", published: "2026-12-01T00:00:00Z", newest_value_from: "2027-01-01" };
  o = await openApp(browser, { tariffInfo: withBundle({ newer_known: known, last_status: "disk_full" }), updateView: failed("disk_full", { message: "ENOSPC" }) });
  assert.match(await o.page.textContent("[data-testid=update-notices]"), /Uudempi taksa \(nro 9\) on julkaistu, mutta se ei ole käytössä tällä laitteella/);
  const r = await axe(o.page, "newer tariff notice");
  assert.deepEqual(r.bad, []);
  await o.page.click("[data-nav=settings]");
  assert.match(await o.page.textContent("[data-testid=settings-tariff]"), /Julkaistu uudempi taksa nro 9 \(2027\.1\) ei ole käytössä/);
  assert.match(await o.page.textContent("[data-testid=update-status]"), /laitteen tallennustila on täynnä/);
  await o.context.close();

  const old = new Date(Date.now() - 20 * 24 * HOUR).toISOString();
  o = await openApp(browser, { tariffInfo: withBundle({ last_success: old, last_check: old, check_stale: true }), updateView: ok });
  assert.match(await o.page.textContent("[data-testid=update-notices]"), /Taksoja ei ole tarkistettu onnistuneesti 20 päivään/);
  for (const [lang, re] of [["sv", /Taxorna har inte kontrollerats på 20 dagar/], ["en", /The tariffs have not been checked for 20 days/]]) {
    await o.page.selectOption("#lang", lang);
    await o.page.waitForFunction((r) => new RegExp(r).test(document.querySelector("[data-testid=update-notices]")?.textContent ?? ""), re.source);
  }
  assert.match(await o.page.textContent("[data-testid=tariff-age]"), /tariff bundle no\. 8, published 1\/11\/2026|published .*2026 \(33 days ago\)/);
  await o.context.close();
});
