// What the app knows besides what was typed (state.ts): the tariff and its services from the
// Rust side, the settings, the update status, and the engine's latest answers. Views read it;
// only app.ts writes it.
import type { AppTariffs, Brief, Comparison, EngineError, ServiceOption, Settings, UpdateView } from "./types";
import type { AlternativeState, Prepared } from "./state";
import { initialState, type UiState } from "./state";
import { lang, tDyn, t } from "./i18n";

/** The latest answer for one alternative. */
export interface Result {
  prepared: Prepared;
  /** The engine's figures and warnings, without the explanation steps (asked on every edit). */
  est?: Brief;
  err?: EngineError;
}

export const ctx = {
  state: initialState() as UiState,
  services: [] as ServiceOption[],
  tariff: null as AppTariffs | null,
  settings: { language: "fi", organisation: null, update_url: null, root_ca_path: null } as Settings,
  update: null as UpdateView | null,
  /** Latest result per alternative id. */
  results: new Map<number, Result>(),
  comparison: null as { data?: Comparison; err?: EngineError } | null,
  /** An answer is on its way and slower than the pending threshold. */
  pending: false,
  /** The category chosen in the "add a service" row. */
  addCategory: "",
};

export function serviceOf(code: string): ServiceOption | undefined {
  return ctx.services.find((s) => s.code === code);
}
/** A service's name in the UI's language: statutory kinds from the catalogues, the tariff's
 * support services by the names it gives in fi, sv and en. */
export function serviceName(code: string): string {
  const s = serviceOf(code);
  return tDyn(`service.${code}`, s?.names?.[lang()] ?? s?.name ?? code);
}

/** The organisation's name in the UI's language. */
export function organisationName(a: { name: string; names?: { fi: string; sv: string; en: string } | null }): string {
  return a.names?.[lang()] ?? a.name;
}
export function fieldsOf(code: string): string[] {
  return serviceOf(code)?.fields ?? [];
}
export function altName(a: AlternativeState, i: number): string {
  return a.name.trim() || t("package.defaultName", { n: i + 1 });
}
export function activeAlt(): AlternativeState {
  const s = ctx.state;
  return s.alternatives[s.active] ?? s.alternatives[0]!;
}
export function activeResult(): Result | undefined {
  return ctx.results.get(activeAlt().id);
}
