// Every message key of the Finnish catalogue exists in Swedish and English (and no extras), and
// every key the code uses with t("…") exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const src = join(dirname(fileURLToPath(import.meta.url)), "../src");
const keys = (file) => new Set([...readFileSync(join(src, "i18n", file), "utf8").matchAll(/^\s*"([\w.]+)":/gm)].map((m) => m[1]));
const fi = keys("fi.ts");

for (const lang of ["sv.ts", "en.ts"]) {
  test(`catalogue ${lang} is complete`, () => {
    const other = keys(lang);
    assert.deepEqual([...fi].filter((k) => !other.has(k)), [], `missing in ${lang}`);
    assert.deepEqual([...other].filter((k) => !fi.has(k)), [], `extra in ${lang}`);
    for (const k of fi) {
      const line = readFileSync(join(src, "i18n", lang), "utf8").match(new RegExp(`"${k.replace(/\./g, "\\.")}": "(.*)",`));
      assert.ok(line && line[1].length > 0, `${lang}: ${k} is empty`);
    }
  });
}

// The same placeholders (`{name}`) in every language: a sentence that loses `{fee}` in Swedish
// would show no figure, one with an extra `{x}` would show it unfilled.
const entries = (file) => new Map([...readFileSync(join(src, "i18n", file), "utf8").matchAll(/^\s*"([\w.]+)":\s*"((?:[^"\\]|\\.)*)",?$/gm)].map((m) => [m[1], m[2]]));
const vars = (msg) => [...new Set([...msg.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(",");
for (const lang of ["sv.ts", "en.ts"]) {
  test(`catalogue ${lang} has the Finnish placeholders in every message`, () => {
    const fiMsgs = entries("fi.ts");
    const other = entries(lang);
    assert.ok(fiMsgs.size > 200, "read the Finnish catalogue");
    const differ = [...fiMsgs].filter(([k, v]) => other.has(k) && vars(other.get(k)) !== vars(v))
      .map(([k, v]) => `${k}: fi {${vars(v)}} ${lang} {${vars(other.get(k))}}`);
    assert.deepEqual(differ, []);
  });
}

test("keys used in the code exist", () => {
  const used = new Set();
  const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? (f === "i18n" ? [] : files(join(dir, f))) : f.endsWith(".ts") ? [join(dir, f)] : []));
  for (const f of files(src)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/\bt\("([\w.]+)"/g)) used.add(m[1]);
    // t(cond ? "a" : "b")
    for (const m of text.matchAll(/\bt\([^()"]*\?\s*"([\w.]+)"\s*:\s*"([\w.]+)"/g)) used.add(m[1]).add(m[2]);
  }
  assert.ok(used.size > 50);
  assert.deepEqual([...used].filter((k) => !fi.has(k)), []);
});
