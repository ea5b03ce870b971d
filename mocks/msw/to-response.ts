import { delay, HttpResponse } from "msw";
import type { MockReply } from "../core/mock-reply.ts";

/** Turns the core's reply into what an MSW resolver returns, faults included. */
export async function toResponse(reply: MockReply): Promise<Response> {
  if (reply.kind === "no-response") {
    await delay("infinite");
    return HttpResponse.error();
  }
  if (reply.delayMs > 0) await delay(reply.delayMs);
  if (reply.kind === "network-error") return HttpResponse.error();
  const headers = new Headers();
  for (const [name, value] of reply.headers) headers.append(name, value);
  return new HttpResponse(reply.body, { status: reply.status, headers });
}
