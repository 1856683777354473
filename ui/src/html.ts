// The one way the UI writes markup: an `html` tagged template that escapes every interpolated
// value unless it is already markup (another `html` result). Nothing is ever inserted as text
// that could become markup, so views never call an escape function by hand.
//
//   html`<p class="${cls}">${userText}</p>`      userText is escaped (also inside attributes)
//   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   arrays are joined
//   html`${cond && html`<b>…</b>`}`             false, null and undefined render nothing

/** Markup that is safe to insert: built only by `html` (or `html.trusted` for constants). */
export class Html {
  /** @internal use `html` */
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function part(v: Part): string {
  if (v === null || v === undefined || typeof v === "boolean") return "";
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return (v as readonly Part[]).map(part).join("");
  return escapeText(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += part(values[i]) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Empty markup. */
export const nothing = new Html("");

/** Puts markup into an element (the only `innerHTML` write of the views). */
export function render(el: Element | null, h: Html): void {
  if (el) el.innerHTML = h.text;
}
