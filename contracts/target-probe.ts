/**
 * The run's first request, sent before anything is printed: is anything there, does the login
 * operation answer at the base URL, and does the target honour `Prefer`? A target that gives no
 * reply, or a base URL under which the login is plainly not served, stops the run with one line
 * saying what to do, instead of a report of cases that were never going to tell anything.
 */
import { ReplyLimitError } from "./bounded-reply.ts";
import { isOneOfMediaTypes } from "./checks/body-checks.ts";
import type { Exchange } from "./exchange.ts";
import {
  type HttpTarget,
  operationUrl,
  RunStoppedError,
  TransientNetworkError,
} from "./http-target.ts";
import { operationPath } from "./operation-path.ts";
import type { ContractOptions } from "./options.ts";
import { buildProvocation, isUnreachable } from "./provocations.ts";
import { displayUrl } from "./redact.ts";
import type { SpecFacts } from "./spec-facts.ts";

export type Probe =
  | { readonly kind: "answered"; readonly preferHonoured: boolean }
  /** Nothing more is sent; `line` says why and what to do. */
  | { readonly kind: "stop"; readonly line: string; readonly exitCode: 2 | 3 };

/** The exit code of a base URL under which the login is not served: the flag is wrong. */
const WRONG_BASE_URL = 2;
/** The exit code of a target that gave no reply: a network problem. */
const NO_REPLY = 3;

/**
 * Sends a login for an unknown user (a 4xx on a real server), asking by `Prefer` for a documented
 * response with another status (the 500, where there is one) unless `--drive data`. Only a target
 * that honours `Prefer` answers with it.
 */
export async function probeTarget(
  facts: SpecFacts,
  options: ContractOptions,
  target: HttpTarget,
): Promise<Probe> {
  const dataAnswer = facts.examples.find((example) =>
    example.provokedBy.includes("unknown-account"),
  );
  const wanted =
    options.drive === "data"
      ? undefined
      : (facts.examples.find((example) => example.status >= 500) ??
        facts.examples.find((example) => example.status !== dataAnswer?.status));
  // A well-formed body: mocks such as Prism validate the request before they honour Prefer.
  const request = buildProvocation(facts.api, "unknown-account", {
    unknownIdentity: options.unknownIdentity,
  });
  if (isUnreachable(request)) return { kind: "answered", preferHonoured: false };
  const path = operationPath(facts.api, options.pathParams);
  const shown = `${facts.method} ${displayUrl(operationUrl(options.baseUrl, path))}`;
  let exchange: Exchange;
  try {
    exchange = await target.send({
      ...request,
      headers: wanted ? { prefer: `code=${wanted.status}, example=${wanted.name}` } : {},
    });
  } catch (error) {
    if (error instanceof TransientNetworkError)
      return stop(NO_REPLY, `no reply from ${shown} (${error.why}). ${CHECK_THE_TARGET}`);
    if (error instanceof RunStoppedError)
      return stop(NO_REPLY, `no reply from ${shown} before ${error.message}. ${CHECK_THE_TARGET}`);
    // A reply over a limit is an answer: the cases report it as a violation.
    if (error instanceof ReplyLimitError) return { kind: "answered", preferHonoured: false };
    throw error;
  }
  const notServed = notServedLine(facts, options.baseUrl, path, exchange, shown);
  if (notServed) return stop(WRONG_BASE_URL, notServed);
  const { response } = exchange;
  return {
    kind: "answered",
    preferHonoured:
      wanted !== undefined &&
      response.status === wanted.status &&
      facts.validateBody(response.status, response.json).valid,
  };
}

const CHECK_THE_TARGET =
  "This is a network problem, not a contract violation: check --base-url and that the server is up. Nothing was checked.";

function stop(exitCode: 2 | 3, text: string): Probe {
  return { kind: "stop", exitCode, line: `[login-mock] contract: ${text}` };
}

/**
 * The line for a base URL under which the login is not served, or undefined. A 404 or 405 that
 * is not a documented login response says so when the base URL has a path: it ends with the
 * operation's own path (the harness appends it, so it was sent twice), or it is some other
 * prefix. With no path in the base URL the run goes on: each case reports the status it got.
 */
function notServedLine(
  facts: SpecFacts,
  baseUrl: string,
  path: string,
  exchange: Exchange,
  shown: string,
): string | undefined {
  const { status, json, headers } = exchange.response;
  if (status !== 404 && status !== 405) return undefined;
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  if (!basePath) return undefined;
  const documented = facts.statuses.get(status);
  const contentType = headers.get("content-type");
  // Plainly not the login: a status or media type the spec never gives it, or no JSON at all.
  const plainlyNot =
    !documented || !isOneOfMediaTypes(contentType, documented.mediaTypes) || json === undefined;
  const opPath = path.replace(/\/+$/, "");
  const doubled = basePath.endsWith(opPath);
  if (doubled && (plainlyNot || !facts.validateBody(status, json).valid)) {
    base.pathname = basePath.slice(0, -opPath.length) || "/";
    return `--base-url already ends with ${opPath}, the login's path, which the harness appends itself: ${shown} answered ${status}. Drop it: --base-url ${withoutTrailingSlash(displayUrl(base.href))}`;
  }
  if (!doubled && plainlyNot) {
    base.pathname = "/";
    return `${shown} answered ${status}, not a login response the spec documents, so nothing serves the login under the base URL's path ${basePath}. The harness appends ${opPath} to --base-url: give the API's root (without the path: --base-url ${withoutTrailingSlash(displayUrl(base.href))}).`;
  }
  return undefined;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/$/, "");
