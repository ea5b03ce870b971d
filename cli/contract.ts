/**
 * `login-mock contract`: checks any base URL against the spec in this process
 * (`contracts/console-runner.ts` prints each case as it finishes, then the coverage table), and
 * writes the JUnit and Markdown reports. Nothing it loads is a devDependency: it runs from the
 * `node_modules` of a project that installed only login-mock.
 * Exit codes: 0 the contract holds, 1 a violation (or nothing exercised, or --require-all
 * unmet), 2 a usage error (a bad flag, or a base URL under which the login is not served: the
 * first request finds that and one line says what to change), 3 the target could not be reached
 * (one line, before anything else is printed).
 * A reply over a limit (body over 1 MiB once decoded, too many or too large headers, JSON deeper
 * than 64 levels, a body still arriving at --timeout) is a `reply-limits` violation: 1. No reply
 * at all (refused, or silent for --timeout) is a network error; the run stops at the first when
 * the target has not completed a reply yet, after 3 in a row otherwise, and says so once: 3.
 * The --deadline passing stops the run wherever it is: 3, unless a violation was found first.
 */
import { writeFileSync } from "node:fs";
import { CHECK_NAMES } from "../contracts/checks/index.ts";
import { contractExitCode, runInConsole } from "../contracts/console-runner.ts";
import { defaultRatePerSecond } from "../contracts/http-target.ts";
import {
  type ContractOptions,
  DEFAULT_DEADLINE_SECONDS,
  DEFAULT_REPLY_TIMEOUT_MS,
  DEFAULT_UNKNOWN_EMAIL,
  type Drive,
} from "../contracts/options.ts";
import { toJunitXml } from "../contracts/reports/junit.ts";
import { toMarkdownSummary } from "../contracts/reports/markdown.ts";
import { isVariant } from "../openapi/documents.ts";
import { badFlag, integerFlag, parseFlags, renderHelp, UsageError } from "./flags.ts";

const env = (name: string) => `CONTRACT_${name}`;

export const CONTRACT_FLAGS = {
  variant: {
    type: "string",
    value: "talkstack|seamless",
    help: "Which API the target serves (required).",
    env: env("VARIANT"),
  },
  "base-url": {
    type: "string",
    value: "URL",
    help: "The target's base URL; the suite calls <URL>/auth/login (required).",
    env: env("BASE_URL"),
  },
  email: {
    type: "string",
    value: "EMAIL",
    help: "A registered account, for the positive cases (skipped without it).",
    env: env("EMAIL"),
  },
  password: {
    type: "string",
    value: "PASSWORD",
    help: "Its password. Prefer the env variable: flags show in process lists.",
    env: env("PASSWORD"),
  },
  recaptcha: {
    type: "string",
    value: "VALUE",
    help: "Seamless: a reCAPTCHA value the target accepts.",
    env: env("RECAPTCHA"),
  },
  "rejected-recaptcha": {
    type: "string",
    value: "VALUE",
    help: "Seamless: a reCAPTCHA value the target rejects, if one exists.",
    env: env("REJECTED_RECAPTCHA"),
  },
  "unverified-email": {
    type: "string",
    value: "EMAIL",
    help: "TalkStack: an account whose email is not verified.",
    env: env("UNVERIFIED_EMAIL"),
  },
  "unverified-password": {
    type: "string",
    value: "PASSWORD",
    help: "Its password.",
    env: env("UNVERIFIED_PASSWORD"),
  },
  "unknown-email": {
    type: "string",
    value: "EMAIL",
    help: `An email no account has (default ${DEFAULT_UNKNOWN_EMAIL}).`,
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
    help: `Comma-separated checks to skip (reported as skipped): ${CHECK_NAMES.join(", ")}.`,
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
  "max-wrong-password": {
    type: "string",
    value: "N",
    help: "Wrong-password attempts against the real account, at most (default 1).",
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
    help: "Fail when a reachable documented response was not exercised.",
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
  "login-mock contract --variant talkstack|seamless --base-url URL [flags]",
  "Checks a live login server against the spec: every documented response, by data or Prefer, and a negative phase of generated invalid bodies. Passwords, tokens and cookie values never appear in the output.",
  CONTRACT_FLAGS,
);

export function parseContractOptions(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
) {
  const flags = parseFlags("contract", argv, CONTRACT_FLAGS, environment);
  const text = (name: keyof typeof CONTRACT_FLAGS) =>
    flags[name] === undefined ? undefined : String(flags[name]);
  const variant = text("variant");
  if (variant === undefined)
    throw new UsageError("[login-mock] contract: --variant is required (talkstack or seamless).");
  if (!isVariant(variant)) throw badFlag("contract", "variant", variant, "talkstack, seamless");
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
  const list = (name: keyof typeof CONTRACT_FLAGS) =>
    (text(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  const skipChecks = list("skip-check");
  for (const name of skipChecks)
    if (!CHECK_NAMES.includes(name))
      throw badFlag("contract", "skip-check", name, CHECK_NAMES.join(", "));
  const jwtAlgorithms = list("jwt-alg");
  const options: ContractOptions = {
    variant,
    baseUrl,
    email: text("email"),
    password: text("password"),
    recaptcha: text("recaptcha"),
    rejectedRecaptcha: text("rejected-recaptcha"),
    unverifiedEmail: text("unverified-email"),
    unverifiedPassword: text("unverified-password"),
    unknownEmail: text("unknown-email") ?? DEFAULT_UNKNOWN_EMAIL,
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
    maxWrongPassword:
      integerFlag("contract", "max-wrong-password", flags["max-wrong-password"], 0, 10) ?? 1,
    fuzzRuns: integerFlag("contract", "fuzz-runs", flags["fuzz-runs"], 0, 10_000) ?? 30,
    fuzzSeed: integerFlag("contract", "fuzz-seed", flags["fuzz-seed"], 0, 2 ** 31 - 1) ?? 20261123,
    requireAll: flags["require-all"] === true,
    deadlineMs:
      (integerFlag("contract", "deadline", flags.deadline, 1, 86_400) ?? DEFAULT_DEADLINE_SECONDS) *
      1000,
  };
  return { options, junit: text("junit"), summary: text("summary") };
}

/** Runs the contract, prints it, writes the reports; resolves to the exit code. */
export async function contract(argv: readonly string[]): Promise<number> {
  const { options, junit, summary } = parseContractOptions(argv);
  const report = await runInConsole(options);
  if (junit) writeFileSync(junit, toJunitXml([report]));
  if (summary) writeFileSync(summary, toMarkdownSummary([report]));
  return contractExitCode(report);
}
