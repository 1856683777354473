// Minimal W3C WebDriver client over fetch (no npm dependencies), for tauri-driver + WebKitWebDriver.
import { spawn } from "node:child_process";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** `E2E_PORT` (default 4444) lets several checkouts run their e2e at once: tauri-driver listens
 * there and WebKitWebDriver on the next port. */
export async function startDriver({ port = Number(process.env.E2E_PORT ?? 4444), env = process.env } = {}) {
  const bin = process.env.TAURI_DRIVER ?? "tauri-driver";
  const args = ["--port", String(port), "--native-port", String(port + 1)];
  const child = spawn(bin, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await sleep(100);
  }
  return {
    base,
    /** SIGTERM only: tauri-driver then stops WebKitWebDriver too (SIGKILL would orphan it). */
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([done, sleep(5000)]);
    },
  };
}

export class Session {
  constructor(base, id) { this.base = base; this.id = id; }

  static async create(base, application) {
    const r = await fetch(`${base}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } } }),
    });
    const j = await r.json();
    if (!r.ok || !j.value?.sessionId) throw new Error(`session: ${JSON.stringify(j)}`);
    return new Session(base, j.value.sessionId);
  }

  async cmd(method, path, body) {
    if (process.env.WD_DEBUG) console.error("wd", method, path, JSON.stringify(body ?? "").slice(0, 120));
    const r = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30000),
    });
    const j = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(j.value ?? j).slice(0, 400)}`);
    return j.value;
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }
  async waitFor(css, timeout = 10000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try { return await this.find(css); } catch (e) { last = e; }
      await sleep(100);
    }
    throw new Error(`timeout waiting for ${css}: ${last}`);
  }
  async click(css) { const e = await this.waitFor(css); await this.cmd("POST", `/element/${e}/click`, {}); }
  async type(css, text) {
    // A re-render may replace the element between finding and typing, or leave it out of view:
    // find it again and scroll it into view (WebKitWebDriver does not scroll before `clear`).
    for (let attempt = 0; ; attempt++) {
      try {
        const e = await this.waitFor(css);
        if (attempt > 0) await this.exec("arguments[0].scrollIntoView({ block: 'center' });", [{ [ELEMENT]: e }]);
        await this.cmd("POST", `/element/${e}/clear`, {});
        await this.cmd("POST", `/element/${e}/value`, { text });
        return;
      } catch (err) {
        if (attempt >= 2 || !/not interactable|stale/.test(String(err))) throw err;
        await sleep(200);
      }
    }
  }
  async text(css) { const e = await this.waitFor(css); return this.cmd("GET", `/element/${e}/text`); }
  async exec(script, args = []) { return this.cmd("POST", "/execute/sync", { script, args }); }
  /** Chooses an option of a <select> and fires the events the UI listens to. */
  async select(css, value) {
    await this.waitFor(css);
    await this.exec(
      "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));",
      [css, value],
    );
  }
  async waitText(css, re, timeout = 10000) {
    const end = Date.now() + timeout;
    let t = "";
    while (Date.now() < end) {
      try { t = await this.text(css); if (re.test(t)) return t; } catch { /* re-rendering */ }
      await sleep(100);
    }
    throw new Error(`timeout: ${css} text ${JSON.stringify(t)} !~ ${re}`);
  }
  /** Presses keys (WebDriver key codes, e.g. "\uE004" = Tab, "\uE007" = Enter) on the focused element. */
  async keys(...codes) {
    const actions = codes.flatMap((c) => [{ type: "keyDown", value: c }, { type: "keyUp", value: c }]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
  }
  async setSize(width, height) { await this.cmd("POST", "/window/rect", { x: 0, y: 0, width, height }); await sleep(400); }
  async screenshot() { return Buffer.from(await this.cmd("GET", "/screenshot"), "base64"); }
  async delete() { await fetch(`${this.base}/session/${this.id}`, { method: "DELETE" }).catch(() => {}); }
}
