// Presentation mode: what the client sees on the tablet — the package and the client's own
// fees in large type. No HVA cost, voucher value, own-production comparison, income or
// counsellor-only warning, also inside explanations (their client variant). One tap or Esc back.
import { html, type Html } from "../html";
import { t, type MessageKey } from "../i18n";
import { activeAlt, serviceName } from "../context";
import { resultsInner } from "./results";
import { lineQuantityText } from "./summary";

export function presentationView(): Html {
  const alt = activeAlt();
  return html`<div class="presentation-bar"><button type="button" id="presentation-back" class="primary">${t("presentation.back")}</button></div>
    <main id="main" tabindex="-1" class="presentation-main">
      <h1 class="presentation-h1">${t("presentation.heading")}</h1>
      <section class="card results" id="results" aria-labelledby="results-h">${resultsInner(true)}</section>
      <section class="card" aria-labelledby="presentation-services-h"><h2 id="presentation-services-h">${t("summary.services")}</h2><ul class="plain big-list">${alt.lines.map((l) => {
        const q = lineQuantityText(l);
        return html`<li>${serviceName(l.service)} – ${t(`production.${l.production}` as MessageKey)}${q ? html`<br><span class="sub">${q}</span>` : ""}</li>`;
      })}</ul></section>
    </main>`;
}
