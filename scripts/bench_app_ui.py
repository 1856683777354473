#!/usr/bin/env python3
"""The real-window part of scripts/bench-app.sh: drives the release app under Xvfb through
tauri-driver + WebKitWebDriver and prints TSV rows (what, budget, measured, note) on stdout;
details of every run go to stderr.

Environment: APP_BIN (absolute path of the app), BARE_BIN (the bare Tauri window,
examples/bare_window.rs; optional), PORT (tauri-driver), NATIVE_PORT (the WebKitWebDriver that
tauri-driver started), DRIVER_PID, RUNS, EDITS.

The budgets are relative to the stack's own floor, measured in the same run: a bare Tauri 2
window with a hello-world page and the same WebKitGTK settings (BARE_BIN), launched alternately
with the app (bare, app, bare, app, …) so that both see the same machine load:

* memory: app + WebKit processes (PSS) after 20 estimates ≤ the bare window's (PSS, 1 s after its
  first frame) + 30 MB;
* cold start to the first result ≤ the bare window's launch → first frame + 300 ms;
* edit → totals in the DOM (`result-rendered`) p95 ≤ 8 ms, and painted within two frames: the
  animation frames from the edit to the frame showing the new totals (counted with a
  requestAnimationFrame loop started with the edit), p95 ≤ 2.

What is measured, per run (one app launch = one WebDriver session, RUNS of them; the figures
are the medians over the runs):

* cold start: t0 = the new-session request that launches the app → the page reports
  `body[data-ready]` (settings, tariff and catalogue loaded) → the script immediately builds
  the smallest real package through the UI's own input events (gross income 1200 €, home care
  8 h/month) → the UI's performance mark `first-result` (set after the frame with the first
  engine total has been rendered). Measured on the same clock (performance.timeOrigin +
  mark.startTime vs. time.time()).
* typing latency: EDITS edits of the client's gross income (1000 + 7·i €), each dispatched as an
  `input` event in the page; for each, the UI's mark `edit` (in the input handler) → the next
  `result-painted` (after the frame with the new total). Every edit must yield a new engine
  total (the amounts differ by 1,12 € per edit), otherwise the run is reported as invalid.
* memory: after estimate 10 and 20 of those edits (1 s settle each), PSS and RSS of the app
  process alone, of its WebKit child processes (WebKitWebProcess, WebKitNetworkProcess), and
  the sum. PSS counts shared library pages once over the processes (the fair sum); RSS
  double-counts them.

The session's commands after the first go straight to WebKitWebDriver (NATIVE_PORT):
tauri-driver 2.1.0 reuses pooled connections that WebKitWebDriver has closed and then answers
"connection reset" for roughly one request in 20-100 (seen here); the direct port does not.
"""
import http.client
import json
import math
import os
import signal
import statistics
import sys
import time
import urllib.error
import urllib.request

APP = os.path.realpath(os.environ["APP_BIN"])
BARE = os.path.realpath(os.environ["BARE_BIN"]) if os.environ.get("BARE_BIN") else None
DRIVER = f"http://127.0.0.1:{os.environ['PORT']}"
NATIVE = f"http://127.0.0.1:{os.environ['NATIVE_PORT']}"
DRIVER_PID = int(os.environ["DRIVER_PID"])
RUNS, EDITS = int(os.environ.get("RUNS", "5")), int(os.environ.get("EDITS", "200"))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def out(what, budget, value, note=""):
    # no empty fields: bash `read` with IFS=tab would merge two tabs
    print(f"{what}\t{budget or '—'}\t{value or '—'}\t{note or '—'}", flush=True)


def load1():
    return float(open("/proc/loadavg").read().split()[0])


class Session:
    def __init__(self):
        self.base = DRIVER
        self.sid = None

    def req(self, method, path, body=None, timeout=60, retries=3):
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(retries + 1):
            r = urllib.request.Request(self.base + path, method=method, data=data,
                                       headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(r, timeout=timeout) as f:
                    return json.loads(f.read() or b"{}").get("value")
            except urllib.error.HTTPError as e:
                raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from None
            except (http.client.RemoteDisconnected, ConnectionResetError, urllib.error.URLError):
                if attempt == retries:
                    raise
                time.sleep(0.05)

    def start(self, application=APP):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": application}}}}
        self.sid = self.req("POST", "/session", caps, timeout=120, retries=0)["sessionId"]
        self.base = NATIVE
        try:
            self.js("return 1")
        except Exception as e:  # another driver layout: stay with tauri-driver (with retries)
            log("direct WebKitWebDriver port not usable, staying on tauri-driver:", e)
            self.base = DRIVER
        self.req("POST", f"/session/{self.sid}/timeouts", {"script": 30000})

    def js(self, script, args=()):
        return self.req("POST", f"/session/{self.sid}/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, args=()):
        # not retried: the script has side effects
        return self.req("POST", f"/session/{self.sid}/execute/async", {"script": script, "args": list(args)}, retries=0)

    def stop(self):
        try:
            self.req("DELETE", f"/session/{self.sid}", timeout=30)
        except Exception as e:
            log("delete session:", e)


def descendants(pid):
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        try:
            todo += [int(k) for k in open(f"/proc/{p}/task/{p}/children").read().split()]
        except OSError:
            pass
    return seen


def app_pid(exe=APP):
    for p in descendants(DRIVER_PID):
        try:
            if os.path.realpath(f"/proc/{p}/exe") == exe:
                return p
        except OSError:
            pass
    return None


def mem(pid):
    """{'Rss': MB, 'Pss': MB} of one process (smaps_rollup)."""
    d = {}
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            f = line.split()
            if f[0] in ("Rss:", "Pss:"):
                d[f[0][:-1]] = int(f[1]) / 1024
    except OSError:
        pass
    return d


def comm(pid):
    try:
        return open(f"/proc/{pid}/comm").read().strip()
    except OSError:
        return "?"


def save_smaps(pid, label):
    """With SMAPS_DIR set: /proc/PID/smaps of the process and its WebKit children, for a
    breakdown by mapping (BENCHMARKS.md, "Where the memory goes")."""
    out = os.environ.get("SMAPS_DIR")
    if not out:
        return
    os.makedirs(out, exist_ok=True)
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps") as f, open(f"{out}/{label}-{comm(p)}-{p}.smaps", "w") as g:
                g.write(f.read())
        except OSError:
            pass


def memory_snapshot(pid, label=None):
    if label:
        save_smaps(pid, label)
    procs = [(p, comm(p), mem(p)) for p in descendants(pid)]
    procs = [x for x in procs if x[2]]
    app = procs[0][2] if procs and procs[0][0] == pid else {"Rss": 0, "Pss": 0}
    web = [m for _, c, m in procs if c.startswith("WebKitWebProces")]
    return {
        "app_pss": app["Pss"], "app_rss": app["Rss"],
        "web_pss": sum(m["Pss"] for m in web), "web_rss": sum(m["Rss"] for m in web),
        "all_pss": sum(m["Pss"] for _, _, m in procs), "all_rss": sum(m["Rss"] for _, _, m in procs),
        "procs": [(c, round(m["Rss"]), round(m["Pss"])) for _, c, m in procs],
    }


# The smallest real package, built through the UI's own events (as the e2e test does by typing).
BUILD = """
const fire = (id, v) => { const el = document.getElementById(id); if (!el) throw new Error('no #' + id);
  el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };
fire('client-gross_income', '1200');
fire('add-category', 'home_care');
fire('add-service', 'home_care');
document.getElementById('add-line').click();
const h = document.querySelector("input[id$='-hours_per_month']");
if (!h) throw new Error('no hours input');
fire(h.id, '8');
return h.id;"""

WAIT_FIRST = """
const done = arguments[arguments.length - 1];
const get = () => performance.getEntriesByName('first-result')[0];
const fin = () => done([performance.timeOrigin + get().startTime,
  document.querySelector('[data-testid=total-client-monthly]')?.textContent ?? document.querySelector('h1')?.textContent ?? null]);
if (get()) fin(); else { const o = new PerformanceObserver(() => { if (get()) { o.disconnect(); fin(); } }); o.observe({type: 'mark'}); }
"""

# One edit: set the value, fire `input` (the UI marks `edit` in its handler), resolve when the
# next `result-painted` mark appears. Returns [edit mark, result-rendered mark or null,
# result-painted mark, total shown].
EDIT = """
const done = arguments[arguments.length - 1];
const el = document.getElementById('client-gross_income');
const before = performance.getEntriesByName('result-painted').length;
// frames from the edit to the one that shows the totals (the UI marks result-painted after it)
let frames = 0, counting = true;
const tick = () => { if (!counting) return; frames++; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
const o = new PerformanceObserver(() => {
  const p = performance.getEntriesByName('result-painted');
  if (p.length <= before) return;
  o.disconnect();
  counting = false;
  const e = performance.getEntriesByName('edit'), r = performance.getEntriesByName('result-rendered');
  const last = (a) => a.length ? a[a.length - 1].startTime : null;
  const is = performance.getEntriesByName('ipc-start'), ie = performance.getEntriesByName('ipc-end');
  done([last(e), last(r), p[p.length - 1].startTime, document.querySelector('[data-testid=total-client-monthly]')?.textContent ?? null, frames,
    is.length && ie.length ? last(ie) - last(is) : null]);
});
o.observe({type: 'mark'});
el.value = String(arguments[0]);
el.dispatchEvent(new Event('input', {bubbles: true}));
"""


def pct(a, q):
    a = sorted(a)
    return a[max(0, math.ceil(q * len(a)) - 1)]


def wait_exit(pid):
    """The next cold start must not overlap this process."""
    end = time.time() + 10
    while pid and os.path.exists(f"/proc/{pid}") and time.time() < end:
        time.sleep(0.05)
    if pid and os.path.exists(f"/proc/{pid}"):
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)


def bare_run(run):
    """The bare window: launch → first frame, and its memory 1 s after it (as the app's is 1 s
    after its 20th estimate)."""
    s = Session()
    t0 = time.time()
    s.start(BARE)
    deadline = t0 + 30
    while not s.js("return document.body.dataset.ready === '1'"):
        if time.time() > deadline:
            raise RuntimeError("the bare window did not become ready in 30 s")
        time.sleep(0.005)
    mark_epoch, shown = s.js_async(WAIT_FIRST)
    first = mark_epoch / 1000 - t0
    pid = app_pid(BARE)
    time.sleep(1)
    snap = memory_snapshot(pid, f"bare{run + 1}") if pid else None
    s.stop()
    wait_exit(pid)
    log(f"bare run {run + 1}: first frame {first * 1000:.0f} ms ({shown}), memory {snap and snap['procs']}")
    return {"first": first, "mem": snap, "load": load1()}


def one_run(run):
    s = Session()
    la = load1()
    t0 = time.time()
    s.start()
    deadline = t0 + 30
    while not s.js("return document.body.dataset.ready === '1'"):
        if time.time() > deadline:
            raise RuntimeError("the UI did not become ready in 30 s")
        time.sleep(0.005)
    ready = time.time() - t0
    s.js(BUILD)
    mark_epoch, total = s.js_async(WAIT_FIRST)
    first = mark_epoch / 1000 - t0
    r = {"ready": ready, "first": first, "first_total": total, "load": [la]}
    pid = app_pid()
    lat, dom, frames, totals, mem10, mem20, ipc = [], [], [], [], None, None, []
    for i in range(EDITS):
        e, rendered, painted, tot, fr, ipc_ms = s.js_async(EDIT, [1000 + 7 * i])
        if ipc_ms is not None:
            ipc.append(ipc_ms)
        lat.append(painted - e)
        frames.append(fr)
        if rendered is not None:
            dom.append(rendered - e)
        totals.append(tot)
        if i in (9, 19) and pid:
            time.sleep(1)
            snap = memory_snapshot(pid, f"app{run + 1}" if i == 19 else None)
            if i == 9:
                mem10 = snap
            else:
                mem20 = snap
    r["load"].append(load1())
    r.update(lat=lat, dom=dom, frames=frames, mem10=mem10, mem20=mem20, ipc=ipc,
             distinct=len(set(t for t in totals if t)), edits=len(totals))
    s.stop()
    wait_exit(pid)
    log(f"run {run + 1}: ready {ready * 1000:.0f} ms, first result {first * 1000:.0f} ms ({total}), "
        f"edit→painted median {statistics.median(lat):.1f} p95 {pct(lat, 0.95):.1f} max {max(lat):.1f} ms, "
        f"edit→DOM p95 {pct(dom, 0.95) if dom else float('nan'):.1f} ms, {r['distinct']}/{len(totals)} distinct totals, "
        f"load {r['load']}, memory@20 {mem20 and mem20['procs']}")
    return r


def main():
    runs, bares = [], []
    for run in range(RUNS):
        if BARE:
            try:
                bares.append(bare_run(run))
            except Exception as e:
                log(f"bare run {run + 1} failed: {e!r}")
        try:
            runs.append(one_run(run))
        except Exception as e:
            log(f"run {run + 1} failed: {e!r}")
    if not runs:
        out("cold start to first result (Xvfb)", "≤ bare + 300 ms", "n/a", "every run failed (see the log)")
        return
    n = len(runs)
    med = lambda k: statistics.median(r[k] for r in runs)
    loads = [l for r in runs for l in r["load"]] + [b["load"] for b in bares]
    load_note = f"load avg (1 min) {min(loads):.2f}–{max(loads):.2f}"
    bare_first = statistics.median(b["first"] for b in bares) if bares else None
    shown = ("a total was shown at the mark in every launch" if all(r["first_total"] for r in runs)
             else f"NO total shown at the mark in {sum(1 for r in runs if not r['first_total'])} launches — invalid")
    if bare_first is not None:
        d = (med("first") - bare_first) * 1000
        out("cold start to first result (Xvfb), vs the bare window", "≤ bare + 300 ms",
            f"app {med('first') * 1000:.0f} ms, bare {bare_first * 1000:.0f} ms: {d:+.0f} ms" + (" (met)" if d <= 300 else " (MISSED)"),
            f"medians of {n} app and {len(bares)} bare launches, alternated; app: launch → UI ready {med('ready') * 1000:.0f} ms → "
            f"package typed by script → mark 'first-result'; bare: launch → first frame; {shown}; {load_note}")
    else:
        out("cold start to first result (Xvfb)", "≤ bare + 300 ms", f"{med('first') * 1000:.0f} ms", f"no bare window (BARE_BIN); {shown}; {load_note}")
    valid = all(r["distinct"] == r["edits"] == EDITS for r in runs)
    p95s = [pct(r["lat"], 0.95) for r in runs]
    meds = [statistics.median(r["lat"]) for r in runs]
    dom95 = [pct(r["dom"], 0.95) for r in runs if r["dom"]]
    fr95 = [pct(r["frames"], 0.95) for r in runs if r["frames"]]
    validity = "every edit gave a new engine total" if valid else "NOT every edit gave a new engine total — invalid"
    if dom95:
        d = statistics.median(dom95)
        out("edit → totals in the DOM, p95", "≤ 8 ms", f"{d:.1f} ms" + (" (met)" if d <= 8 else " (MISSED)"),
            f"median over {n} runs of the p95 of {EDITS} edits (per run {', '.join(f'{x:.1f}' for x in dom95)}); {validity}; {load_note}")
        ipcs = [x for r in runs for x in r.get("ipc", [])]
        if ipcs:
            out("… of which the engine's IPC round trip (marks ipc-start → ipc-end)", "",
                f"median {statistics.median(ipcs):.1f} ms, p95 {pct(ipcs, 0.95):.1f} ms",
                f"all {len(ipcs)} edits; WebKit rounds marks to 1 ms")
    if fr95:
        f = statistics.median(fr95)
        dist = {}
        for r in runs:
            for x in r["frames"]:
                dist[x] = dist.get(x, 0) + 1
        out("edit → totals painted, frames", "p95 ≤ 2 frames", f"{f:.0f} frames" + (" (met)" if f <= 2 else " (MISSED)"),
            f"animation frames from the edit to the one showing the totals, p95 per run {', '.join(f'{x:.0f}' for x in fr95)}; "
            f"all edits: {', '.join(f'{k} frame(s) × {v}' for k, v in sorted(dist.items()))}; "
            f"edit → painted p95 {statistics.median(p95s):.1f} ms, median {statistics.median(meds):.1f} ms")
    m = [r for r in runs if r["mem10"] and r["mem20"]]
    if not m:
        out("memory after 20 estimates", "≤ bare + 30 MB", "n/a", "app process not found")
        return
    mm = lambda k, w="mem20": statistics.median(r[w][k] for r in m)
    growth = [r["mem20"]["all_pss"] - r["mem10"]["all_pss"] for r in m]
    bm = [b["mem"] for b in bares if b["mem"]]
    procs = ", ".join(f"{c} {a}/{b}" for c, a, b in m[-1]["mem20"]["procs"])
    if bm:
        bare_pss = statistics.median(x["all_pss"] for x in bm)
        d = mm("all_pss") - bare_pss
        out("memory: app + WebKit processes (PSS) after 20 estimates, vs the bare window", "≤ bare + 30 MB",
            f"app {mm('all_pss'):.0f} MB, bare {bare_pss:.0f} MB: {d:+.0f} MB" + (" (met)" if d <= 30 else " (MISSED)"),
            f"medians of {len(m)} and {len(bm)} runs; app processes (RSS/PSS MB): {procs}; "
            f"bare: {', '.join(f'{c} {a}/{b}' for c, a, b in bm[-1]['procs'])}")
    else:
        out("memory: app + WebKit processes (PSS) after 20 estimates", "≤ bare + 30 MB", f"{mm('all_pss'):.0f} MB", f"no bare window; {procs}")
    out("memory after 20 estimates: app process alone", "", f"PSS {mm('app_pss'):.0f} MB / RSS {mm('app_rss'):.0f} MB", "")
    out("memory after 20 estimates: WebKitWebProcess alone", "", f"PSS {mm('web_pss'):.0f} MB / RSS {mm('web_rss'):.0f} MB", "")
    out("memory growth estimate 10 → 20 (PSS, all processes)", "no growth", f"{statistics.median(growth):+.1f} MB",
        f"per run {', '.join(f'{g:+.1f}' for g in growth)}; at 10: {mm('all_pss', 'mem10'):.0f} MB")


if __name__ == "__main__":
    main()
