// Kustannusarvio UI, the entry point. The layout of the code (docs/app.md "UI"):
//   state.ts    what the counsellor typed, and the scenario it becomes
//   context.ts  what the app knows besides (tariff, services, the engine's answers)
//   app.ts      the controller: events → state → engine → views
//   views/      household, package, results, explanation, compare, summary, presentation,
//               settings, header, errors — each a function from the state to `html` markup
//   html.ts     the tagged template that escapes every value; parse.ts, fields.ts, format.ts
import { start } from "./app";

void start();
