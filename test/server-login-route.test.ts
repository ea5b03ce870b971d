/**
 * Which requests a port's login route takes: its spec's method and paths (aliases included),
 * exactly, with a templated segment matching one segment; and the control API at /__mock on
 * every port, `//__mock` included, never shadowed by a login path.
 */
import { describe, expect, it } from "vitest";
import type { LoginApi } from "../openapi/login-api.ts";
import { builtInApis } from "../presets/index.ts";
import { controlPathOf, loginRouteOf } from "../server/login-route.ts";

/** A preset read as if its spec had this method and these paths. */
function apiAt(method: string, ...paths: string[]): LoginApi {
  const [preset] = builtInApis();
  if (!preset) throw new Error("no preset");
  return {
    ...preset,
    source: "test.yaml",
    operation: { ...preset.operation, method, path: paths[0] ?? "/", paths },
  } as LoginApi;
}

describe("a login route", () => {
  it("takes the spec's path and aliases exactly, and nothing near them", () => {
    const route = loginRouteOf(apiAt("POST", "/auth/login", "//auth/login"));
    for (const path of ["/auth/login", "//auth/login"])
      expect(route.matches(path), path).toBe(true);
    for (const path of ["/auth/login/", "///auth/login", "/auth//login", "/AUTH/LOGIN", "/auth"])
      expect(route.matches(path), path).toBe(false);
    expect(route).toMatchObject({ method: "POST", allow: "POST, OPTIONS" });
  });

  it("matches a templated segment as one non-empty segment, its literal text as written", () => {
    const route = loginRouteOf(apiAt("PUT", "/tenants/{tenant}/v1.0/login"));
    expect(route.matches("/tenants/acme/v1.0/login")).toBe(true);
    for (const path of [
      "/tenants//v1.0/login",
      "/tenants/a/b/v1.0/login",
      "/tenants/acme/v1x0/login",
    ])
      expect(route.matches(path), path).toBe(false);
    expect(route.allow).toBe("PUT, OPTIONS");
  });

  it("refuses a login path the control API would shadow", () => {
    expect(() => loginRouteOf(apiAt("POST", "/__mock/login"))).toThrow(
      "[login-mock] test.yaml: the login path /__mock/login is under /__mock, the control API's.",
    );
    expect(() => loginRouteOf(apiAt("POST", "/login", "//__mock"))).toThrow(/under \/__mock/);
  });
});

describe("the path the control API is routed by", () => {
  it("is /__mock on every port, with any number of leading slashes", () => {
    expect(controlPathOf("//__mock/reset")).toBe("/__mock/reset");
    expect(controlPathOf("////__mock")).toBe("/__mock");
    expect(controlPathOf("/__mock/health")).toBe("/__mock/health");
  });

  it("leaves every other path as it came, for the login route to judge", () => {
    for (const path of ["//auth/login", "//__mockery", "/", "//", "/x//__mock"])
      expect(controlPathOf(path)).toBe(path);
  });
});
