import { delay, HttpResponse } from "msw";
import { MAX_DELAY_MS, type MockReply } from "../core/index.ts";
import { warnOnceIfCookieDropped } from "./cookie-warning.ts";

/**
 * Turns the core's login reply into what an MSW resolver returns, faults included, naming what
 * it serves in `X-Mock-Scenario`.
 */
export async function toResponse(reply: MockReply): Promise<Response> {
  if (reply.kind === "no-response") {
    await delay("infinite");
    return HttpResponse.error();
  }
  // The same ceiling as the HTTP server, whatever delays were added up on the way.
  if (reply.delayMs > 0) await delay(Math.min(reply.delayMs, MAX_DELAY_MS));
  if (reply.kind === "network-error") return HttpResponse.error();
  warnOnceIfCookieDropped(reply.headers);
  const headers = new Headers();
  for (const [name, value] of reply.headers) headers.append(name, value);
  return new HttpResponse(reply.body, { status: reply.status, headers });
}
