/**
 * Review finding: the URLs msw handlers answer on. A spec with no `servers` is answered at the
 * path alone (relative: the page's origin in a browser), server variables take their default,
 * and a path template `{x}` is msw's `:x`.
 */
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { createHandlers, loginUrls, mswPath } from "../mocks/msw/handlers.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { freshSpec } from "./support/fresh-spec.ts";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Spec = Record<string, any>;

const LOGIN = JSON.stringify({ handle: "quill", passphrase: "ink-and-paper" });
const put = (url: string) =>
  new Request(url, { method: "PUT", headers: { "content-type": "application/json" }, body: LOGIN });

function apiWith(edit: (spec: Spec) => void) {
  const spec: Spec = freshSpec();
  edit(spec);
  return loginApiFromDocument(spec, "edited.yaml");
}

describe("msw handlers of a spec", () => {
  it("with no servers answer at the path alone, on the page's origin", async () => {
    const api = apiWith((spec) => delete spec.servers);
    expect(loginUrls(api)).toEqual(["/api/v2/sessions"]);
    const handlers = createHandlers(createLoginMock({ apis: [api] }));
    expect(handlers).toHaveLength(1);
    const response = await getResponse(handlers, put("http://app.test/api/v2/sessions"), {
      baseUrl: "http://app.test/",
    });
    expect(response?.status).toBe(201);
  });

  it("fill each server variable with its default", async () => {
    const api = apiWith((spec) => {
      spec.servers = [
        {
          url: "https://{env}.example.com:{port}/v2",
          variables: {
            env: { default: "staging", enum: ["prod", "staging"] },
            port: { default: "8443" },
          },
        },
      ];
    });
    expect(loginUrls(api)).toEqual(["https://staging.example.com:8443/v2/api/v2/sessions"]);
    const handlers = createHandlers(createLoginMock({ apis: [api] }));
    const response = await getResponse(
      handlers,
      put("https://staging.example.com:8443/v2/api/v2/sessions"),
    );
    expect(response?.status).toBe(201);
  });

  it("match a templated path segment as msw's :param", async () => {
    expect(mswPath("/t/{tenant}/login")).toBe("/t/:tenant/login");
    expect(mswPath("/t/{tenant-id}/{2fa}/login")).toBe("/t/:tenant_id/:p2fa/login");
    const api = apiWith((spec) => {
      spec.paths["/t/{tenant}/sessions"] = spec.paths["/api/v2/sessions"];
      delete spec.paths["/api/v2/sessions"];
    });
    expect(loginUrls(api)).toEqual(["http://127.0.0.1:4999/t/:tenant/sessions"]);
    const handlers = createHandlers(createLoginMock({ apis: [api] }));
    const response = await getResponse(handlers, put("http://127.0.0.1:4999/t/acme/sessions"));
    expect(response?.status).toBe(201);
  });
});
