/**
 * Writes the core's reply to a Node response, faults included. The core never sees Node.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockReply } from "../mocks/core/mock-reply.ts";

/** How long a `no-response` request is held before the socket is closed anyway. */
export const NO_RESPONSE_HOLD_MS = 5 * 60 * 1000;

export function sendReply(
  request: IncomingMessage,
  response: ServerResponse,
  reply: MockReply,
  extraHeaders: readonly (readonly [string, string])[],
  onDone: (status: number | string) => void,
): void {
  if (reply.kind === "no-response") {
    // Hold the request without answering; the client's timeout (or ours) ends it.
    const timer = setTimeout(() => request.socket.destroy(), NO_RESPONSE_HOLD_MS);
    request.socket.once("close", () => clearTimeout(timer));
    onDone("held");
    return;
  }
  const send = () => {
    if (response.destroyed) return;
    if (reply.kind === "network-error") {
      request.socket.destroy();
      onDone("dropped");
      return;
    }
    // A flat [name, value, name, value…] list: repeated names (two Set-Cookie lines) stay
    // separate, and Node skips building and validating a header object.
    const headers: string[] = [];
    for (const [name, value] of extraHeaders) headers.push(name, value);
    for (const [name, value] of reply.headers) headers.push(name, value);
    headers.push("content-length", String(Buffer.byteLength(reply.body)));
    response.writeHead(reply.status, headers);
    response.end(reply.body);
    onDone(reply.status);
  };
  if (reply.delayMs > 0) {
    const timer = setTimeout(send, reply.delayMs);
    request.socket.once("close", () => clearTimeout(timer));
  } else {
    send();
  }
}
