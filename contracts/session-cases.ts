/**
 * Cases for the refresh and logout operations a spec's login block names (`x-login-mock.refresh`,
 * `.logout`). Each data case is a short story sent in order: an unknown refresh token, one
 * missing or empty, then a login's refresh token exchanged (and, where the spec says `rotate`,
 * the retired one sent again and the newest of its family after that), a logout with the
 * credential the token's placement implies, and the logged-out login's refresh token. Cases
 * that need a login are skipped without an account, as the login's positive cases are. When the
 * target honours `Prefer`, every documented response of the operation is also forced; one that
 * no data reaches is otherwise reported unreachable with the reason, as the login's are.
 */
import type { ResponseExample } from "../openapi/examples.ts";
import type { LoginApi } from "../openapi/login-api.ts";
import type { SessionOperation } from "../openapi/session-operations.ts";
import type { ContractCase } from "./cases.ts";
import type { ContractOptions } from "./options.ts";
import {
  buildBaseBody,
  buildProvocation,
  isUnreachable,
  type ProvocationAccounts,
} from "./provocations.ts";

export type SessionKind = "refresh" | "logout";

/** What a session case sends, in the provocation words its id ends with. */
export type SessionStep =
  | "unknown-refresh-token"
  | "omit-field"
  | "empty-field"
  | "issued-refresh-token"
  | "reused-refresh-token"
  | "newest-refresh-token-after-reuse"
  | "login-credentials"
  | "no-credentials"
  | "refresh-token-after-logout"
  | "prefer";

export interface SessionCaseInfo {
  readonly kind: SessionKind;
  /** `POST /auth/refresh`, as the spec names it. */
  readonly operation: string;
  readonly step: SessionStep;
}

/** The refresh token the harness makes up: no server issued it. */
export const UNKNOWN_REFRESH_TOKEN = "login-mock-contract-unknown-refresh-token";

/** `POST /auth/refresh`. */
export function operationName(operation: SessionOperation): string {
  return `${operation.method} ${operation.path}`;
}

/** `401 refresh-token-invalid (POST /auth/refresh) ← unknown-refresh-token` */
export function sessionCaseId(
  operation: SessionOperation,
  example: ResponseExample,
  word: string,
): string {
  return `${example.status} ${example.name} (${operationName(operation)}) ← ${word}`;
}

interface Planned {
  readonly kind: SessionKind;
  readonly step: SessionStep;
  readonly example: ResponseExample | undefined;
  readonly word: string;
  /** Needs a login with the account (`--identity`/`--secret`). */
  readonly logsIn: boolean;
  readonly negative: boolean;
}

/**
 * The cases of the refresh and logout operations, after the login's. `accounts` and the login's
 * base body decide whether a case that logs in can be sent.
 */
export function buildSessionCases(
  api: LoginApi,
  options: ContractOptions,
  preferHonoured: boolean,
  accounts: ProvocationAccounts,
): ContractCase[] {
  const planned: Planned[] = [];
  const find = (operation: SessionOperation, name: string | undefined) =>
    name === undefined ? undefined : operation.examples.find((example) => example.name === name);
  const { refresh, logout } = api;
  if (refresh) {
    const { outcomes, field } = refresh;
    const plan = (step: SessionStep, name: string, word: string, logsIn: boolean) =>
      planned.push({
        kind: "refresh",
        step,
        example: find(refresh, name),
        word,
        logsIn,
        negative: !logsIn || step !== "issued-refresh-token",
      });
    plan("unknown-refresh-token", outcomes.unknownToken, "unknown-refresh-token", false);
    plan("omit-field", outcomes.invalidRequest, `omit-${field}`, false);
    plan("empty-field", outcomes.invalidRequest, `empty-${field}`, false);
    plan("issued-refresh-token", outcomes.success, "issued-refresh-token", true);
    if (refresh.rotate) {
      plan("reused-refresh-token", outcomes.reusedToken, "reused-refresh-token", true);
      plan(
        "newest-refresh-token-after-reuse",
        outcomes.unknownToken,
        "newest-refresh-token-after-reuse",
        true,
      );
    }
  }
  if (logout) {
    planned.push({
      kind: "logout",
      step: "login-credentials",
      example: find(logout, logout.outcomes.success),
      word: "login-credentials",
      logsIn: true,
      negative: false,
    });
    if (logout.outcomes.unauthenticated !== undefined)
      planned.push({
        kind: "logout",
        step: "no-credentials",
        example: find(logout, logout.outcomes.unauthenticated),
        word: "no-credentials",
        logsIn: false,
        negative: true,
      });
    if (refresh)
      planned.push({
        kind: "refresh",
        step: "refresh-token-after-logout",
        example: find(refresh, refresh.outcomes.unknownToken),
        word: "refresh-token-after-logout",
        logsIn: true,
        negative: true,
      });
  }

  // Whether a login can be sent: an account, and a body the request schema accepts.
  const login = buildProvocation(api, "valid-login", accounts);
  const base = buildBaseBody(api, accounts);
  const loginBlocked: ContractCase["plan"] | undefined = isUnreachable(login)
    ? { kind: login.needsAccount ? "skipped" : "unreachable", reason: login.unreachable }
    : base.problem !== undefined
      ? { kind: "unreachable", reason: base.problem }
      : undefined;

  const cases: ContractCase[] = [];
  const operationOf = (kind: SessionKind) => (kind === "refresh" ? refresh : logout);
  for (const step of planned) {
    const operation = operationOf(step.kind);
    if (!operation || !step.example) continue;
    const session = { kind: step.kind, operation: operationName(operation), step: step.step };
    const about = {
      id: sessionCaseId(operation, step.example, step.word),
      example: step.example,
      via: "data" as const,
      provocation: step.word,
      negative: step.negative,
      session,
    };
    if (options.drive === "prefer")
      cases.push({
        ...about,
        plan: { kind: "skipped", reason: "--drive prefer sends only Prefer-driven requests" },
      });
    else if (step.logsIn && loginBlocked) cases.push({ ...about, plan: loginBlocked });
    else cases.push({ ...about, plan: { kind: "session" } });
  }

  // Every documented response of each operation: forced by Prefer where the target honours
  // it, else unreachable (with why) when no data case reaches it.
  for (const kind of ["refresh", "logout"] as const) {
    const operation = operationOf(kind);
    if (!operation) continue;
    const reached = new Set(
      planned.filter((step) => step.kind === kind).map((step) => step.example?.name),
    );
    for (const example of operation.examples) {
      const session = { kind, operation: operationName(operation), step: "prefer" as const };
      const forced = {
        id: sessionCaseId(operation, example, "Prefer"),
        example,
        via: "prefer" as const,
        provocation: "prefer",
        negative: false,
        session,
      };
      if (options.drive !== "data" && preferHonoured) {
        cases.push({ ...forced, plan: { kind: "session" } });
        continue;
      }
      if (reached.has(example.name) && options.drive !== "prefer") continue;
      cases.push({
        ...forced,
        plan: {
          kind: "unreachable",
          reason: `${unprovoked(api, kind, example)}, and ${options.drive === "data" ? "--drive data sends no Prefer" : "the target ignores `Prefer: code=…, example=…`"}`,
        },
      });
    }
  }
  return cases;
}

/** Why no data case of the harness reaches an example of a refresh or logout. */
function unprovoked(api: LoginApi, kind: SessionKind, example: ResponseExample): string {
  const refresh = api.refresh;
  if (kind === "refresh" && refresh) {
    if (example.name === refresh.outcomes.expiredToken)
      return `a refresh token expires only after its lifetime (${refresh.lifetimeSeconds} s)`;
    if (example.name === refresh.outcomes.reusedToken && !refresh.rotate)
      return "the spec does not say `rotate`, so no refresh token is retired to send again";
  }
  return `no request of the harness provokes it (the spec's ${kind} outcomes name the responses it sends for)`;
}
