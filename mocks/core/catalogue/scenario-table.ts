/**
 * The scenario catalogue and the demo accounts as Markdown tables: the README's QA section is
 * generated from these (`npm run docs`), and a test fails when it is stale.
 */
import type { LoginApi } from "../../../openapi/login-api.ts";
import { builtInApis } from "../../../presets/index.ts";
import { catalogueOf } from "./scenario-catalogue.ts";

const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function renderScenarioTable(apis: readonly LoginApi[] = builtInApis()): string {
  const rows = apis.flatMap(catalogueOf).map((scenario) => {
    const status = scenario.status === null ? "fault" : String(scenario.status);
    const inferred = scenario.inferred ? " (inferred)" : "";
    const force =
      scenario.kind === "response"
        ? `\`Prefer: code=${scenario.status}, example=${scenario.name}\``
        : `\`X-Mock-Scenario: ${scenario.name}\``;
    return `| ${scenario.variant} | ${status} | \`${scenario.name}\`${inferred} | ${escapeCell(scenario.summary)} | ${force} | ${escapeCell(scenario.howToReach.map((way) => way.replace(/\.$/, "")).join("; "))} |`;
  });
  return [
    "| api | status | scenario | what it is | force it with | reach it with data |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The status and example an account's login gets, e.g. `403 account-not-verified`. */
export function accountOutcome(api: LoginApi, answer: string | undefined): string {
  const name = answer ?? api.outcomes.success;
  const status = api.examples.find((example) => example.name === name)?.status;
  return `${status} ${name}`;
}

export function renderDemoAccountTable(apis: readonly LoginApi[] = builtInApis()): string {
  const rows = apis.flatMap((api) => [
    ...api.accounts.map((account) => [
      api.id,
      account.identity,
      account.secret,
      accountOutcome(api, account.answer),
    ]),
    [
      api.id,
      api.unknownIdentity,
      "(any)",
      `${accountOutcome(api, api.outcomes.unknownAccount)} (not seeded)`,
    ],
  ]);
  return [
    "| api | identity | secret | outcome |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      ([id, identity, secret, outcome]) =>
        `| ${id} | \`${identity}\` | \`${secret}\` | ${outcome} |`,
    ),
  ].join("\n");
}
