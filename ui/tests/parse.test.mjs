// How a typed number is read (src/parse.ts), table-driven: what counsellors type in Finnish,
// Swedish and English. A number is never guessed: one `.` or `,` followed by exactly three
// digits is ambiguous and reported with both readings. The language-specific messages and the
// readings offered are tested in the browser (trust.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = await build({ entryPoints: [join(here, "../src/parse.ts")], bundle: true, format: "esm", write: false, logLevel: "silent" });
const { parseNumber, parseDateInput } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);

const NBSP = "\u00a0", NNBSP = "\u202f";
const ok = (value) => ({ kind: "ok", value });
const ambiguous = (thousands, decimal) => ({ kind: "ambiguous", thousands, decimal });
const invalid = { kind: "invalid" };

// [typed, expected, who types it]
const TABLE = [
  ["1650", ok("1650"), "fi sv en"],
  ["1 650", ok("1650"), "fi sv: space groups thousands"],
  [`1${NBSP}650`, ok("1650"), "fi sv: copied from a formatted figure (no-break space)"],
  [`1${NNBSP}650,50`, ok("1650.50"), "fi sv: narrow no-break space"],
  ["1 650,50", ok("1650.50"), "fi sv"],
  ["1650,50 €", ok("1650.50"), "fi sv: with the euro sign"],
  ["1650,50€", ok("1650.50"), "fi sv"],
  ["1650e", ok("1650"), "fi: euros as e"],
  ["€1650.50", ok("1650.50"), "en: euro sign first"],
  ["1650.50", ok("1650.50"), "en, and fi/sv typing a point"],
  ["1,650.50", ok("1650.50"), "en: comma groups, point decimal"],
  ["1.650,50", ok("1650.50"), "fi/sv (older style): point groups, comma decimal"],
  ["1 234 567,89", ok("1234567.89"), "fi sv: two groups"],
  ["1,234,567", ok("1234567"), "en: two comma groups"],
  ["1.234.567", ok("1234567"), "fi: two point groups"],
  ["7,5", ok("7.5"), "fi sv: hours"],
  ["7.5", ok("7.5"), "en: hours"],
  [",5", ok("0.5"), "fi: leading comma"],
  ["0,500", ok("0.500"), "a leading 0 groups no thousands"],
  ["1234.567", ok("1234.567"), "four digits before: no thousands group"],
  ["1 650,500", ok("1650.500"), "spaces group, so the comma is the decimal"],
  ["  1200  ", ok("1200"), "spaces around"],
  ["1.650", ambiguous("1650", "1.650"), "fi: thousands point, or en decimal?"],
  ["1,650", ambiguous("1650", "1.650"), "en: thousands comma, or fi decimal?"],
  ["12.500", ambiguous("12500", "12.500"), "ambiguous too"],
  ["999,999", ambiguous("999999", "999.999"), "three before, three after"],
  ["-100", { kind: "negative", value: "-100" }, "a negative amount"],
  ["−1 650", { kind: "negative", value: "-1650" }, "Unicode minus"],
  ["", { kind: "empty" }, "not given"],
  ["   ", { kind: "empty" }, "not given"],
  ["16 50", invalid, "a space that groups no thousands"],
  ["1 65,5", invalid, "a group of two"],
  ["12x0", invalid, "a letter"],
  ["1,650,50", invalid, "groups of two after a comma"],
  ["1.650.50", invalid, "groups of two after a point"],
  ["1,2.3,4", invalid, "mixed"],
  ["1650,12345", invalid, "more than four decimals"],
  ["1234567890", invalid, "more than nine digits"],
];

for (const [typed, expected, who] of TABLE) {
  test(`${JSON.stringify(typed)} (${who})`, () => {
    assert.deepEqual(parseNumber(typed), expected);
  });
}

test("dates: d.m.yyyy and ISO, real dates only", () => {
  assert.equal(parseDateInput("1.3.2026"), "2026-03-01");
  assert.equal(parseDateInput("01.03.2026"), "2026-03-01");
  assert.equal(parseDateInput("2026-03-01"), "2026-03-01");
  assert.equal(parseDateInput("31.2.2026"), undefined);
  assert.equal(parseDateInput("1.3.26"), undefined);
});
