/**
 * Reads a request body up to a limit. Past the limit it stops reading and says so, so a huge
 * body costs the server at most `limitBytes` of memory.
 */
import type { IncomingMessage } from "node:http";
import { DEFAULT_BODY_LIMIT } from "../mocks/core/index.ts";

export { DEFAULT_BODY_LIMIT };

export type BodyResult =
  | { readonly kind: "ok"; readonly text: string }
  | { readonly kind: "too-large" }
  | { readonly kind: "aborted" };

export function readBody(
  request: IncomingMessage,
  limitBytes: number,
  contentLength: string | null,
): Promise<BodyResult> {
  const declared = Number(contentLength);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    return Promise.resolve({ kind: "too-large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        chunks.length = 0;
        request.pause();
        settle({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    // Invalid UTF-8 becomes U+FFFD, as Express's body parser does; it never throws.
    // A login body arrives in one chunk: decode it without copying it into a new Buffer first.
    request.on("end", () =>
      settle({
        kind: "ok",
        text: (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString(
          "utf8",
        ),
      }),
    );
    request.on("error", () => settle({ kind: "aborted" }));
    request.on("close", () => settle({ kind: "aborted" }));
  });
}
