/**
 * What `login-mock serve` prints once it listens: each variant's URLs, demo login and a way to
 * force a scenario that this very port accepts (from its own catalogue), and a warning when the
 * address makes the mock reachable from other machines.
 */

import { networkInterfaces } from "node:os";
import { scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../mocks/store/demo-accounts.ts";
import type { Variant } from "../openapi/documents.ts";
import { isLoopbackName } from "../server/host-check.ts";
import { exampleScenarioOf } from "../server/scenario-example.ts";

export interface BannerOptions {
  readonly variants: readonly Variant[];
  readonly scenarios: Readonly<Partial<Record<Variant, string>>>;
  readonly seed: number;
  readonly recaptcha: { readonly mode: string };
  readonly log: string;
  readonly clockStart: number | undefined;
  readonly allowRemoteControl: boolean;
  /** How the user chose the address: `--host 0.0.0.0` or `LOGIN_MOCK_HOST=0.0.0.0`. */
  readonly hostSource: string;
}

/** Where the server listens, as this machine reaches it. */
type Reach =
  /** 127.x or [::1]: this machine only. */
  | { readonly kind: "loopback" }
  /** 0.0.0.0 or [::]: every interface; `local` is the loopback URL that reaches it. */
  | { readonly kind: "wildcard"; readonly local: string }
  /** One address other machines reach, and this machine's loopback does not. */
  | { readonly kind: "exposed" };

function reachOf(url: string): Reach {
  const { hostname } = new URL(url);
  if (hostname === "0.0.0.0")
    return { kind: "wildcard", local: url.replace(hostname, "127.0.0.1") };
  if (hostname === "[::]") return { kind: "wildcard", local: url.replace(hostname, "[::1]") };
  if (isLoopbackName(hostname)) return { kind: "loopback" };
  return { kind: "exposed" };
}

function forceLine(variant: Variant): string {
  const prefer = exampleScenarioOf(variant);
  const fault = scenariosOf(variant).find((scenario) => scenario.kind === "fault");
  return `force a scenario -H 'Prefer: code=${prefer.status}, example=${prefer.name}'${fault ? ` or -H 'X-Mock-Scenario: ${fault.name}'` : ""}`;
}

export function renderBanner(
  urls: Readonly<Partial<Record<Variant, string>>>,
  options: BannerOptions,
): string {
  const lines = ["login-mock is serving:"];
  const demo = { talkstack: TALKSTACK_DEMO.documented, seamless: SEAMLESS_DEMO.documented };
  const indent = "".padEnd(10);
  for (const variant of options.variants) {
    const url = urls[variant] ?? "";
    const reach = reachOf(url);
    const local = reach.kind === "wildcard" ? reach.local : url;
    const panel =
      reach.kind === "exposed" && !options.allowRemoteControl
        ? "control panel: loopback only, not on this address (see the warning)"
        : `control panel ${local}/__mock/`;
    lines.push(
      `  ${variant.padEnd(10)} POST ${local}/auth/login    ${panel}`,
      `  ${indent} demo login ${demo[variant].email} / ${demo[variant].password}${options.scenarios[variant] ? `   forced scenario: ${options.scenarios[variant]}` : ""}`,
      `  ${indent} ${forceLine(variant)}`,
    );
  }
  lines.push(
    "All scenarios and demo accounts: npx login-mock scenarios",
    `Seed ${options.seed} · reCAPTCHA ${options.recaptcha.mode} · log ${options.log}${options.clockStart === undefined ? "" : ` · clock starts at ${new Date(options.clockStart).toISOString()}`} · Ctrl-C stops.`,
    "",
  );
  return lines.join("\n");
}

/**
 * One line when other machines can reach the mock: what they reach, and what the control API
 * still refuses them. Undefined on loopback.
 */
export function exposureWarning(
  urls: Readonly<Partial<Record<Variant, string>>>,
  options: Pick<BannerOptions, "allowRemoteControl" | "hostSource">,
  addresses: readonly string[] = networkAddresses(),
): string | undefined {
  const first = Object.values(urls)[0];
  if (first === undefined) return undefined;
  const reach = reachOf(first);
  if (reach.kind === "loopback") return undefined;
  const where =
    reach.kind === "wildcard" ? "every network interface" : "an address other machines reach";
  const seenAt =
    reach.kind === "wildcard" && addresses.length > 0 ? ` (at ${addresses.join(", ")})` : "";
  const exposed = `[login-mock] Warning: ${options.hostSource} listens on ${where}: the mock and its login route are reachable from other machines on your network${seenAt}.`;
  if (options.allowRemoteControl) {
    return `${exposed} --allow-remote-control opens the control API (/__mock/) to them too: anyone who reaches this port can change scenarios, clocks and sessions.`;
  }
  if (reach.kind === "wildcard") {
    return `${exposed} The control API (/__mock/) still answers this machine only (loopback), unless --allow-remote-control.`;
  }
  const { hostname } = new URL(first);
  return `${exposed} The control API (/__mock/) answers loopback only, which this address is not: for the control panel, listen on --host 0.0.0.0 and open it at 127.0.0.1, or add --allow-remote-control --allowed-hosts ${hostname}.`;
}

/** This machine's addresses on its networks (IPv4, at most three), for the warning. */
function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && entry.family === "IPv4")
    .map((entry) => entry.address)
    .slice(0, 3);
}
