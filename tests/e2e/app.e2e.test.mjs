// End-to-end tests of the real app window: tauri-driver → WebKitWebDriver → the Tauri binary.
// Run under Xvfb (scripts/test-app.sh does this):
//   xvfb-run -a -s "-screen 0 1600x1300x24" env TAURI_APP=$PWD/target/debug/kustannusarvio-app node --test tests/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { startDriver, Session } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "screenshots");
mkdirSync(shots, { recursive: true });
const app = process.env.TAURI_APP ?? join(here, "../../target/debug/kustannusarvio-app");

// The app runs with a fresh HOME so that everything it writes (settings store, WebKit data,
// caches) lands in one directory that the privacy test can search.
const home = mkdtempSync(join(tmpdir(), "kustannusarvio-e2e-home-"));
const env = { ...process.env, HOME: home, WEBKIT_DISABLE_DMABUF_RENDERER: "1", WEBKIT_DISABLE_COMPOSITING_MODE: "1" };
for (const k of ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"]) delete env[k];

let driver;
let s;
before(async () => {
  assert.ok(existsSync(app), `app binary missing: ${app}`);
  driver = await startDriver({ env });
  s = await Session.create(driver.base, app);
  await s.waitFor("body[data-ready='1']", 20000);
});
after(async () => {
  await s?.delete();
  await driver?.stop();
});

/**
 * Screenshot of the app window from the X server (ImageMagick `import`), cropped to the window.
 * WebKitWebDriver's own screenshot command hangs after a modal <dialog> has been shown, so the
 * X server is asked instead.
 */
async function shot(name) {
  const rect = await s.cmd("GET", "/window/rect");
  const file = join(shots, `${name}.png`);
  const r = spawnSync("/usr/bin/import", ["-window", "root", "-crop", `${rect.width}x${rect.height}+${rect.x}+${rect.y}`, "+repage", file], { timeout: 20000 });
  assert.equal(r.status, 0, `import failed: ${r.stderr}`);
}

/** Home care, own production, `hours` h/month for one person with the given gross income. */
async function buildPackage(gross, hours) {
  await s.type("#client-gross_income", gross);
  await s.select("#add-category", "home_care");
  await s.select("#add-service", "home_care");
  await s.click("#add-line");
  const id = await s.exec("return document.querySelector(\"input[id$='-hours_per_month']\").id;");
  await s.type(`#${id}`, hours);
}

test("the bundled tariff is visible and the hand-calculated fee appears (1200 €, 8 h → 80,16 €)", async () => {
  const tariff = await s.text("[data-testid=tariff]");
  assert.match(tariff, /Taksa: .+ versio /);
  await buildPackage("1200", "8");
  // (1200 − 699) × 16 % = 80.16 € (asiakasmaksulaki 10 e §, tuloraja 2026 for one person).
  const monthly = await s.waitText("[data-testid=total-client-monthly]", /80,16/);
  assert.equal(monthly.replace(/\s/g, " "), "80,16 €");
  assert.match(await s.text(".band"), /16 %/);
  await s.exec("window.scrollTo(0, 0); document.activeElement?.blur();");
  await s.setSize(1280, 800);
  await shot("app-estimate-tablet-landscape-1280x800");
  await s.setSize(800, 1280);
  await shot("app-estimate-tablet-portrait-800x1280");
  await s.setSize(1600, 1000);
  await shot("app-estimate-desktop-1600x1000");
  await s.setSize(1280, 800);
});

test("a figure opens its explanation with the legal section", async () => {
  await s.click("[data-testid=fee-monthly-0]");
  const text = await s.waitText("dialog#explain", /10 e §/);
  assert.match(text, /Tuloraja/);
  await shot("app-explanation-1280x800");
  await s.click("#explain-close");
});

test("two packages compared side by side", async () => {
  await s.click("#dup-alt");
  const prods = await s.exec("return [...document.querySelector(\"select[id$='-production']\").options].map(o => o.value);");
  const other = prods.find((p) => p !== "own");
  if (other) await s.select("select[id$='-production']", other);
  else {
    // Only own production offered: compare a larger package instead.
    const hid = await s.exec("return document.querySelector(\"input[id$='-hours_per_month']\").id;");
    await s.type(`#${hid}`, "12");
  }
  if (other === "voucher") {
    const id = await s.exec("return document.querySelector(\"input[id$='-provider_price_per_hour']\").id;");
    await s.type(`#${id}`, "45");
  }
  await s.click("[data-nav=compare]");
  const table = await s.waitText("[data-testid=compare-table]", /Vaihtoehto 2/);
  assert.match(table, /Vaihtoehto 1/);
  assert.match(await s.text("[data-testid=cmp-client_fees_monthly-0]"), /80,16/);
  await shot("app-compare-1280x800");
});

test("the client summary (print view) renders", async () => {
  await s.click("[data-nav=summary]");
  const text = await s.waitText("[data-testid=summary]", /Lopullinen maksu määrätään päätöksellä/);
  assert.match(text, /versio/);
  await s.exec("window.__printed = 0; window.print = () => { window.__printed += 1; };");
  await s.click("#print");
  assert.equal(await s.exec("return window.__printed;"), 1);
  await s.setSize(800, 1280);
  await shot("app-summary-800x1280");
  await s.setSize(1280, 800);
});

test("presentation mode hides the HVA's cost; one tap back", async () => {
  await s.click("[data-nav=presentation]");
  await s.waitFor("#presentation-back");
  assert.equal(await s.exec("return document.querySelectorAll('.hva, #client-gross_income').length;"), 0);
  await s.click("#presentation-back");
  await s.waitFor("[data-nav=presentation]");
  await s.click("[data-nav=estimate]");
  await s.waitFor("#client-gross_income");
});

test("keyboard only: Tab reaches the package builder, Enter adds a service", async () => {
  await s.click("#new-estimate");
  await s.click("#client-gross_income");
  await s.keys(..."1200");
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await s.keys("\uE004");
    reached = await s.exec("return document.activeElement && document.activeElement.id === 'add-line';");
  }
  assert.ok(reached, "Tab order reaches the Add service button");
  await s.keys("\uE007");
  await s.waitFor(".lines li");
  assert.match(await s.exec("return document.activeElement.id;"), /^line-\d+-/, "focus moves into the new line");
  await s.click("#new-estimate");
});

// ---------------------------------------------------------------- issue 11 flows in the real window

const NBSP_RE = /[\s\u00a0\u202f]/g;
const plain = (t) => t.replace(NBSP_RE, " ");

/** Every text of the page: the markup (dialogs too) and each input's and select's value. */
async function pageText() {
  return s.exec(`return [document.documentElement.outerHTML,
    ...[...document.querySelectorAll("input, select")].map((e) => e.value),
    ...[...document.querySelectorAll("select option:checked")].map((o) => o.textContent)].join("\\n");`);
}
/** Of `needles`, those that appear anywhere in the page. */
async function found(needles) {
  const text = plain(await pageText());
  return needles.filter((n) => text.includes(plain(n)));
}
/** A figure as the counsellor's view shows it, and its bare digits (`1 234,56 €` → `1 234,56`). */
const variants = (shown) => [shown, shown.replace(/\s*€\s*/g, "").trim()];

/** The number a tariff file gives a parameter (the first dated value), read as data. */
function tariffValue(file, param) {
  const text = readFileSync(join(here, "../../tariffs", file), "utf8");
  const m = new RegExp(`\\[\\[${param.replace(/\./g, "\\.")}\\.values\\]\\][^\\[]*?value = "([\\d.]+)"`, "s").exec(text);
  assert.ok(m, `${param} in tariffs/${file}`);
  return Number(m[1]);
}

test("issue 11 (1): an ambiguous 1.650 is asked about, never guessed; the chosen reading is computed", async () => {
  await s.click("#new-estimate");
  await buildPackage("1200", "8");
  await s.waitText("[data-testid=total-client-monthly]", /80,16/);
  await s.type("#client-gross_income", "1.650");
  await s.waitFor("#client-gross_income[aria-invalid=true]");
  assert.match(plain(await s.text("#client-gross_income-msg")), /Luku 1\.650 on epäselvä\. Tarkoititko 1 650 €\?/);
  assert.equal(await s.exec("return document.querySelectorAll('[data-testid=total-client-monthly]').length;"), 0, "no total from a guessed number");
  assert.match(plain(await s.text("[data-testid=error-summary]")), /Asiakas: Bruttotulot: Luku 1\.650 on epäselvä/);
  await s.exec("window.scrollTo(0, 0); document.activeElement?.blur();");
  await shot("app-ambiguous-number-1280x800");
  await s.click("#client-gross_income-msg button.reading");
  // (1 650 − 699) × 16 % = 152.16 € (asiakasmaksulaki 10 e §, tuloraja 2026 for one person, 8 h).
  assert.equal(plain(await s.waitText("[data-testid=total-client-monthly]", /152,16/)), "152,16 €");
  assert.equal(plain(await s.exec("return document.getElementById('client-gross_income').value;")), "1 650");
});

test("issue 11 (3): an empty income is not given, not 0 €; the highest fee is chosen explicitly and labelled", async () => {
  await s.click("#new-estimate");
  await s.select("#add-category", "home_care");
  await s.select("#add-service", "home_care");
  await s.click("#add-line");
  const id = await s.exec("return document.querySelector(\"input[id$='-hours_per_month']\").id;");
  await s.type(`#${id}`, "8");
  const missing = await s.waitText("[data-testid=missing-summary]", /Bruttotulot/);
  assert.match(missing, /Tuloja ei ole annettu/);
  assert.equal(await s.exec("return document.querySelectorAll('[data-testid=total-client-monthly]').length;"), 0);
  assert.ok(!(await s.text("#results")).includes("0,00"), "no 0,00 € for a missing income");
  await s.click("#use-highest-fee");
  // The highest fee is the cost of the service (2 §): Päijät-Häme's cost per hour × 8 h, as the
  // tariff file gives it (a placeholder until the HVA fills it in).
  const perHour = tariffValue("paijat-hame/home_care.toml", "home_care.cost_cap_per_hour");
  const expected = new Intl.NumberFormat("fi-FI", { style: "currency", currency: "EUR" }).format(perHour * 8);
  assert.equal(plain(await s.waitText("[data-testid=total-client-monthly]", /\d/)), plain(expected));
  assert.match(await s.text("[data-testid=highest-fee-label]"), /Arvioitu korkeimman maksun mukaan/);
  await s.exec("window.scrollTo(0, 0); document.activeElement?.blur();");
  await shot("app-highest-fee-1280x800");
  await s.click("[data-nav=summary]");
  assert.match(await s.text("[data-testid=summary-highest-fee]"), /korkeimman maksun mukaan/);
  await s.click("[data-nav=estimate]");
});

test("issue 11 (4): with 2 persons the spouse is asked; without the spouse's income the engine warns", async () => {
  await s.click("#new-estimate");
  await s.type("#persons", "2");
  const q = await s.waitText("[data-testid=spouse-question]", /Onko asiakkaalla puoliso/);
  assert.match(q, /42,5 %/);
  await s.select("#add-category", "housing");
  await s.select("#add-service", "round_the_clock_housing");
  await s.click("#add-line");
  await s.type("#client-net_income", "2200");
  await s.waitText("[data-testid=missing-summary]", /Onko asiakkaalla puoliso/);
  await s.click("#has-spouse-no");
  // 85 % × 2 200 = 1 870.00 € (7 c § 1 mom.; 330 € left ≥ käyttövara).
  assert.equal(plain(await s.waitText("[data-testid=total-client-monthly]", /1.870,00/)), "1 870,00 €");
  assert.match(await s.text("[data-code=spouse_income_missing]"), /ilman puolison tuloja/);
  await s.exec("window.scrollTo(0, 0); document.activeElement?.blur();");
  await shot("app-spouse-question-1280x800");
  await s.click("#has-spouse-yes");
  await s.type("#spouse-net_income", "800");
  // 42.5 % × (2 200 + 800) = 1 275.00 € (7 c § 2 mom.).
  assert.equal(plain(await s.waitText("[data-testid=total-client-monthly]", /1.275,00/)), "1 275,00 €");
  assert.equal(await s.exec("return document.querySelectorAll('[data-code=spouse_income_missing]').length;"), 0);
});

test("issue 11 (6): presentation mode and Uusi arvio leave no HVA figure or income anywhere in the page", async () => {
  await s.click("#new-estimate");
  await buildPackage("1234.56", "8");
  await s.waitText("[data-testid=total-client-monthly]", /\d/);
  await s.click("#dup-alt");
  await s.select("select[id$='-production']", "voucher");
  const pid = await s.exec("return document.querySelector(\"input[id$='-provider_price_per_hour']\").id;");
  await s.type(`#${pid}`, "45");
  await s.waitFor("[data-testid=own-fee-0]");
  // What the counsellor sees of the HVA: costs, net, the voucher value, the own-production fee.
  const hva = await s.exec(`return [...document.querySelectorAll("[data-testid^=cost-], [data-testid^=net-], [data-testid^=total-hva], [data-testid=total-cost-fig], [data-testid=total-net-fig], [data-testid^=own-fee-]")].map((e) => e.textContent)
    .concat([...document.querySelectorAll("#results .sub")].map((e) => (e.textContent.match(/[\\d\\s\\u00a0]+,\\d\\d/) || [""])[0]).filter(Boolean));`);
  const client = await s.exec(`return [...document.querySelectorAll("[data-testid^=fee-], [data-testid^=total-client]")].map((e) => e.textContent);`);
  const secrets = [...new Set(hva.filter((v) => !client.some((c) => plain(c).includes(plain(v).trim()))).flatMap(variants)), "1234.56", "1234,56", "1 234,56"];
  assert.ok(secrets.length >= 6, `HVA figures found: ${secrets}`);
  await s.click("[data-nav=presentation]");
  await s.waitFor("#presentation-back");
  assert.deepEqual(await found(secrets), [], "presentation: no HVA figure or income");
  const figs = await s.exec("return [...document.querySelectorAll('[data-fig]')].map((b) => b.dataset.testid);");
  for (const f of figs) {
    await s.click(`[data-testid=${f}]`);
    await s.waitFor("dialog#explain[open]");
    // the steps arrive with the full estimate, asked when the explanation opens: the client variant
    await s.waitFor("dialog#explain[open] .steps > li");
    assert.equal(await s.exec("return document.querySelectorAll('dialog#explain .params, dialog#explain .step-text').length;"), 0,
      `presentation, explanation of ${f}: the client variant (no parameters, no engine sentences with incomes)`);
    assert.deepEqual(await found(secrets), [], `presentation, explanation of ${f}`);
    await s.click("#explain-close");
  }
  await shot("app-presentation-1280x800");
  await s.click("#presentation-back");
  await s.click("[data-nav=compare]");
  await s.waitFor("[data-testid=compare-table]");
  await s.click("[data-nav=summary]");
  await s.click("[data-nav=estimate]");
  await s.click("#new-estimate");
  await s.waitFor("#date");
  const after = [...secrets, ...client.flatMap(variants).filter((v) => !/^0,00/.test(plain(v)))];
  for (const view of ["estimate", "compare", "summary"]) {
    await s.click(`[data-nav=${view}]`);
    assert.deepEqual(await found(after), [], `after Uusi arvio (${view}): nothing of the previous estimate`);
  }
  await s.click("[data-nav=estimate]");
  // The next estimate's explanation explains its own figures: (1 200 − 699) × 16 % = 80,16 €.
  await buildPackage("1200", "8");
  await s.waitText("[data-testid=total-client-monthly]", /80,16/);
  await s.click("[data-testid=fee-monthly-0]");
  const steps = plain(await s.waitText("dialog#explain[open] .steps", /80,16/));
  assert.match(steps, /1 200,00/);
  assert.ok(!steps.includes("1 234,56"), "no step of the previous estimate");
  await s.click("#explain-close");
});

test("issue 11 (9): Ctrl + / − / 0 zoom the real window", async () => {
  const w0 = await s.exec("return window.innerWidth;");
  const ctrl = async (key) => s.cmd("POST", "/actions", { actions: [{ type: "key", id: "kbd", actions: [
    { type: "keyDown", value: "\uE009" }, { type: "keyDown", value: key }, { type: "keyUp", value: key }, { type: "keyUp", value: "\uE009" }] }] });
  await s.click("#persons");
  await ctrl("=");
  await new Promise((r) => setTimeout(r, 500));
  const w1 = await s.exec("return window.innerWidth;");
  assert.ok(w1 < w0, `zoomed in: ${w0} → ${w1} CSS px`);
  await ctrl("0");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await s.exec("return window.innerWidth;"), w0, "Ctrl+0 resets");
});

test("the app in Swedish and English (screenshots)", async () => {
  await s.click("#new-estimate");
  for (const [lang, title] of [["sv", /Kostnadsberäkning/], ["en", /Cost estimate/]]) {
    await s.select("#lang", lang);
    await s.waitText("h1", title);
    await buildPackage("1200", "8");
    await s.waitText("[data-testid=total-client-monthly]", /80[,.]16/);
    await s.type("#persons", "2");
    await s.waitFor("[data-testid=spouse-question]");
    await s.exec("window.scrollTo(0, 0); document.activeElement?.blur();");
    await shot(`app-estimate-${lang}-1280x800`);
    await s.click("#new-estimate");
  }
  await s.select("#lang", "fi");
  await s.waitText("h1", /Kustannusarvio/);
});

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

test("no income or service values are written under the app's data, config or cache dirs", async () => {
  await s.click("#new-estimate");
  await buildPackage("1234.56", "7.5");
  await s.waitText("[data-testid=total-client-monthly]", /\d/);
  // Long-term care shows the net income field: type a distinctive net income too.
  await s.select("#add-category", "housing");
  await s.select("#add-service", "round_the_clock_housing");
  await s.click("#add-line");
  await s.type("#client-net_income", "987.65");
  await s.waitText("[data-testid=total-client-monthly]", /\d/);
  // Change the language and back: this writes the settings store, so we know where it lands.
  await s.select("#lang", "sv");
  await s.waitText("h1", /Kostnadsberäkning/);
  await s.select("#lang", "fi");
  await s.waitText("h1", /Kustannusarvio/);
  await s.click("#new-estimate");
  await s.delete();
  s = null;
  await new Promise((r) => setTimeout(r, 1000));
  const files = walk(home);
  const settings = files.filter((f) => f.endsWith("settings.json"));
  assert.ok(settings.length === 1, `the settings store was written under the test HOME: ${files.join(", ")}`);
  const stored = JSON.parse(readFileSync(settings[0], "utf8"));
  assert.deepEqual(Object.keys(stored).sort(), ["language", "organisation", "root_ca_path", "update_url"], "settings hold only language, organisation and the update source");
  assert.equal(stored.update_url, null, "updates stay off unless configured");
  assert.equal(stored.language, "fi");
  const needles = ["1234.56", "1234,56", "1 234,56", "1\u00a0234,56", "987.65", "987,65", "7.5", "7,5"];
  const hits = [];
  for (const f of files) {
    const buf = readFileSync(f);
    for (const enc of ["utf8", "utf16le"]) {
      const text = buf.toString(enc);
      for (const n of needles.slice(0, 6)) if (text.includes(n)) hits.push(`${f}: ${n} (${enc})`);
    }
  }
  writeFileSync(join(shots, "privacy-files.txt"), files.map((f) => f.slice(home.length)).join("\n") + "\n");
  assert.deepEqual(hits, [], "typed incomes must not be stored");
});
