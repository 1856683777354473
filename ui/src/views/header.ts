// The header (the tariff in use with its age, language, organisation) and the navigation. Update
// status is shown here only when it matters to the counsellor: the tariff has expired, a newer
// tariff was refused or is published but not in use here, no check has succeeded for long (an
// offline tablet), or a new tariff period is coming. Everything else about updates is on the
// settings page (views/settings.ts).
import { html, type Html } from "../html";
import { t, tDyn, lang } from "../i18n";
import { date as fmtDate, dateTime } from "../format";
import { todayIso } from "../parse";
import { ctx, organisationName } from "../context";
import { selectField } from "./common";

/** Checks that keep failing this long are worth the counsellor's attention. */
export const FAILING_FOR_MS = 2 * 24 * 60 * 60 * 1000;
const NETWORK_FAILURES = ["server_unreachable", "tls_error", "timeout", "slow_server", "download_incomplete", "http_error", "redirect_downgrade", "redirect_other_host", "client_config_error", "storage_error", "disk_full"];
/** Days without a successful check after which the header says so (the app also gets
 * `check_stale` from the device store, which uses the same 14 days). */
const STALE_DAYS = 14;

export interface Notice {
  /** Stable identity: announced once when it first appears. */
  key: string;
  level: "info" | "warn";
  text: string;
}

/** The reason of an update outcome, translated by its code (an unknown code: "unknown reason"). */
export function updateReason(code: string, serial: number | null = null, status = ""): string {
  return tDyn(`update.code.${code}`, t("update.code.unknown"), { serial: serial ?? "", status });
}

/** What the header says about updates; `[]` when nothing needs the counsellor's attention. */
export function updateNotices(now = Date.now()): Notice[] {
  const b = ctx.tariff?.active?.bundle;
  const last = ctx.update?.last;
  const out: Notice[] = [];
  if (b?.expired) out.push({ key: `expired-${b.serial}`, level: "warn", text: t("header.expired", { date: fmtDate(b.expires_at.slice(0, 10)) }) });
  const code = last?.code ?? b?.last_status ?? "";
  const refused = code.startsWith("rejected_") && code !== "rejected_rollback";
  let failing = false;
  if (refused) {
    const when = b?.last_check ? dateTime(b.last_check) : "";
    out.push({ key: `refused-${code}-${when}`, level: "warn", text: t("header.refused", { reason: updateReason(code), time: when }) });
  } else if (NETWORK_FAILURES.includes(code) && b?.last_success && now - new Date(b.last_success).getTime() > FAILING_FOR_MS) {
    failing = true;
    out.push({ key: `failing-${b.last_success}`, level: "warn", text: t("header.failing", { time: dateTime(b.last_success) }) });
  }
  if (b?.newer_known && !refused) {
    out.push({ key: `newer-${b.newer_known.serial}`, level: "warn", text: t("header.newerKnown", { serial: String(b.newer_known.serial) }) });
  }
  if (ctx.update?.enabled && b && !failing) {
    const days = b.last_success ? Math.floor((now - new Date(b.last_success).getTime()) / 86_400_000) : null;
    if (days === null) out.push({ key: "never-checked", level: "warn", text: t("header.neverChecked") });
    else if (days >= STALE_DAYS) out.push({ key: `stale-${b.last_success}`, level: "warn", text: t("header.stale", { days: String(days) }) });
  }
  if (b?.newest_value_from && b.newest_value_from > todayIso()) {
    out.push({ key: `upcoming-${b.newest_value_from}`, level: "info", text: t("header.upcoming", { date: fmtDate(b.newest_value_from) }) });
  }
  return out;
}

export function headerView(validFrom: string | undefined): Html {
  const a = ctx.tariff?.active;
  const orgs = ctx.tariff?.available ?? [];
  const tariff = a
    ? html`<span class="label">${t("header.tariff")}:</span> <strong data-testid="tariff-name">${t("header.tariffLine", { name: organisationName(a), version: a.version })}</strong>${validFrom ? html` · ${t("header.validFrom", { date: fmtDate(validFrom) })}` : ""}
      <span class="muted" data-testid="tariff-age"> · ${a.bundle ? t("header.bundle", { serial: String(a.bundle.serial), date: fmtDate(a.bundle.created_at.slice(0, 10)), days: String(a.bundle.age_days) }) : t("header.bundled")}</span>`
    : html`<strong class="error-text">${t("header.noTariff")}</strong>`;
  const notices = updateNotices();
  return html`<h1>${t("app.title")}</h1>
    <p class="tariff" data-testid="tariff">${tariff}</p>
    ${notices.length ? html`<ul class="notices" data-testid="update-notices">${notices.map((n) => html`<li class="notice ${n.level}" data-key="${n.key}">${n.text}</li>`)}</ul>` : ""}
    <div class="header-controls">
      ${selectField("lang", t("header.language"), [["fi", "Suomi"], ["sv", "Svenska"], ["en", "English"]], lang())}
      ${orgs.length > 1 ? selectField("org", t("header.organisation"), orgs.map((o): [string, string] => [o.organisation, organisationName(o)]), a?.organisation ?? "") : ""}
    </div>`;
}

export function navView(): Html {
  const v = ctx.state.view;
  const b = (view: string, key: Parameters<typeof t>[0], current: boolean, cls = "") =>
    html`<button type="button" data-nav="${view}" class="${cls}" ${current ? html`aria-current="page"` : ""}>${t(key)}</button>`;
  return html`${b("estimate", "nav.estimate", v === "estimate")}
    ${b("compare", "nav.compare", v === "compare")}
    ${b("summary", "nav.summary", v === "summary")}
    ${b("presentation", "nav.presentation", false)}
    <button type="button" id="new-estimate" class="secondary">${t("nav.newEstimate")}</button>
    ${b("settings", "nav.settings", v === "settings", "secondary nav-settings")}`;
}
