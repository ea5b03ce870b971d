/**
 * The presets' JSON drops the prose nothing reads at run time, and only the prose: a value that
 * is data keeps every key, `description` included.
 */
import { describe, expect, it } from "vitest";
import { runtimeDocument } from "../openapi/runtime-document.ts";
import { builtInApis } from "../presets/index.ts";

describe("runtimeDocument", () => {
  it("drops descriptions of the document, its operations, responses and schemas", () => {
    const document = {
      info: { title: "T", description: "About" },
      paths: {
        "/x": {
          post: {
            description: "Logs in",
            responses: {
              "200": {
                description: "OK",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      description: "A body",
                      properties: { description: { type: "string", description: "a field" } },
                      "x-enum-descriptions": ["one"],
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    expect(runtimeDocument(document)).toEqual({
      info: { title: "T" },
      paths: {
        "/x": {
          post: {
            responses: {
              "200": {
                content: {
                  "application/json": {
                    schema: { type: "object", properties: { description: { type: "string" } } },
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it("keeps data whole: example values, defaults, consts, enums, a schema's examples, the block", () => {
    const data = {
      examples: { one: { description: "gone", value: { description: "kept" } } },
      schema: {
        default: { description: "kept" },
        const: { description: "kept" },
        enum: [{ description: "kept" }],
        examples: [{ description: "kept" }],
        example: { description: "kept" },
      },
      "x-login-mock": { accounts: [{ profile: { description: "kept" } }] },
    };
    expect(runtimeDocument(data)).toEqual({
      examples: { one: { value: { description: "kept" } } },
      schema: data.schema,
      "x-login-mock": data["x-login-mock"],
    });
  });

  it("leaves the presets readable: every API loads from the stripped JSON", () => {
    expect(builtInApis().map((api) => api.id)).toEqual(["talkstack", "seamless"]);
  });
});
