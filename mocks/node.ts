/**
 * MSW for Node test runners (Vitest, Jest): `setupServer` over the login handlers. Handlers
 * match absolute URLs only (Node has no page origin), so call the specs' servers or pass your
 * own base URLs to `createHandlers`.
 *
 * @example
 * import { server } from "login-mock/node";
 * beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
 * afterEach(() => { server.resetHandlers(); defaultMock.reset(); });
 * afterAll(() => server.close());
 */
// First: stops an old Node with one line before msw fails on it in a less helpful way.
import "./node-guard.ts";
import { setupServer } from "msw/node";
import { handlers } from "./default-mock.ts";

export * from "./index.ts";

/** A server with the built-in APIs' handlers, not yet listening. */
export const server = setupServer(...handlers);

export { MAX_SPEC_BYTES, readLoginSpec } from "../openapi/read-login-spec.ts";
