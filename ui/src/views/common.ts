// Building blocks of the form: a labelled input with its help text and its message slot (filled
// by views/errors.ts after every estimate), a labelled select.
import { html, type Html, type Part } from "../html";

export interface FieldOptions {
  id: string;
  label: string;
  value: string;
  help?: string;
  inputmode?: "decimal" | "numeric" | "text" | "url";
  placeholder?: string;
  cls?: string;
  /** Extra text after the label, hidden from view (e.g. the unit spelt out). */
  srLabel?: string;
}

/**
 * `<input>` with `aria-describedby` pointing at its message slot (`#id-msg`) and its help
 * (`#id-help`): the message slot is where an error or a missing value is named.
 */
export function textField(o: FieldOptions): Html {
  const describedBy = `${o.id}-msg${o.help ? ` ${o.id}-help` : ""}`;
  return html`<div class="field ${o.cls ?? ""}">
    <label for="${o.id}">${o.label}${o.srLabel ? html`<span class="sr-only"> ${o.srLabel}</span>` : ""}</label>
    <input id="${o.id}" inputmode="${o.inputmode ?? "decimal"}" autocomplete="off" spellcheck="false" value="${o.value}"
      ${o.placeholder ? html`placeholder="${o.placeholder}"` : ""} aria-describedby="${describedBy}">
    <div class="field-msg" id="${o.id}-msg"></div>
    ${o.help ? html`<p class="help" id="${o.id}-help">${o.help}</p>` : ""}
  </div>`;
}

export function selectField(id: string, label: string, options: [string, string][], value: string, extra: Part = ""): Html {
  return html`<div class="field"><label for="${id}">${label}</label>
    <select id="${id}" aria-describedby="${id}-msg" ${extra}>${options.map(([v, l]) => html`<option value="${v}" ${v === value ? html`selected` : ""}>${l}</option>`)}</select>
    <div class="field-msg" id="${id}-msg"></div></div>`;
}

/** A checkbox whose whole row (box and label) is the 44 px target. */
export function checkbox(id: string, label: string, checked: boolean, help?: string): Html {
  return html`<div class="check">
    <input type="checkbox" id="${id}" ${checked ? html`checked` : ""} ${help ? html`aria-describedby="${id}-help"` : ""}>
    <label for="${id}">${label}</label></div>
    ${help ? html`<p class="help check-help" id="${id}-help">${help}</p>` : ""}`;
}
