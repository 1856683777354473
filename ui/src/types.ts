// The generated bindings name each type twice (what Rust sends, what Rust accepts); the UI
// reads the `_Serialize` side and writes the `_Deserialize` side.
export type {
  Estimate_Serialize as Estimate,
  Brief_Serialize as Brief,
  LineBrief_Serialize as LineBrief,
  EngineError_Serialize as EngineError,
  Comparison_Serialize as Comparison,
  ServiceOption_Serialize as ServiceOption,
  AppTariffs_Serialize as AppTariffs,
  Settings_Serialize as Settings,
  UpdateView_Serialize as UpdateView,
  TariffStatusChanged,
  Step_Serialize as Step,
  Line_Serialize as Line,
  Warning,
  Production,
  Scenario_Deserialize as Scenario,
  ServiceLine_Deserialize as ServiceLine,
  Person_Deserialize as Person,
} from "./bindings";
