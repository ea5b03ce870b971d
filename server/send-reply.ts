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
    whenSocketCloses(request, () => clearTimeout(timer));
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
    const stop = whenSocketCloses(request, () => clearTimeout(timer));
    const timer = setTimeout(() => {
      stop();
      send();
    }, reply.delayMs);
  } else {
    send();
  }
}

/**
 * Runs `onClose` if the client goes away first; the returned function forgets it. A keep-alive
 * socket carries many requests, so a listener left behind per delayed reply would pile up.
 */
function whenSocketCloses(request: IncomingMessage, onClose: () => void): () => void {
  const { socket } = request;
  socket.once("close", onClose);
  return () => socket.off("close", onClose);
}
