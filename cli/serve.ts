/**
 * `login-mock serve`: both variants (or one) on loopback, with the banner a newcomer needs.
 */

import { MAX_DELAY_MS } from "../mocks/core/faults.ts";
import { createLoginMock, type LoginMockOptions } from "../mocks/core/login-mock.ts";
import { parseRecaptchaMode, RECAPTCHA_MODES } from "../mocks/core/recaptcha.ts";
import { findScenario, scenariosOf } from "../mocks/core/scenario-catalogue.ts";
import { clockRange, parseInstant } from "../mocks/core/session-clock.ts";
import {
  longestTokenLifetimeSeconds,
  MAX_TOKEN_TTL_SECONDS,
} from "../mocks/core/token-lifetime.ts";
import { isVariant, VARIANTS, type Variant } from "../openapi/documents.ts";
import type { OriginPolicy } from "../server/cors.ts";
import { type AllowedHosts, parseAllowedHosts } from "../server/host-check.ts";
import { createRequestLogger, LOG_FORMATS, type LogFormat } from "../server/request-log.ts";
import {
  DEFAULT_HOST,
  DEFAULT_PORTS,
  ListenError,
  type RunningServers,
  startServers,
} from "../server/start-servers.ts";
import { boundYoungGeneration, youngGenerationSizedByUser } from "../server/young-generation.ts";
import { exposureWarning, renderBanner } from "./banner.ts";
import {
  badFlag,
  type FlagSpec,
  flagSource,
  integerFlag,
  parseFlags,
  renderHelp,
  UsageError,
} from "./flags.ts";

export const SERVE_FLAGS = {
  variant: {
    type: "string",
    value: "talkstack|seamless|all",
    help: "Which API to serve (default all).",
  },
  port: {
    type: "string",
    value: "N",
    help: `Port of the first variant; the next takes N+1. 0 picks free ports (default ${DEFAULT_PORTS.talkstack}, ${DEFAULT_PORTS.seamless}).`,
  },
  host: {
    type: "string",
    value: "H",
    help: `Address to bind (default ${DEFAULT_HOST}; anything else exposes the mock to your network).`,
  },
  seed: {
    type: "string",
    value: "N",
    help: "Seed of the user store: the same seed gives the same users (default 1).",
  },
  scenario: {
    type: "string",
    value: "NAME",
    help: "Serve this scenario to every login (see `login-mock scenarios`).",
  },
  recaptcha: {
    type: "string",
    value: "MODE",
    help: "Seamless reCAPTCHA: accept (any non-empty value, default), reject, or match:<value>.",
  },
  "token-ttl": {
    type: "string",
    value: "SECONDS",
    help: "Token lifetime instead of the documented 2 h (TalkStack) and 24 h (Seamless).",
  },
  clock: {
    type: "string",
    value: "ISO",
    help: "Mock time: every session's clock starts at this instant (RFC 3339 with seconds, e.g. 2030-01-01T09:00:00Z) and runs forward; PUT /__mock/clock moves one session's (default: real time).",
  },
  delay: {
    type: "string",
    value: "MS",
    help: `Delay every response by MS milliseconds, at most ${MAX_DELAY_MS} (default 0).`,
  },
  log: {
    type: "string",
    value: "off|pretty|json",
    help: "Request log format (default pretty). Never contains passwords, tokens or cookies.",
  },
  "allow-origin": {
    type: "string",
    value: "ORIGINS",
    help: "Comma-separated CORS origins allowed with credentials (default: any http://localhost:* or http://127.0.0.1:*).",
  },
  "allow-remote-control": {
    type: "boolean",
    help: "Let other hosts use the /__mock/ control API (default: loopback only).",
  },
  "allowed-hosts": {
    type: "string",
    value: "H1,H2",
    help: "Host names besides localhost, 127.0.0.1 and [::1] under which the /__mock/ control API answers, such as a docker service name (.example.com allows its subdomains). `all` allows any name and lets other web pages reach it through DNS rebinding: unsafe.",
  },
} as const satisfies Record<string, FlagSpec>;

export const SERVE_HELP = renderHelp(
  "login-mock serve [flags]",
  "Serves POST /auth/login for TalkStack and Seamless on loopback, with a QA control panel at /__mock/.",
  SERVE_FLAGS,
);

export function parseServeOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const flags = parseFlags("serve", argv, SERVE_FLAGS, env);
  const variantText = String(flags.variant ?? "all");
  if (variantText !== "all" && !isVariant(variantText)) {
    throw badFlag("serve", "variant", variantText, "talkstack, seamless, all");
  }
  const variants: Variant[] = variantText === "all" ? [...VARIANTS] : [variantText as Variant];
  const recaptchaText = flags.recaptcha === undefined ? "accept" : String(flags.recaptcha);
  const recaptcha = parseRecaptchaMode(recaptchaText);
  if (!recaptcha) throw badFlag("serve", "recaptcha", recaptchaText, RECAPTCHA_MODES.join(", "));
  const logText = String(flags.log ?? "pretty");
  if (!(LOG_FORMATS as readonly string[]).includes(logText))
    throw badFlag("serve", "log", logText, LOG_FORMATS.join(", "));
  const scenario = flags.scenario === undefined ? undefined : String(flags.scenario);
  // The catalogue's own names, so each is a name its variant has.
  const scenarios = Object.fromEntries(
    variants.flatMap((variant) => {
      const found = scenario === undefined ? undefined : findScenario(variant, scenario);
      return found ? [[variant, found.name]] : [];
    }),
  ) as NonNullable<LoginMockOptions["scenarios"]>;
  if (scenario !== undefined) {
    if (Object.keys(scenarios).length === 0) {
      const known = [
        ...new Set(variants.flatMap((variant) => scenariosOf(variant).map((s) => s.name))),
      ];
      throw badFlag("serve", "scenario", scenario, known.join(", "));
    }
  }
  const tokenTtlSeconds = integerFlag(
    "serve",
    "token-ttl",
    flags["token-ttl"],
    1,
    MAX_TOKEN_TTL_SECONDS,
  );
  const clockText = flags.clock === undefined ? undefined : String(flags.clock);
  const clockStart = clockText === undefined ? undefined : parseInstant(clockText);
  if (clockText !== undefined) {
    const range = clockRange(longestTokenLifetimeSeconds(tokenTtlSeconds));
    const earliest = new Date(range.earliestMs).toISOString();
    const latest = new Date(range.latestMs).toISOString();
    if (clockStart === undefined || clockStart < range.earliestMs || clockStart > range.latestMs)
      throw badFlag(
        "serve",
        "clock",
        clockText,
        `an RFC 3339 date-time with seconds and a zone, such as 2030-01-01T09:00:00Z, from ${earliest} to ${latest} (so every token issued still expires at a four-digit year)`,
      );
  }
  const host = String(flags.host ?? DEFAULT_HOST);
  if (!/^[\w.:-]+$/.test(host))
    throw badFlag("serve", "host", host, "an IP address or host name, such as 127.0.0.1");
  return {
    variants,
    host,
    port: integerFlag("serve", "port", flags.port, 0, 65535),
    seed: integerFlag("serve", "seed", flags.seed, 0, 2 ** 31 - 1) ?? 1,
    scenarios,
    recaptcha,
    tokenTtlSeconds,
    delayMs: integerFlag("serve", "delay", flags.delay, 0, MAX_DELAY_MS) ?? 0,
    clockStart,
    log: logText as LogFormat,
    originPolicy: parseOriginPolicy(flags["allow-origin"]),
    allowRemoteControl: flags["allow-remote-control"] === true,
    allowedHosts: parseAllowedHostsFlag(flags["allowed-hosts"]),
  };
}

function parseAllowedHostsFlag(value: string | boolean | undefined): AllowedHosts {
  if (value === undefined) return [];
  const parsed = parseAllowedHosts(String(value));
  if (parsed !== true && "bad" in parsed) {
    throw badFlag(
      "serve",
      "allowed-hosts",
      parsed.bad,
      "host names such as mock.docker or .example.com (comma-separated, no port), or all",
    );
  }
  return parsed;
}

function parseOriginPolicy(value: string | boolean | undefined): OriginPolicy {
  if (value === undefined) return { kind: "local" };
  const origins = String(value)
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      throw badFlag(
        "serve",
        "allow-origin",
        origin,
        "origins such as http://localhost:5173 (scheme://host[:port], no path, no *)",
      );
    }
  }
  return { kind: "list", origins };
}

export async function serve(argv: readonly string[]): Promise<RunningServers> {
  const options = parseServeOptions(argv);
  const mock = createLoginMock({
    seed: options.seed,
    recaptcha: options.recaptcha,
    delayMs: options.delayMs,
    scenarios: options.scenarios,
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
    ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
  });
  const running = await startServers({
    variants: options.variants,
    host: options.host,
    ...(options.port === undefined ? {} : { port: options.port }),
    mock,
    originPolicy: options.originPolicy,
    log: createRequestLogger(options.log),
    allowRemoteControl: options.allowRemoteControl,
    allowedHosts: options.allowedHosts,
  }).catch((error: unknown) => {
    if (!(error instanceof ListenError)) throw error;
    const source = flagSource("serve", error.setting);
    if (source.startsWith("--")) throw error;
    throw new ListenError(
      `${error.message} This ${error.setting} came from ${source}.`,
      error.setting,
    );
  });
  const hostSource = flagSource("serve", "host");
  const shown = {
    ...options,
    hostSource: hostSource.startsWith("--")
      ? `--host ${options.host}`
      : `${hostSource}=${options.host}`,
  };
  const warning = exposureWarning(running.urls, shown);
  if (warning) process.stderr.write(`${warning}\n`);
  process.stdout.write(renderBanner(running.urls, shown));
  if (youngGenerationSizedByUser()) return running;
  const unbound = boundYoungGeneration();
  return {
    ...running,
    close: (graceMs) => running.close(graceMs).finally(unbound),
  };
}

export { UsageError };
