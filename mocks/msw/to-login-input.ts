import type { LoginInput } from "../core/request-data.ts";

/** Reads what the behaviour core needs from a Fetch API request. */
export async function toLoginInput(request: Request): Promise<LoginInput> {
  return {
    contentType: request.headers.get("content-type"),
    bodyText: await request.text(),
    prefer: request.headers.get("prefer"),
    scenario: request.headers.get("x-mock-scenario"),
  };
}
