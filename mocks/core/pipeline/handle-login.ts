/**
 * The request path of one login, top to bottom: pick the session → select the scenario
 * (Prefer, X-Mock-Scenario, a forced one, a counted one, the sticky one, or the data) → answer
 * it → record it in the session's journal → add the delay. Each stage is a named function of
 * its inputs; none knows an API by name, a runtime or a transport.
 */
import type { LoginApi } from "../../../openapi/login-api.ts";
import type { Scenario } from "../catalogue/scenario-catalogue.ts";
import type { Clock } from "../sessions/clock.ts";
import { journalFaults, optionalFieldsSent } from "../sessions/request-journal.ts";
import type { LiveSession } from "../sessions/session.ts";
import { sessionIdOf } from "../sessions/session-id.ts";
import type { SessionLookup } from "../sessions/session-table.ts";
import { SLOW_RESPONSE_MS } from "./faults.ts";
import { decideLogin, exampleReply, succeedLogin } from "./login-behaviour.ts";
import { checkLoginRequest, type LoginRequestCheck } from "./login-request.ts";
import { FAULT_HEADER, type MockReply, namedAs, withDelay, withHeaders } from "./mock-reply.ts";
import { parsePreferHeader } from "./prefer-header.ts";
import {
  type LoginFields,
  type LoginInput,
  nonEmptyString,
  readLoginFields,
} from "./request-data.ts";
import { choosesItself, selectScenario } from "./select-scenario.ts";

/** What the path needs from the mock around it. */
export interface LoginPipeline {
  readonly apis: readonly LoginApi[];
  readonly defaultSession: LiveSession;
  /** Opens (or creates, anonymous) a named session. */
  readonly openNamed: (id: string) => SessionLookup<LiveSession>;
  /** The mock's own clock: when a session was last seen. */
  readonly baseClock: Clock;
  /** Added to every reply unless the request's `Prefer: delay=` says otherwise. */
  readonly delayMs: number;
}

/** Answers one login of `api`. `override`: a scenario a handler override forces. */
export async function handleLogin(
  pipeline: LoginPipeline,
  api: LoginApi,
  input: LoginInput,
  override: string | null,
): Promise<MockReply> {
  const found = requestSession(pipeline, input);
  if (!found.ok) return found.reply;
  const session = found.session;
  const preference = parsePreferHeader(input.prefer);
  // A counted scenario is taken here, before the one await below: of concurrent logins, exactly
  // as many as it counts get it. A request that picks its own answer takes none.
  const counted = choosesItself(preference, input.scenario, override)
    ? null
    : session.takePending(api.id);
  const selection = selectScenario(
    api,
    {
      preference,
      headerScenario: input.scenario,
      override,
      counted,
      sticky: session.scenario(api.id),
    },
    pipeline.apis,
  );
  const fields = readLoginFields(input, api.request.reads);
  const check = checkLoginRequest(api, fields);
  // One await per login: each stage below returns a reply or a promise of one.
  let reply: MockReply;
  let served: string | null;
  switch (selection.kind) {
    case "problem":
      reply = selection.reply;
      served = null;
      break;
    case "data":
      served = decideLogin(api, check, fields, session.context);
      reply = await answerExample(session, api, served, fields);
      break;
    case "scenario":
      served = selection.scenario.name;
      reply = await renderScenario(session, api, selection.scenario, fields, check);
      break;
  }
  recordLogin(pipeline, session, api, { reply, served, fields, check, path: input.path });
  if (selection.kind === "problem") return reply;
  // An account's own delay (account-outcomes.ts) stands in for the mock's; `Prefer` wins.
  const identity = nonEmptyString(fields, api.request.identity);
  const accountDelay = identity === undefined ? undefined : session.store.delayOf(api, identity);
  return withDelay(reply, preference.delayMs ?? accountDelay ?? pipeline.delayMs);
}

/**
 * The session a request names (`X-Mock-Session`, else the `mock-session` cookie), or the
 * default. The common case, no session named, costs two null checks: no lookup, no parsing.
 */
export function requestSession(
  pipeline: LoginPipeline,
  input: LoginInput,
): SessionLookup<LiveSession> {
  if (input.session == null && input.cookie == null)
    return { ok: true, session: pipeline.defaultSession };
  return namedSession(pipeline, input);
}

function namedSession(pipeline: LoginPipeline, input: LoginInput): SessionLookup<LiveSession> {
  const named = sessionIdOf(input.session ?? null, input.cookie ?? null);
  if (!named.ok) return named;
  return named.id === null
    ? { ok: true, session: pipeline.defaultSession }
    : pipeline.openNamed(named.id);
}

/** A named example as the reply: the spec's verbatim, or a live success. */
function answerExample(
  session: LiveSession,
  api: LoginApi,
  example: string,
  fields: LoginFields,
): MockReply | Promise<MockReply> {
  // Example replies carry their scenario header already (rendered once, login-behaviour.ts).
  if (example !== api.outcomes.success) return exampleReply(api, example);
  const identity = nonEmptyString(fields, api.request.identity);
  return succeedLogin(api, identity, session.context, example);
}

/** A forced scenario: an example, or a network fault around the answer the data gets. */
async function renderScenario(
  session: LiveSession,
  api: LoginApi,
  scenario: Scenario,
  fields: LoginFields,
  check: LoginRequestCheck,
): Promise<MockReply> {
  if (scenario.kind === "response") return answerExample(session, api, scenario.name, fields);
  const byData = () =>
    answerExample(session, api, decideLogin(api, check, fields, session.context), fields);
  switch (scenario.name) {
    case "network-error":
      return { kind: "network-error", delayMs: 0 };
    case "no-response":
      return { kind: "no-response" };
    case "slow-response":
      return withHeaders(namedAs(withDelay(await byData(), SLOW_RESPONSE_MS), scenario.name), [
        [FAULT_HEADER, scenario.name],
      ]);
    case "truncated-json":
      return withHeaders(namedAs(truncate(await byData()), scenario.name), [
        [FAULT_HEADER, scenario.name],
      ]);
  }
  // A fault added to FAULTS without a case above no longer compiles (`never`).
  const unrendered: never = scenario;
  throw new Error(`[login-mock] The fault "${(unrendered as Scenario).name}" has no renderer.`);
}

/** What the journal keeps of a login: no value, only the schema's verdict per field. */
function recordLogin(
  pipeline: LoginPipeline,
  session: LiveSession,
  api: LoginApi,
  login: {
    reply: MockReply;
    served: string | null;
    fields: LoginFields;
    check: LoginRequestCheck;
    path: string | undefined;
  },
): void {
  const seenMs = pipeline.baseClock.now();
  session.lastSeenMs = seenMs;
  session.requests++;
  session.journal.record({
    timeMs: session.clock.at(seenMs),
    variant: api.id,
    operation: "login",
    method: api.operation.method,
    // The spec path or alias the adapter matched: only ever one of the spec's own strings.
    path:
      login.path !== undefined && api.operation.paths.includes(login.path)
        ? login.path
        : api.operation.path,
    fields: api.request.fields,
    status: login.reply.kind === "response" ? login.reply.status : null,
    scenario: login.served,
    faults: login.check.valid ? null : journalFaults(api.request.fields, login.check.faults),
    optionalSent: optionalFieldsSent(api, login.fields),
  });
}

function truncate(reply: MockReply): MockReply {
  if (reply.kind !== "response") return reply;
  return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}
