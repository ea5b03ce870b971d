/**
 * The scenario catalogue and the demo accounts as Markdown tables: the README's QA section is
 * generated from these (`npm run docs`), and a test fails when it is stale.
 */
import { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "../store/demo-accounts.ts";
import { SCENARIOS } from "./scenario-catalogue.ts";

const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function renderScenarioTable(): string {
  const rows = SCENARIOS.map((scenario) => {
    const status = scenario.status === null ? "fault" : String(scenario.status);
    const inferred = scenario.inferred ? " (inferred)" : "";
    const force =
      scenario.kind === "response"
        ? `\`Prefer: code=${scenario.status}, example=${scenario.name}\``
        : `\`X-Mock-Scenario: ${scenario.name}\``;
    return `| ${scenario.variant} | ${status} | \`${scenario.name}\`${inferred} | ${escapeCell(scenario.summary)} | ${force} | ${escapeCell(scenario.howToReach.map((way) => way.replace(/\.$/, "")).join("; "))} |`;
  });
  return [
    "| variant | status | scenario | what it is | force it with | reach it with data |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function renderDemoAccountTable(): string {
  const rows = [
    ...Object.values(TALKSTACK_DEMO).map((a) => ["talkstack", a.email, a.password, a.outcome]),
    ["talkstack", UNKNOWN_EMAIL.talkstack, "(any)", "404 user-not-found (not seeded)"],
    ...Object.values(SEAMLESS_DEMO).map((a) => ["seamless", a.email, a.password, a.outcome]),
    ["seamless", UNKNOWN_EMAIL.seamless, "(any)", "401 invalid-credentials (not seeded)"],
  ].map(
    ([variant, email, password, outcome]) =>
      `| ${variant} | \`${email}\` | \`${password}\` | ${outcome} |`,
  );
  return ["| variant | email | password | outcome |", "| --- | --- | --- | --- |", ...rows].join(
    "\n",
  );
}
