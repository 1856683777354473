// The settings page (for the HVA's administrator): where tariff updates come from (the intranet
// address and an optional root CA), checking now, and the status of every check with its time.
// The counsellor's header shows update status only when it matters (views/header.ts).
import { html, type Html } from "../html";
import { t } from "../i18n";
import { date as fmtDate, dateTime } from "../format";
import { ctx, organisationName } from "../context";
import { updateReason } from "./header";

function lastText(): string {
  const u = ctx.update;
  if (!u?.enabled) return t("update.off");
  if (u.checking) return t("update.checking");
  const last = u.last;
  if (!last) return t("update.never");
  const status = last.error && "status" in last.error ? String((last.error as { status?: number }).status ?? "") : "";
  const reason = updateReason(last.code, last.serial ?? null, status);
  return last.ok ? reason : t("update.rejected", { reason });
}

export function settingsView(problem = ""): Html {
  const s = ctx.settings;
  const a = ctx.tariff?.active;
  const b = a?.bundle;
  const rows: Html[] = [];
  if (a) rows.push(html`<li>${t("settings.tariff", { name: organisationName(a), version: a.version })}</li>`);
  rows.push(html`<li>${b ? t("settings.bundle", { serial: String(b.serial), published: fmtDate(b.created_at.slice(0, 10)), expires: fmtDate(b.expires_at.slice(0, 10)) }) : t("header.bundled")}</li>`);
  if (b?.newer_known) rows.push(html`<li>${t("settings.newerKnown", { serial: String(b.newer_known.serial), version: b.newer_known.tariff_version })}</li>`);
  if (b?.last_success) rows.push(html`<li>${t("settings.lastSuccess", { time: dateTime(b.last_success) })}</li>`);
  if (b?.last_check) rows.push(html`<li>${t("settings.lastCheck", { time: dateTime(b.last_check) })}</li>`);
  if (ctx.tariff?.app_version) rows.push(html`<li>${t("settings.appVersion", { version: ctx.tariff.app_version })}</li>`);
  return html`<section class="card settings" aria-labelledby="settings-h" data-testid="settings">
    <h2 id="settings-h" tabindex="-1">${t("settings.title")}</h2>
    <p class="help">${t("settings.intro")}</p>
    <h3>${t("update.title")}</h3>
    <p class="help">${t("update.help")}</p>
    <div class="field"><label for="update-url">${t("update.url")}</label>
      <input id="update-url" type="text" inputmode="url" autocomplete="off" spellcheck="false" aria-describedby="update-url-help update-problem" value="${s.update_url ?? ""}">
      <p class="help" id="update-url-help">${t("update.urlHelp")}</p></div>
    <div class="field"><label for="update-ca">${t("update.rootCa")}</label>
      <input id="update-ca" type="text" autocomplete="off" spellcheck="false" aria-describedby="update-ca-help update-problem" value="${s.root_ca_path ?? ""}">
      <p class="help" id="update-ca-help">${t("update.rootCaHelp")}</p></div>
    <p id="update-problem" class="error-text" role="alert">${problem}</p>
    <div class="dialog-actions">
      <button type="button" id="update-save" class="primary">${t("update.save")}</button>
      <button type="button" id="update-check">${t("update.checkNow")}</button>
    </div>
    <p role="status" data-testid="update-status">${t("update.last")}: ${lastText()}</p>
    <h3>${t("settings.tariffTitle")}</h3>
    <ul data-testid="settings-tariff">${rows}</ul>
    <div class="actions"><button type="button" data-nav="estimate">${t("summary.back")}</button></div>
  </section>`;
}
