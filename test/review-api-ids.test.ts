/**
 * Review finding: an API id is data. `constructor` (or a title that slugs to it) is an id a spec
 * may have, and nothing that looks an id up may read it off Object.prototype: the mock, `serve`
 * and its banner, the msw handlers, the control panel. And `scenarios` naming an id the mock
 * does not serve is a typo, reported when the mock is made.
 */
import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { renderBanner } from "../cli/banner.ts";
import { parseServeOptions } from "../cli/serve.ts";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { createHandlers } from "../mocks/msw/handlers.ts";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { renderControlPanel } from "../server/control-panel.ts";
import { type RunningServers, startServers } from "../server/start-servers.ts";
import { freshSpec } from "./support/fresh-spec.ts";

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited as plain JSON.
type Spec = Record<string, any>;

const LOGIN = JSON.stringify({ handle: "quill", passphrase: "ink-and-paper" });

function apiWithId(id: string | undefined, title = "Fresh Sessions") {
  const spec: Spec = freshSpec();
  spec.info.title = title;
  const extension = spec.paths["/api/v2/sessions"].put["x-login-mock"];
  if (id === undefined) delete extension.id;
  else extension.id = id;
  return loginApiFromDocument(spec, `${id ?? title}.yaml`);
}

describe.each([
  ["an x-login-mock id", () => apiWithId("constructor")],
  ["a title that slugs to it", () => apiWithId(undefined, "Constructor")],
])("an API whose id is constructor, from %s", (_, make) => {
  const api = make();

  it("has that id", () => {
    expect(api.id).toBe("constructor");
  });

  it("is served by a mock, the banner and msw handlers", async () => {
    // `serve spec.yaml`, its spec file read into the map as `serve` reads it.
    const served = parseServeOptions(["spec.yaml"], {}, new Map([["spec.yaml", api]]));
    expect(served.apis.map((each) => each.id)).toEqual(["constructor"]);
    expect(Object.hasOwn(served.scenarios, "constructor")).toBe(false);
    const mock = createLoginMock({ apis: served.apis, scenarios: served.scenarios });
    expect(mock.scenario("constructor")).toBeNull();
    const banner = renderBanner(
      { constructor: "http://127.0.0.1:4999" },
      { ...served, hostSource: "--host 127.0.0.1" },
    );
    expect(banner).toContain("constructor PUT http://127.0.0.1:4999/api/v2/sessions");
    expect(banner).not.toContain("forced scenario");

    const response = await getResponse(
      createHandlers(mock),
      new Request("http://127.0.0.1:4999/api/v2/sessions", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: LOGIN,
      }),
    );
    expect(response?.status).toBe(201);
    expect(renderControlPanel([api], "constructor")).toContain("none (the request data decides)");
  });

  it("forces a scenario named by serve --scenario", () => {
    const served = parseServeOptions(
      ["spec.yaml", "--scenario", "refused"],
      {},
      new Map([["spec.yaml", api]]),
    );
    const mock = createLoginMock({ apis: served.apis, scenarios: served.scenarios });
    expect(mock.scenario("constructor")).toBe("refused");
  });
});

describe("serve with an API whose id is constructor", () => {
  it("listens and answers its login", async () => {
    const api = apiWithId("constructor");
    const mock = createLoginMock({ apis: [api] });
    const running: RunningServers = await startServers({ mock, port: 0, log: () => {} });
    try {
      expect(Object.keys(running.urls)).toEqual(["constructor"]);
      const response = await fetch(`${running.urls.constructor}/api/v2/sessions`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: LOGIN,
      });
      expect(response.status).toBe(201);
    } finally {
      await running.close(0);
    }
  });
});

describe("createLoginMock's scenarios", () => {
  it("naming an API the mock does not serve is an error that lists the ones it does", () => {
    const api = apiWithId("fresh");
    expect(() => createLoginMock({ apis: [api], scenarios: { frsh: "refused" } })).toThrow(
      '[login-mock] scenarios names an API "frsh" this mock does not serve. It serves: fresh.',
    );
    expect(
      createLoginMock({ apis: [api], scenarios: { fresh: "refused" } }).scenario("fresh"),
    ).toBe("refused");
  });
});
