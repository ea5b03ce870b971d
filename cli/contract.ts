/**
 * `login-mock contract <spec.yaml|preset> --base-url URL`: checks any base URL against a login
 * API's spec (a user's spec file, or a built-in preset's) in this process
 * (`contracts/console-runner.ts` prints each case as it finishes, then the coverage table), and
 * writes the JUnit and Markdown reports. Nothing it loads is a devDependency: it runs from the
 * `node_modules` of a project that installed only login-mock.
 * Exit codes: 0 the contract holds, 1 a violation (or nothing exercised, or --require-all
 * unmet), 2 a usage error (a bad flag, a {parameter} of the login's path with no value given or
 * documented, or a base URL under which the login is not served: the first request finds that
 * and one line says what to change), 3 the target could not be reached
 * (one line, before anything else is printed).
 * A reply over a limit (body over 1 MiB once decoded, too many or too large headers, JSON deeper
 * than 64 levels, a body still arriving at --timeout) is a `reply-limits` violation: 1. No reply
 * at all (refused, or silent for --timeout) is a network error; the run stops at the first when
 * the target has not completed a reply yet, after 3 in a row otherwise, and says so once: 3.
 * The --deadline passing stops the run wherever it is: 3, unless a violation was found first.
 * A refresh or logout the spec marks x-inferred that the target does not serve leaves the exit
 * code alone (its cases are unreachable) unless --require-session-operations; a --jwks-url that
 * gives no reply is a network error (3), one that cannot be used a violation (1).
 */
import { writeFileSync } from "node:fs";
import { CHECK_NAMES } from "../contracts/checks/index.ts";
import { SESSION_CHECK_NAMES } from "../contracts/checks/session-checks.ts";
import { contractExitCode, runInConsole } from "../contracts/console-runner.ts";
import { defaultRatePerSecond } from "../contracts/http-target.ts";
import {
  MissingPathParameterError,
  operationPath,
  pathParameterNames,
} from "../contracts/operation-path.ts";
import {
  type ContractOptions,
  DEFAULT_DEADLINE_SECONDS,
  DEFAULT_REPLY_TIMEOUT_MS,
  DEFAULT_UNKNOWN_ADDRESS,
  DEFAULT_UNKNOWN_IDENTITY,
  type Drive,
  defaultUnknownIdentity,
} from "../contracts/options.ts";
import { toJunitXml } from "../contracts/reports/junit.ts";
import { toMarkdownSummary } from "../contracts/reports/markdown.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import { apiSources, chooseApis, presetIds, readSpecFiles } from "./apis.ts";
import { badFlag, flagSource, integerFlag, parseCommand, renderHelp, UsageError } from "./flags.ts";

const env = (name: string) => `CONTRACT_${name}`;

/** Every check `--skip-check` can name: the per-reply registry, then the session checks. */
const SKIPPABLE_CHECKS = [...CHECK_NAMES, ...SESSION_CHECK_NAMES];

export const CONTRACT_FLAGS = {
  variant: {
    type: "string",
    value: "SPEC|PRESET",
    help: "The spec, as the positional argument gives it: a spec file or a built-in preset's id (an argument outranks the environment's).",
    env: env("VARIANT"),
  },
  "base-url": {
    type: "string",
    value: "URL",
    help: "The target's base URL; the suite calls it with the login operation's path from the spec appended (required).",
    env: env("BASE_URL"),
  },
  "path-param": {
    type: "string",
    value: "NAME=VALUE",
    help: "A value of a {parameter} of the login's path (/t/{tenant}/login), where the spec documents none: repeat the flag or separate them with commas.",
    env: env("PATH_PARAM"),
  },
  identity: {
    type: "string",
    value: "IDENTITY",
    help: "A registered account's identity (the spec's identity field), for the positive cases (skipped without it).",
    env: env("IDENTITY"),
  },
  secret: {
    type: "string",
    value: "SECRET",
    help: "Its secret. Prefer the env variable: flags show in process lists.",
    env: env("SECRET"),
  },
  email: { type: "string", value: "IDENTITY", help: "Alias of --identity.", env: env("EMAIL") },
  password: { type: "string", value: "SECRET", help: "Alias of --secret.", env: env("PASSWORD") },
  challenge: {
    type: "string",
    value: "VALUE",
    help: "A value of the spec's challenge field (a CAPTCHA token, say) the target accepts.",
    env: env("CHALLENGE"),
  },
  recaptcha: {
    type: "string",
    value: "VALUE",
    help: "Alias of --challenge.",
    env: env("RECAPTCHA"),
  },
  "rejected-challenge": {
    type: "string",
    value: "VALUE",
    help: "A challenge value the target rejects, if one exists.",
    env: env("REJECTED_CHALLENGE"),
  },
  "rejected-recaptcha": {
    type: "string",
    value: "VALUE",
    help: "Alias of --rejected-challenge.",
    env: env("REJECTED_RECAPTCHA"),
  },
  "answer-identity": {
    type: "string",
    value: "IDENTITY",
    help: "An account whose state gets a documented answer of its own (x-provoked-by: account-answer), such as an unverified one.",
    env: env("ANSWER_IDENTITY"),
  },
  "answer-secret": {
    type: "string",
    value: "SECRET",
    help: "Its secret.",
    env: env("ANSWER_SECRET"),
  },
  "unverified-email": {
    type: "string",
    value: "IDENTITY",
    help: "Alias of --answer-identity.",
    env: env("UNVERIFIED_EMAIL"),
  },
  "unverified-password": {
    type: "string",
    value: "SECRET",
    help: "Alias of --answer-secret.",
    env: env("UNVERIFIED_PASSWORD"),
  },
  "unknown-identity": {
    type: "string",
    value: "IDENTITY",
    help: `An identity no account has (default ${DEFAULT_UNKNOWN_IDENTITY}, or ${DEFAULT_UNKNOWN_ADDRESS} for an identity of format email).`,
    env: env("UNKNOWN_IDENTITY"),
  },
  "unknown-email": {
    type: "string",
    value: "IDENTITY",
    help: "Alias of --unknown-identity.",
    env: env("UNKNOWN_EMAIL"),
  },
  drive: {
    type: "string",
    value: "auto|data|prefer",
    help: "auto: data, plus Prefer when the target honours it (default); data; prefer: Prefer only (Prism).",
    env: env("DRIVE"),
  },
  "skip-check": {
    type: "string",
    value: "NAMES",
    help: `Comma-separated checks to skip (reported as skipped): ${SKIPPABLE_CHECKS.join(", ")}.`,
    env: env("SKIP_CHECK"),
  },
  "time-budget": {
    type: "string",
    value: "MS",
    help: "Fail responses slower than MS (default: no budget).",
    env: env("TIME_BUDGET"),
  },
  "jwt-leeway": {
    type: "string",
    value: "SECONDS",
    help: "How far exp may be from now + the documented lifetime (default 120).",
    env: env("JWT_LEEWAY"),
  },
  "jwt-alg": {
    type: "string",
    value: "ALGS",
    help: "Comma-separated accepted JWT algs (default: any but none).",
    env: env("JWT_ALG"),
  },
  "jwks-url": {
    type: "string",
    value: "URL",
    help: "The target's JWK Set (e.g. https://api.example.com/.well-known/jwks.json), fetched once: every issued JWT (login and refresh) must verify against it (jwt-signature).",
    env: env("JWKS_URL"),
  },
  "jwt-secret": {
    type: "string",
    value: "SECRET",
    help: "The shared secret of HS256 tokens, to verify their signatures (jwt-signature); never printed. Prefer the env variable.",
    env: env("JWT_SECRET"),
  },
  "require-session-operations": {
    type: "boolean",
    help: "Fail when the target does not serve a refresh or logout the spec marks x-inferred (a 404 or 405); without it, their cases are reported unreachable.",
    env: env("REQUIRE_SESSION_OPERATIONS"),
  },
  rate: {
    type: "string",
    value: "N",
    help: "Requests per second (default 4, unlimited for 127.0.0.1/localhost).",
    env: env("RATE"),
  },
  timeout: {
    type: "string",
    value: "MS",
    help: `Per-reply limit, from sending the request to the last body byte (default ${DEFAULT_REPLY_TIMEOUT_MS}). No reply begun by then: a network error, not retried; a body still arriving: a violation.`,
    env: env("TIMEOUT"),
  },
  retries: {
    type: "string",
    value: "N",
    help: "Retries after a connection error or 429 (default 2).",
    env: env("RETRIES"),
  },
  deadline: {
    type: "string",
    value: "SECONDS",
    help: `The whole run's budget; past it the run stops and exits 3 unless a violation was found (default ${DEFAULT_DEADLINE_SECONDS}).`,
    env: env("DEADLINE"),
  },
  "max-wrong-secret": {
    type: "string",
    value: "N",
    help: "Wrong-secret attempts against the real account, at most (default 1).",
    env: env("MAX_WRONG_SECRET"),
  },
  "max-wrong-password": {
    type: "string",
    value: "N",
    help: "Alias of --max-wrong-secret.",
    env: env("MAX_WRONG_PASSWORD"),
  },
  "fuzz-runs": {
    type: "string",
    value: "N",
    help: "Generated invalid bodies in the negative phase (default 30; 0 skips it).",
    env: env("FUZZ_RUNS"),
  },
  "fuzz-seed": {
    type: "string",
    value: "N",
    help: "Seed of the negative phase; printed, so a failure can be replayed (default 20261123).",
    env: env("FUZZ_SEED"),
  },
  "require-all": {
    type: "boolean",
    help: "Fail when a documented response was skipped that a flag could reach (an account, --max-wrong-secret, --drive); those no flag reaches on this target are listed as unreachable, with the reason.",
    env: env("REQUIRE_ALL"),
  },
  junit: {
    type: "string",
    value: "FILE",
    help: "Write JUnit XML (skipped cases carry their reason).",
    env: env("JUNIT"),
  },
  summary: {
    type: "string",
    value: "FILE",
    help: "Write the coverage table as Markdown (for $GITHUB_STEP_SUMMARY).",
    env: env("SUMMARY"),
  },
} as const;

export const CONTRACT_HELP = renderHelp(
  "login-mock contract <spec.yaml|preset> --base-url URL [flags]",
  `Checks a live login server against a login API's spec: a spec file (YAML or JSON, its login operation marked with x-login-mock) or a built-in preset (${presetIds().join(", ")}). Every documented response, by data or Prefer, and a negative phase of generated invalid bodies. Secrets, tokens and cookie values never appear in the output.`,
  CONTRACT_FLAGS,
);

type ContractFlag = keyof typeof CONTRACT_FLAGS;

/**
 * The value of a flag given under its name or an alias: the command line's over the
 * environment's, and a usage error when two given the same way disagree.
 */
function aliased(
  flags: Record<string, string | boolean | undefined>,
  names: readonly ContractFlag[],
): { value: string; flag: ContractFlag } | undefined {
  const given = names
    .filter((name) => flags[name] !== undefined)
    .map((name) => ({
      flag: name,
      value: String(flags[name]),
      typed: flagSource("contract", name) === `--${name}`,
    }));
  const typed = given.filter((entry) => entry.typed);
  const chosen = typed.length > 0 ? typed : given;
  const [first] = chosen;
  const clash = chosen.find((entry) => entry.value !== first?.value);
  if (first && clash) {
    const say = (entry: { flag: string }) => flagSource("contract", entry.flag);
    throw new UsageError(
      `[login-mock] contract: ${say(first)} and ${say(clash)} are the same setting with different values; give one.`,
    );
  }
  return first;
}

/**
 * Reads the spec file `contract`'s argument names, if it names one, for `parseContractOptions`.
 * A spec that cannot be read is a UsageError naming its file, the JSON pointer and the fix.
 */
export async function readContractSpecs(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Map<string, LoginApi>> {
  const { flags, positionals } = parseCommand("contract", argv, CONTRACT_FLAGS, environment);
  const variant = chosenVariant(positionals, flags.variant);
  const named =
    positionals.length > 0 ? positionals : variant === undefined ? [] : variantSource(variant);
  return readSpecFiles(apiSources("contract", named));
}

/**
 * `--variant`'s value where it names the API: with no argument, or typed on the command line
 * (then it clashes with an argument, and `chooseApis` says so). An argument outranks
 * CONTRACT_VARIANT.
 */
function chosenVariant(
  positionals: readonly string[],
  value: string | boolean | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const typed = flagSource("contract", "variant") === "--variant";
  return positionals.length > 0 && !typed ? undefined : String(value);
}

/**
 * The one API the arguments name: a spec file (read into `specs`) or a preset, else `--variant`'s
 * (a spec file or a preset, read the same way).
 */
function chooseApi(
  positionals: readonly string[],
  variant: string | undefined,
  specs: ReadonlyMap<string, LoginApi>,
): LoginApi {
  const usage = "login-mock contract <spec.yaml|preset> --base-url URL";
  if (positionals.length > 1)
    throw new UsageError(
      `[login-mock] contract: checks one API at a time (got ${positionals.join(" ")}). Usage: ${usage}.`,
    );
  if (positionals.length === 0 && variant === undefined)
    throw new UsageError(
      `[login-mock] contract: which API? Give its spec file or a preset (${presetIds().join(", ")}). Usage: ${usage}.`,
    );
  const [api] =
    positionals.length === 0 && variant !== undefined
      ? chooseApis("contract", variantSource(variant), undefined, specs)
      : chooseApis("contract", positionals, variant, specs);
  if (!api) throw new UsageError(`[login-mock] contract: no API to check. Usage: ${usage}.`);
  return api;
}

/**
 * `contract`'s options. `specs`: the spec file its argument names, read (`readContractSpecs`);
 * a preset needs none.
 */
export function parseContractOptions(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
  specs: ReadonlyMap<string, LoginApi> = new Map(),
) {
  const { flags, positionals } = parseCommand("contract", argv, CONTRACT_FLAGS, environment);
  const text = (name: ContractFlag) =>
    flags[name] === undefined ? undefined : String(flags[name]);
  // A spec argument outranks a spec or preset named in the environment (CONTRACT_VARIANT).
  const variant = chosenVariant(positionals, flags.variant);
  const api = chooseApi(positionals, variant, specs);
  const pathParams = readPathParams(api, argv, text("path-param"));
  const baseUrl = text("base-url");
  if (baseUrl === undefined)
    throw new UsageError(
      "[login-mock] contract: --base-url is required, e.g. --base-url https://staging.example.com",
    );
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    throw badFlag("contract", "base-url", baseUrl, "an http:// or https:// URL");
  const drive = text("drive") ?? "auto";
  if (!["auto", "data", "prefer"].includes(drive))
    throw badFlag("contract", "drive", drive, "auto, data, prefer");
  const list = (name: ContractFlag) =>
    (text(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  const skipChecks = list("skip-check");
  for (const name of skipChecks)
    if (!SKIPPABLE_CHECKS.includes(name))
      throw badFlag("contract", "skip-check", name, SKIPPABLE_CHECKS.join(", "));
  const jwksUrl = text("jwks-url");
  if (
    jwksUrl !== undefined &&
    (!URL.canParse(jwksUrl) || !/^https?:$/.test(new URL(jwksUrl).protocol))
  )
    throw badFlag("contract", "jwks-url", jwksUrl, "an http:// or https:// URL");
  const jwtSecret = text("jwt-secret");
  // The value is a secret: the message never repeats it.
  if (jwtSecret === "")
    throw new UsageError("[login-mock] contract: --jwt-secret is empty; give the HS256 secret.");
  const jwtAlgorithms = list("jwt-alg");
  const identity = aliased(flags, ["identity", "email"])?.value;
  const secret = aliased(flags, ["secret", "password"])?.value;
  const answerIdentity = aliased(flags, ["answer-identity", "unverified-email"])?.value;
  const answerSecret = aliased(flags, ["answer-secret", "unverified-password"])?.value;
  const maxWrong = aliased(flags, ["max-wrong-secret", "max-wrong-password"]);
  const unknownIdentity = aliased(flags, ["unknown-identity", "unknown-email"])?.value;
  const options: ContractOptions = {
    api,
    baseUrl,
    pathParams,
    identity,
    secret,
    challenge: aliased(flags, ["challenge", "recaptcha"])?.value,
    rejectedChallenge: aliased(flags, ["rejected-challenge", "rejected-recaptcha"])?.value,
    answerAccount:
      answerIdentity !== undefined && answerSecret !== undefined
        ? { identity: answerIdentity, secret: answerSecret }
        : undefined,
    unknownIdentity: unknownIdentity ?? defaultUnknownIdentity(api),
    drive: drive as Drive,
    skipChecks,
    settings: {
      responseTimeBudgetMs: integerFlag(
        "contract",
        "time-budget",
        flags["time-budget"],
        1,
        600_000,
      ),
      jwtLeewaySeconds:
        integerFlag("contract", "jwt-leeway", flags["jwt-leeway"], 0, 86_400) ?? 120,
      jwtAlgorithms: jwtAlgorithms.length ? jwtAlgorithms : undefined,
    },
    ratePerSecond:
      integerFlag("contract", "rate", flags.rate, 0, 1000) ?? defaultRatePerSecond(baseUrl),
    timeoutMs:
      integerFlag("contract", "timeout", flags.timeout, 100, 600_000) ?? DEFAULT_REPLY_TIMEOUT_MS,
    retries: integerFlag("contract", "retries", flags.retries, 0, 10) ?? 2,
    maxWrongSecret:
      (maxWrong && integerFlag("contract", maxWrong.flag, maxWrong.value, 0, 10)) ?? 1,
    fuzzRuns: integerFlag("contract", "fuzz-runs", flags["fuzz-runs"], 0, 10_000) ?? 30,
    fuzzSeed: integerFlag("contract", "fuzz-seed", flags["fuzz-seed"], 0, 2 ** 31 - 1) ?? 20261123,
    requireAll: flags["require-all"] === true,
    requireSessionOperations: flags["require-session-operations"] === true,
    ...(jwksUrl === undefined ? {} : { jwksUrl }),
    ...(jwtSecret === undefined ? {} : { jwtSecret }),
    deadlineMs:
      (integerFlag("contract", "deadline", flags.deadline, 1, 86_400) ?? DEFAULT_DEADLINE_SECONDS) *
      1000,
  };
  return { options, junit: text("junit"), summary: text("summary") };
}

/**
 * `--variant`'s value as an argument: a spec file or a preset, told apart as arguments are; a
 * value that is neither is a usage error naming the flag (or CONTRACT_VARIANT).
 */
function variantSource(variant: string): string[] {
  try {
    apiSources("contract", [variant]);
  } catch (error) {
    if (error instanceof UsageError)
      throw badFlag(
        "contract",
        "variant",
        variant,
        `a spec file (.yaml, .yml, .json, or an existing file) or a preset: ${presetIds().join(", ")}`,
      );
    throw error;
  }
  return [variant];
}

/**
 * `--path-param` values: every occurrence on the command line (parseArgs keeps only the last),
 * else CONTRACT_PATH_PARAM; each comma-separated `name=value`. Every `{param}` of the login's
 * path must end up with a value, given or documented: a usage error names the one missing and
 * the flag.
 */
function readPathParams(
  api: LoginApi,
  argv: readonly string[],
  parsed: string | undefined,
): Record<string, string> {
  const typed: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--") break;
    if (arg === "--path-param") {
      const next = argv[index + 1];
      if (next !== undefined) typed.push(next);
      index += 1;
    } else if (arg.startsWith("--path-param=")) typed.push(arg.slice("--path-param=".length));
  }
  const entries = (typed.length > 0 ? typed : parsed === undefined ? [] : [parsed])
    .flatMap((value) => value.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
  const names = pathParameterNames(api);
  const values: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf("=");
    const name = equals > 0 ? entry.slice(0, equals).trim() : "";
    if (!name) throw badFlag("contract", "path-param", entry, "NAME=VALUE, e.g. tenant=acme");
    if (!names.includes(name))
      throw badFlag(
        "contract",
        "path-param",
        entry,
        names.length
          ? `a parameter of ${api.operation.path}: ${names.join(", ")}`
          : `nothing: ${api.operation.path} has no {parameter}`,
      );
    values[name] = entry.slice(equals + 1);
  }
  try {
    operationPath(api, values);
  } catch (error) {
    if (!(error instanceof MissingPathParameterError)) throw error;
    const pairs = error.parameters.map((name) => `${name}=VALUE`).join(",");
    throw new UsageError(
      `[login-mock] contract: ${error.message}. Give ${error.parameters.length === 1 ? "its value" : "their values"}: --path-param ${pairs} (or CONTRACT_PATH_PARAM=${pairs}).`,
    );
  }
  return values;
}

/** Runs the contract, prints it, writes the reports; resolves to the exit code. */
export async function contract(argv: readonly string[]): Promise<number> {
  const { options, junit, summary } = parseContractOptions(
    argv,
    process.env,
    await readContractSpecs(argv),
  );
  const report = await runInConsole(options);
  if (junit) writeFileSync(junit, toJunitXml([report]));
  if (summary) writeFileSync(summary, toMarkdownSummary([report]));
  return contractExitCode(report);
}
