/**
 * `login-mock scenarios [spec.yaml|preset-id ...]`: the catalogue of each API, with how to force
 * and reach each scenario, and the demo accounts its spec declares.
 */

import { catalogueOf } from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { accountRows } from "../server/account-rows.ts";
import { apiSources, chooseApis, readSpecFiles } from "./apis.ts";
import { type FlagSpec, parseCommand, renderHelp } from "./flags.ts";

export const SCENARIOS_FLAGS = {
  variant: {
    type: "string",
    value: "ID",
    help: "Only this built-in preset's scenarios, by id: the same as naming it as an argument (default: every preset).",
  },
  json: { type: "boolean", help: "Print JSON instead of a table.", env: false },
} as const satisfies Record<string, FlagSpec>;

export const SCENARIOS_HELP = renderHelp(
  "login-mock scenarios [spec.yaml|preset-id ...] [--json]",
  "Lists every scenario the mock can serve for each API (your spec files, or built-in presets by id; none: every preset): each documented response (by its spec example name) and each network fault.",
  SCENARIOS_FLAGS,
);

/** `scenarios`' flags and arguments, judged without reading a spec file. */
export function parseScenariosFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const { flags, positionals } = parseCommand("scenarios", argv, SCENARIOS_FLAGS, env);
  return { flags, positionals, sources: apiSources("scenarios", positionals) };
}

export async function listScenarios(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const { flags, positionals, sources } = parseScenariosFlags(argv, env);
  const specs = await readSpecFiles(sources);
  const apis = chooseApis("scenarios", positionals, flags.variant, specs);
  const scenarios = apis.flatMap((api) => catalogueOf(api));
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
  const width = Math.max(10, ...apis.map((api) => api.id.length));
  const lines = scenarios.map((s) =>
    [s.variant.padEnd(width), String(s.status ?? "fault").padEnd(6), s.name.padEnd(22), s.summary]
      .join(" ")
      .trimEnd(),
  );
  return `${["api".padEnd(width), "status", "scenario".padEnd(22), "what it is"].join(" ")}\n${lines.join("\n")}\n\nForce one: -H 'Prefer: code=<status>, example=<scenario>' (documented responses) or -H 'X-Mock-Scenario: <scenario>' (any).\nHow to reach each with data: login-mock scenarios --json (howToReach).\n\n${apis.map(accountsTable).join("\n")}`;
}

/** The demo accounts an API's spec declares, and its unknown identity, with what each gets. */
function accountsTable(api: LoginApi): string {
  const rows = accountRows(api);
  const identityWidth = Math.max(
    api.request.identity.length,
    ...rows.map((r) => r.identity.length),
  );
  const secretWidth = Math.max(api.request.secret.length, ...rows.map((r) => r.secret.length));
  const line = (identity: string, secret: string, outcome: string) =>
    `  ${identity.padEnd(identityWidth)}  ${secret.padEnd(secretWidth)}  ${outcome}`;
  return `Demo accounts of ${api.id} (${api.title}, ${api.operation.method} ${api.operation.path}):\n${[
    line(api.request.identity, api.request.secret, "outcome"),
    ...rows.map((row) => line(row.identity, row.secret, row.outcome)),
  ].join("\n")}\n`;
}
