/** `login-mock scenarios`: the catalogue, with how to force and reach each scenario. */

import { scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import { isVariant, VARIANTS } from "../openapi/documents.ts";
import { badFlag, type FlagSpec, parseFlags, renderHelp } from "./flags.ts";

export const SCENARIOS_FLAGS = {
  variant: {
    type: "string",
    value: "talkstack|seamless",
    help: "Only this API's scenarios (default both).",
  },
  json: { type: "boolean", help: "Print JSON instead of a table.", env: false },
} as const satisfies Record<string, FlagSpec>;

export const SCENARIOS_HELP = renderHelp(
  "login-mock scenarios [--variant V] [--json]",
  "Lists every scenario the mock can serve: each documented response (by its spec example name) and each network fault.",
  SCENARIOS_FLAGS,
);

export function listScenarios(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const flags = parseFlags("scenarios", argv, SCENARIOS_FLAGS, env);
  const variantText = flags.variant === undefined ? undefined : String(flags.variant);
  if (variantText !== undefined && !isVariant(variantText)) {
    throw badFlag("scenarios", "variant", variantText, VARIANTS.join(", "));
  }
  const scenarios = (variantText ? [variantText] : VARIANTS).flatMap((variant) =>
    scenariosOf(variant),
  );
  if (flags.json) {
    return `${JSON.stringify(
      scenarios.map(({ variant, name, kind, status, summary, howToReach, inferred }) => ({
        variant,
        name,
        kind,
        status,
        summary,
        howToReach,
        inferred: inferred ?? null,
        force:
          kind === "response"
            ? { prefer: `code=${status}, example=${name}`, header: `X-Mock-Scenario: ${name}` }
            : { header: `X-Mock-Scenario: ${name}` },
      })),
      null,
      2,
    )}\n`;
  }
  const lines = scenarios.map((s) =>
    [
      s.variant.padEnd(10),
      String(s.status ?? "fault").padEnd(6),
      s.name.padEnd(22),
      s.summary,
    ].join(" "),
  );
  return `${["variant".padEnd(10), "status", "scenario".padEnd(22), "what it is"].join(" ")}\n${lines.join("\n")}\n\nForce one: -H 'Prefer: code=<status>, example=<scenario>' (documented responses) or -H 'X-Mock-Scenario: <scenario>' (any).\nHow to reach each with data: login-mock scenarios --json (howToReach).\n`;
}
