/**
 * `login-mock serve [spec.yaml|preset-id ...]`: each login API on a port of its own on
 * loopback (its spec's own loopback server port, else 4010 plus its place; with --port, the
 * first at --port and the next ones after it), with the banner a newcomer needs.
 */

import { readFile, stat } from "node:fs/promises";
import {
  AccountOutcomeError,
  CHALLENGE_MODES,
  type ChallengeMode,
  catalogueOf,
  clockRange,
  createLoginMock,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  type LoginMock,
  longestTokenLifetimeSeconds,
  MAX_DELAY_MS,
  MAX_EXTRA_ACCOUNTS,
  MAX_KEYS_KEPT,
  MAX_TOKEN_TTL_SECONDS,
  parseChallengeMode,
  parseInstant,
  type SigningKeySource,
  scenarioOf,
} from "../mocks/core/index.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { builtInApis } from "../presets/index.ts";
import type { OriginPolicy } from "../server/cors.ts";
import { type AllowedHosts, parseAllowedHosts } from "../server/host-check.ts";
import { createRequestLogger, LOG_FORMATS, type LogFormat } from "../server/request-log.ts";
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  ListenError,
  PortClashError,
  plannedPorts,
  type RunningServers,
  startServers,
} from "../server/start-servers.ts";
import { boundYoungGeneration, youngGenerationSizedByUser } from "../server/young-generation.ts";
import { type AccountsFile, accountsFileError, readAccountsFile } from "./accounts-file.ts";
import { apiSources, chooseApis, presetIds, readSpecFiles } from "./apis.ts";
import { exposureWarning, renderBanner } from "./banner.ts";
import {
  badFlag,
  type FlagSpec,
  flagSource,
  integerFlag,
  parseCommand,
  renderHelp,
  UsageError,
} from "./flags.ts";

export const SERVE_FLAGS = {
  variant: {
    type: "string",
    value: "ID|all",
    help: "A built-in preset to serve, by id, or all of them (the default): the same as naming presets as arguments.",
  },
  port: {
    type: "string",
    value: "N",
    help: `Port of the first API; each next one takes the next port. 0 picks free ports. Default: each API on its spec's own loopback server port (http://127.0.0.1:N or http://localhost:N in its servers), else ${DEFAULT_PORT} plus its place in the list.`,
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
    help: "Serve this scenario to every login of each API that has it (see `login-mock scenarios`).",
  },
  challenge: {
    type: "string",
    value: "MODE",
    help: "How a spec's challenge field (a CAPTCHA token) is judged: accept (any valid value, default), reject, or match:<value>.",
  },
  recaptcha: {
    type: "string",
    value: "MODE",
    help: "The former name of --challenge.",
  },
  alg: {
    type: "string",
    value: "HS256|RS256|ES256",
    help: `How tokens are signed: HS256 with the documented demo secret (default), or RS256/ES256 with keys generated at start, each token naming its key by kid; the public keys are at /.well-known/jwks.json on every port, POST /__mock/keys/rotate rotates them (the last ${MAX_KEYS_KEPT} kept).`,
  },
  key: {
    type: "string",
    value: "FILE",
    help: "With --alg RS256|ES256: sign with this private key (a PKCS#8 PEM or a private JWK, JSON) instead of one generated at start, so tokens verify across restarts. Its public half is in /.well-known/jwks.json; rotation adds generated keys after it.",
  },
  lockout: {
    type: "boolean",
    help: "Turn on a lockout a spec declares as opt-in (the presets' inferred one: 5 wrong passwords lock an account for 15 minutes of its session's clock, answered with too-many-attempts). A lockout a spec declares without optIn is always on.",
  },
  "token-ttl": {
    type: "string",
    value: "SECONDS",
    help: "Token lifetime in seconds for every API, instead of the one each spec documents (1 s to 10 years).",
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
  accounts: {
    type: "string",
    value: "FILE",
    help: `Accounts with outcomes of their own, in every session, from a YAML list of {identity, secret, answer, delayMs, api}: answer is an example of the API, delayMs delays that account's replies; an existing identity without secret keeps its own (at most ${MAX_EXTRA_ACCOUNTS}; see docs/qa.md).`,
  },
  "allowed-hosts": {
    type: "string",
    value: "H1,H2",
    help: "Host names besides localhost, 127.0.0.1 and [::1] under which the /__mock/ control API answers, such as a docker service name (.example.com allows its subdomains). `all` allows any name and lets other web pages reach it through DNS rebinding: unsafe.",
  },
} as const satisfies Record<string, FlagSpec>;

export const SERVE_HELP = renderHelp(
  "login-mock serve [spec.yaml|preset-id ...] [flags]",
  "Serves each login API (your OpenAPI spec files, or built-in presets by id; none: every preset) on a port of its own on loopback, with a QA control panel at /__mock/.",
  SERVE_FLAGS,
);

/** `serve --help`: the help, and the built-in presets' ids as their specs give them. */
export function serveHelp(): string {
  return `${SERVE_HELP}
Built-in presets: ${presetIds().join(", ")}.
`;
}

/**
 * `serve`'s flags and arguments, judged without reading a spec file: each flag's syntax, and
 * each argument a spec file or a preset id. Checks that need the APIs (a `--scenario` one of
 * them has, a `--clock` within their tokens' range) are `resolveServeOptions`'s.
 */
export function parseServeFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const { flags, positionals } = parseCommand("serve", argv, SERVE_FLAGS, env);
  const sources = apiSources("serve", positionals);
  const challenge = parseChallengeFlags(flags.challenge, flags.recaptcha);
  const logText = String(flags.log ?? "pretty");
  if (!(LOG_FORMATS as readonly string[]).includes(logText))
    throw badFlag("serve", "log", logText, LOG_FORMATS.join(", "));
  const tokenTtlSeconds = integerFlag(
    "serve",
    "token-ttl",
    flags["token-ttl"],
    1,
    MAX_TOKEN_TTL_SECONDS,
  );
  const algText = String(flags.alg ?? "HS256");
  if (!(JWT_ALGORITHMS as readonly string[]).includes(algText))
    throw badFlag("serve", "alg", algText, JWT_ALGORITHMS.join(", "));
  const clockText = flags.clock === undefined ? undefined : String(flags.clock);
  const clockStart = clockText === undefined ? undefined : parseInstant(clockText);
  if (clockText !== undefined && clockStart === undefined) {
    // The range the message gives: the named presets' (all of them until specs are read).
    const presets = sources.every((source) => source.kind === "preset")
      ? chooseApis("serve", positionals, flags.variant, new Map())
      : [...builtInApis()];
    throw badClock(clockText, presets, tokenTtlSeconds);
  }
  const host = String(flags.host ?? DEFAULT_HOST);
  if (!/^[\w.:-]+$/.test(host))
    throw badFlag("serve", "host", host, "an IP address or host name, such as 127.0.0.1");
  return {
    args: positionals,
    variant: flags.variant,
    clockText,
    scenario: flags.scenario === undefined ? undefined : String(flags.scenario),
    host,
    port: integerFlag("serve", "port", flags.port, 0, 65535),
    seed: integerFlag("serve", "seed", flags.seed, 0, 2 ** 31 - 1) ?? 1,
    challenge,
    tokenTtlSeconds,
    alg: algText as JwtAlgorithm,
    delayMs: integerFlag("serve", "delay", flags.delay, 0, MAX_DELAY_MS) ?? 0,
    clockStart,
    log: logText as LogFormat,
    originPolicy: parseOriginPolicy(flags["allow-origin"]),
    allowRemoteControl: flags["allow-remote-control"] === true,
    allowedHosts: parseAllowedHostsFlag(flags["allowed-hosts"]),
    accountsFile: flags.accounts === undefined ? undefined : String(flags.accounts),
    lockout: flags.lockout === true,
    keyFile: flags.key === undefined ? undefined : String(flags.key),
  };
}

/**
 * `serve`'s options, its APIs among them: `parseServeFlags`'s, checked against the APIs.
 * `specs`: the spec files its arguments name, read (`readSpecFiles`); without spec file
 * arguments there are none to read.
 */
export function resolveServeOptions(
  parsed: ReturnType<typeof parseServeFlags>,
  specs: ReadonlyMap<string, LoginApi> = new Map(),
) {
  const { variant, scenario, clockText, ...options } = parsed;
  const apis = chooseApis("serve", parsed.args, variant, specs);
  // The catalogue's own names, so each is a name its API has. Keyed by API id, which is data
  // (`constructor` is an id a spec may have): no prototype to read through.
  const scenarios: Record<string, string> = Object.create(null);
  if (scenario !== undefined) {
    for (const api of apis) {
      const found = scenarioOf(api, scenario);
      if (found) scenarios[api.id] = found.name;
    }
    if (Object.keys(scenarios).length === 0) {
      const known = [...new Set(apis.flatMap((api) => catalogueOf(api).map((s) => s.name)))];
      throw badFlag("serve", "scenario", scenario, known.join(", "));
    }
  }
  // Without --port each API takes its spec's own port: two on one port is a usage error.
  try {
    plannedPorts(apis, parsed.port);
  } catch (error) {
    if (error instanceof PortClashError) throw new UsageError(error.message);
    throw error;
  }
  const { clockStart, tokenTtlSeconds } = parsed;
  if (clockStart !== undefined) {
    const range = clockRange(longestTokenLifetimeSeconds(apis, tokenTtlSeconds));
    if (clockStart < range.earliestMs || clockStart > range.latestMs)
      throw badClock(clockText ?? String(clockStart), apis, tokenTtlSeconds);
  }
  return { ...options, apis, scenarios };
}

/** `serve`'s options: `resolveServeOptions(parseServeFlags(argv, env), specs)`. */
export function parseServeOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  specs: ReadonlyMap<string, LoginApi> = new Map(),
) {
  return resolveServeOptions(parseServeFlags(argv, env), specs);
}

/** A `--clock` that is no instant, or one out of the range `apis`' tokens leave. */
function badClock(
  text: string,
  apis: readonly LoginApi[],
  tokenTtlSeconds: number | undefined,
): UsageError {
  const range = clockRange(longestTokenLifetimeSeconds(apis, tokenTtlSeconds));
  const earliest = new Date(range.earliestMs).toISOString();
  const latest = new Date(range.latestMs).toISOString();
  return badFlag(
    "serve",
    "clock",
    text,
    `an RFC 3339 date-time with seconds and a zone, such as 2030-01-01T09:00:00Z, from ${earliest} to ${latest} (so every token issued still expires at a four-digit year)`,
  );
}

/** `--challenge`, or its former name `--recaptcha`; both only when they agree. */
function parseChallengeFlags(
  challenge: string | boolean | undefined,
  recaptcha: string | boolean | undefined,
): ChallengeMode {
  if (challenge !== undefined && recaptcha !== undefined && challenge !== recaptcha) {
    throw new UsageError(
      `[login-mock] serve: --challenge ${String(challenge)} and --recaptcha ${String(recaptcha)} disagree; --recaptcha is the former name of --challenge: pass one.`,
    );
  }
  const flag = challenge !== undefined ? "challenge" : "recaptcha";
  const text = String(challenge ?? recaptcha ?? "accept");
  const mode = parseChallengeMode(text);
  if (!mode) throw badFlag("serve", flag, text, CHALLENGE_MODES.join(", "));
  return mode;
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

/** The largest `--key` file read: a 4096-bit RSA private key is about 3.3 kB as PEM. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** `--key FILE`: a PKCS#8 PEM as text, or a private JWK parsed; never echoed in a message. */
async function readKeyFile(path: string, alg: string): Promise<SigningKeySource> {
  if (alg === "HS256")
    throw new UsageError(
      "[login-mock] serve --key signs RS256 or ES256 tokens; HS256 uses the documented demo secret. Add --alg RS256 or --alg ES256.",
    );
  let text: string;
  try {
    const found = await stat(path);
    // A pipe or a device has no size to check beforehand: only a regular file is read.
    if (!found.isFile())
      throw new UsageError(
        `[login-mock] serve --key ${path}: not a regular file. Give the path of a PKCS#8 PEM or a private JWK.`,
      );
    const size = found.size;
    if (size > MAX_KEY_FILE_BYTES)
      throw new UsageError(
        `[login-mock] serve --key ${path}: ${size} bytes is not a private key (at most ${MAX_KEY_FILE_BYTES / 1024} kB). Give a PKCS#8 PEM or a private JWK.`,
      );
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `[login-mock] serve --key ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"}). Check the path.`,
    );
  }
  if (text.includes("-----BEGIN")) return text;
  try {
    return JSON.parse(text) as JsonWebKey;
  } catch {
    throw new UsageError(
      `[login-mock] serve --key ${path}: neither a PEM ("-----BEGIN PRIVATE KEY-----") nor JSON. Give a PKCS#8 PEM or a private JWK.`,
    );
  }
}

export async function serve(argv: readonly string[]): Promise<RunningServers> {
  const parsed = parseServeFlags(argv);
  // Every spec file first: one that does not load starts nothing.
  const specs = await readSpecFiles(apiSources("serve", parsed.args));
  const options = resolveServeOptions(parsed, specs);
  const accounts =
    options.accountsFile === undefined ? undefined : await readAccountsFile(options.accountsFile);
  const signingKey =
    options.keyFile === undefined ? undefined : await readKeyFile(options.keyFile, options.alg);
  const mock = createMock(options, accounts, signingKey);
  // A key that does not fit the algorithm is a usage error now, not a failed first login.
  if (signingKey !== undefined) {
    await mock.jwks().catch((error: unknown) => {
      throw new UsageError(
        `[login-mock] serve --key ${options.keyFile}: ${(error as Error).message.replace(/^\[login-mock\] /, "")}`,
      );
    });
  }
  const running = await startServers({
    variants: options.apis.map((api) => api.id),
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

/** The mock the options describe; an account of the file at fault is a usage error. */
function createMock(
  options: ReturnType<typeof parseServeOptions>,
  accounts: AccountsFile | undefined,
  signingKey: SigningKeySource | undefined,
): LoginMock {
  try {
    return createMockOf(options, accounts, signingKey);
  } catch (error) {
    if (accounts && error instanceof AccountOutcomeError) throw accountsFileError(accounts, error);
    throw error;
  }
}

function createMockOf(
  options: ReturnType<typeof parseServeOptions>,
  accounts: AccountsFile | undefined,
  signingKey: SigningKeySource | undefined,
): LoginMock {
  return createLoginMock({
    ...(signingKey === undefined ? {} : { signingKey }),
    ...(accounts === undefined ? {} : { accounts: accounts.accounts }),
    apis: options.apis,
    seed: options.seed,
    challenge: options.challenge,
    delayMs: options.delayMs,
    scenarios: options.scenarios,
    alg: options.alg,
    lockout: options.lockout,
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
    ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
  });
}

export { UsageError };
