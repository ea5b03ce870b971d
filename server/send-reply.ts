/**
 * Writes the core's reply to a Node response, faults included. The core never sees Node.
 * Held and delayed replies wait in `HeldWork`, which bounds how many can wait at once; every
 * reply leaves at the end of the event-loop turn that made it (`turn-end.ts`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_DELAY_MS, type MockReply } from "../mocks/core/index.ts";
import type { HeldWork } from "./held-work.ts";
import { tooMuchHeldWork } from "./problems.ts";
import { atTurnEnd } from "./turn-end.ts";

/**
 * How long a `no-response` request is held before the socket is closed anyway: five minutes,
 * Node's own default `requestTimeout`, far past any client timeout a test sets.
 */
export const NO_RESPONSE_HOLD_MS = 5 * 60 * 1000;

export function sendReply(
  request: IncomingMessage,
  response: ServerResponse,
  reply: MockReply,
  extraHeaders: readonly (readonly [string, string])[],
  onDone: (status: number | string) => void,
  heldWork: HeldWork,
): void {
  const { socket } = request;
  // The client left while the reply was being made: nothing to hold, nobody to answer.
  if (socket.destroyed) {
    onDone("aborted");
    return;
  }
  if (reply.kind === "no-response") {
    // Hold the request without answering; the client's timeout (or ours) ends it.
    if (heldWork.hold(socket, NO_RESPONSE_HOLD_MS, () => socket.destroy())) onDone("held");
    else write(response, tooMuchHeldWork(heldWork.limits.maxHeld), extraHeaders, onDone);
    return;
  }
  const send = () => {
    if (response.destroyed) return;
    if (reply.kind === "network-error") {
      socket.destroy();
      onDone("dropped");
      return;
    }
    write(response, reply, extraHeaders, onDone);
  };
  if (reply.delayMs <= 0) send();
  else if (!heldWork.hold(socket, Math.min(reply.delayMs, MAX_DELAY_MS), send)) {
    write(response, tooMuchHeldWork(heldWork.limits.maxHeld), extraHeaders, onDone);
  }
}

function write(
  response: ServerResponse,
  reply: MockReply,
  extraHeaders: readonly (readonly [string, string])[],
  onDone: (status: number | string) => void,
): void {
  if (reply.kind !== "response") return;
  // A flat [name, value, name, value…] list: repeated names (two Set-Cookie lines) stay
  // separate, and Node skips building and validating a header object.
  const headers: string[] = [];
  for (const [name, value] of extraHeaders) headers.push(name, value);
  for (const [name, value] of reply.headers) headers.push(name, value);
  // RFC 9110 §8.6: no Content-Length on a 1xx or 204 (a logout's 204), nor a 304.
  if (reply.status >= 200 && reply.status !== 204 && reply.status !== 304)
    headers.push("content-length", String(Buffer.byteLength(reply.body)));
  // Logged when written, not when queued: the client may leave before the turn ends.
  atTurnEnd(() => {
    if (response.destroyed) return onDone("aborted");
    try {
      response.writeHead(reply.status, headers);
      response.end(reply.body);
      onDone(reply.status);
    } catch {
      // A header Node refuses: the client gets a closed connection, the server keeps serving.
      response.destroy();
      onDone("dropped");
    }
  });
}
