/**
 * The presets are read at run time without checking their x-login-mock blocks against the
 * block's schema (the browser bundle carries no validator for it): these tests are that check,
 * on the YAML as written, and prove the registry reads the same APIs the YAML describes.
 */
import { describe, expect, it } from "vitest";
import { loginApiFromDocument } from "../openapi/compile-login-api.ts";
import { loadDocument } from "../openapi/load.ts";
import { VARIANTS } from "../presets/ids.ts";
import { builtInApis } from "../presets/index.ts";

describe("the built-in presets", () => {
  it.each(VARIANTS)("%s's YAML passes the same load as a user's spec", async (id) => {
    const api = loginApiFromDocument(await loadDocument(id), `openapi/${id}.yaml`);
    expect(api.id).toBe(id);
  });

  it("are read by the registry as their YAML describes them", async () => {
    for (const id of VARIANTS) {
      const fromYaml = loginApiFromDocument(await loadDocument(id), `openapi/${id}.yaml`);
      const registered = builtInApis().find((api) => api.id === id);
      expect(registered?.operation).toEqual(fromYaml.operation);
      expect(registered?.outcomes).toEqual(fromYaml.outcomes);
      expect(registered?.accounts).toEqual(fromYaml.accounts);
      expect(registered?.token).toEqual(fromYaml.token);
    }
  });

  it("a preset whose block breaks the schema would be refused at generate time", async () => {
    const document = (await loadDocument("talkstack")) as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const block = document.paths["/auth/login"]?.post?.["x-login-mock"] as Record<string, unknown>;
    block.token = { in: "body", pointer: "/token", lifetimeSeconds: "2h" };
    expect(() => loginApiFromDocument(document, "openapi/talkstack.yaml")).toThrow(
      /openapi\/talkstack\.yaml at \/paths\/~1auth~1login\/post\/x-login-mock\/token\/lifetimeSeconds: the value is not an integer/,
    );
  });
});
