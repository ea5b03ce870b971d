/**
 * A login API none of the shipped specs describes, written here and only here: `PUT
 * /api/v2/sessions` with a JSON `{ handle, passphrase }`, a 201 whose token sits two levels
 * down the body, 401 for an unknown handle or a wrong passphrase, 422 for a body off the schema.
 * Tests copy it and break one value to see the loader refuse it.
 */
export function freshSpec(): Record<string, unknown> {
  const error = {
    type: "object",
    required: ["code"],
    properties: { code: { type: "string" }, hint: { type: "string" } },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Fresh Sessions", version: "2.0.0" },
    servers: [{ url: "http://127.0.0.1:4999" }],
    paths: {
      "/api/v2/sessions": {
        put: {
          operationId: "openSession",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["handle", "passphrase"],
                  properties: {
                    handle: { type: "string", minLength: 2 },
                    passphrase: { type: "string", minLength: 1 },
                  },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "Opened",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["result"],
                    properties: {
                      result: {
                        type: "object",
                        required: ["auth", "member"],
                        properties: {
                          auth: {
                            type: "object",
                            required: ["bearer", "expiresAt"],
                            properties: {
                              bearer: { type: "string" },
                              expiresAt: { type: "integer" },
                            },
                          },
                          member: {
                            type: "object",
                            required: ["handle", "memberId"],
                            properties: {
                              handle: { type: "string" },
                              memberId: { type: "string" },
                            },
                          },
                        },
                      },
                    },
                  },
                  examples: {
                    opened: {
                      summary: "Session opened",
                      "x-provoked-by": ["valid-login"],
                      value: {
                        result: {
                          auth: { bearer: "placeholder", expiresAt: 0 },
                          member: { handle: "quill", memberId: "m-1" },
                        },
                      },
                    },
                  },
                },
              },
            },
            "401": {
              description: "Refused",
              content: {
                "application/json": {
                  schema: error,
                  examples: {
                    refused: {
                      summary: "Unknown handle or wrong passphrase",
                      "x-provoked-by": ["unknown-account", "wrong-secret"],
                      value: { code: "refused" },
                    },
                  },
                },
              },
            },
            "422": {
              description: "Off the schema",
              content: {
                "application/json": {
                  schema: error,
                  examples: {
                    unreadable: {
                      summary: "The body is off the schema",
                      "x-provoked-by": [
                        "omit-handle",
                        "omit-passphrase",
                        "empty-passphrase",
                        "wrong-type-handle",
                        "malformed-body",
                        "wrong-content-type",
                      ],
                      value: { code: "unreadable", hint: "send handle and passphrase" },
                    },
                  },
                },
              },
            },
          },
          "x-login-mock": {
            id: "fresh",
            identity: "handle",
            secret: "passphrase",
            outcomes: {
              success: "opened",
              invalidRequest: "unreadable",
              unknownAccount: "refused",
              wrongSecret: "refused",
            },
            token: {
              in: "body",
              pointer: "/result/auth/bearer",
              lifetimeSeconds: 600,
              expiresAt: { pointer: "/result/auth/expiresAt", format: "unix-seconds" },
              claims: { handle: "/handle" },
            },
            profile: { pointer: "/result/member", identity: "/handle", subject: "/memberId" },
            accounts: [
              { identity: "quill", secret: "ink-and-paper", profile: { memberId: "m-1" } },
              { identity: "nib", secret: "sharp-point", profile: { memberId: "m-2" } },
            ],
            unknownIdentity: "nobody-here",
            caseSensitiveIdentity: true,
          },
        },
      },
    },
  };
}

/** `freshSpec()` with the value at `path` (keys from the root) replaced, or deleted for undefined. */
export function freshSpecWith(path: readonly string[], value: unknown): Record<string, unknown> {
  const spec = freshSpec();
  let node = spec as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return spec;
}
