/**
 * The mock's own errors (an unknown scenario, a bad control request) as RFC 7807
 * `application/problem+json`, so they can never be mistaken for a vendor's response.
 */
import { type MockReply, SCENARIO_HEADER } from "./mock-reply.ts";

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/**
 * A problem reply. `slug` becomes the `type` URN (`urn:login-mock:problem:<slug>`), and names
 * the reply in `X-Mock-Scenario`, as every reply the mock serves names what it serves.
 */
export function problemReply(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): MockReply {
  const problem: Problem = {
    type: `urn:login-mock:problem:${slug}`,
    title,
    status,
    detail,
    ...extensions,
  };
  return {
    kind: "response",
    status,
    headers: [
      ["content-type", PROBLEM_CONTENT_TYPE],
      [SCENARIO_HEADER, slug],
    ],
    body: JSON.stringify(problem),
    delayMs: 0,
  };
}
