/**
 * A signing key of the user's own (`signingKey`, `serve --key FILE`): tokens signed with it
 * verify with its public half, across restarts, and a key that does not fit is refused at start
 * with the file and what to give instead, never echoing the key.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { TALKSTACK_DEMO } from "../presets/demo-accounts.ts";
import { runCliAsync, startCli, stopChild } from "./support/spawn-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "login-mock-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const rsaPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ecJwk = ec.privateKey.export({ format: "jwk" });
const ecPublicJwk = ec.publicKey.export({ format: "jwk" });

async function loginToken(mock: ReturnType<typeof createLoginMock>): Promise<string> {
  const { email, password } = TALKSTACK_DEMO.documented;
  const reply = await mock.handle("talkstack", {
    contentType: "application/json",
    bodyText: JSON.stringify({ email, password }),
    prefer: null,
    scenario: null,
  });
  if (reply.kind !== "response") throw new Error("no reply");
  return (JSON.parse(reply.body) as { token: string }).token;
}

describe("signingKey in code", () => {
  it("signs RS256 tokens with a PKCS#8 PEM; its public half verifies them, kid its thumbprint", async () => {
    const mock = createLoginMock({ alg: "RS256", signingKey: rsaPem });
    const jwks = await mock.jwks();
    const publicJwk = rsa.publicKey.export({ format: "jwk" });
    expect(jwks.keys.map((key) => key.kid)).toEqual([await calculateJwkThumbprint(publicJwk)]);
    const token = await loginToken(mock);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks));
    expect(payload.sub).toBeTypeOf("string");
    expect(decodeProtectedHeader(token).kid).toBe(jwks.keys[0]?.kid);
  });

  it("signs ES256 tokens with a private JWK, and the same key gives the same kid in a new mock", async () => {
    const first = await createLoginMock({ alg: "ES256", signingKey: ecJwk }).jwks();
    const second = createLoginMock({ alg: "ES256", signingKey: ecJwk });
    expect((await second.jwks()).keys[0]?.kid).toBe(first.keys[0]?.kid);
    await jwtVerify(await loginToken(second), createLocalJWKSet(first));
  });

  it("rejects a key that does not fit, saying what to give, without echoing it", async () => {
    for (const [alg, key] of [
      ["RS256", ecJwk],
      ["ES256", ecPublicJwk],
      ["ES256", "not a pem"],
    ] as const) {
      const mock = createLoginMock({ alg, signingKey: key });
      const error = await mock.jwks().then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message, `${alg}`).toMatch(/The signing key is not .* private key for/);
      expect(error?.message).not.toContain(String(ecJwk.d));
      await expect(loginToken(mock)).rejects.toThrow(/signing key/);
    }
    expect(() => createLoginMock({ signingKey: rsaPem })).toThrow(/HS256 signs with jwtSecret/);
    // The public members of one RSA key, the private ones of another: WebCrypto imports it.
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      format: "jwk",
    });
    const mixed = { ...other, n: rsa.publicKey.export({ format: "jwk" }).n ?? "" };
    const mismatched = createLoginMock({ alg: "RS256", signingKey: mixed });
    await expect(mismatched.jwks()).rejects.toThrow(/do not belong to one key/);
  });
});

describe("serve --key FILE", () => {
  it("serves tokens that verify across two starts with the same file", async () => {
    const file = join(dir, "rsa.pem");
    writeFileSync(file, rsaPem);
    const kids: string[] = [];
    for (let start = 0; start < 2; start++) {
      const server = await startCli([
        "talkstack",
        "--alg",
        "RS256",
        "--key",
        file,
        "--port",
        "0",
        "--log",
        "off",
      ]);
      try {
        const base = server.byVariant.talkstack ?? "";
        const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
          keys: { kid: string }[];
        };
        kids.push(jwks.keys[0]?.kid ?? "");
      } finally {
        expect(await stopChild(server.child)).toBe(0);
      }
    }
    expect(kids[0]).toBe(kids[1]);
    expect(kids[0]).toBe(await calculateJwkThumbprint(rsa.publicKey.export({ format: "jwk" })));
  });

  it("exits 2 naming the file for a key of the wrong type, a public key, or no key at all", async () => {
    const wrongType = join(dir, "ec.json");
    writeFileSync(wrongType, JSON.stringify(ecJwk));
    const publicOnly = join(dir, "public.json");
    writeFileSync(publicOnly, JSON.stringify(ecPublicJwk));
    const junk = join(dir, "junk.txt");
    writeFileSync(junk, "hello");
    for (const [args, expected] of [
      [["--alg", "RS256", "--key", wrongType], /not an RSA private key for RS256/],
      [["--alg", "ES256", "--key", publicOnly], /a public key: no private part/],
      [["--alg", "ES256", "--key", junk], /neither a PEM .* nor JSON/],
      [["--key", wrongType], /Add --alg RS256 or --alg ES256/],
      [["--alg", "ES256", "--key", join(dir, "missing.pem")], /cannot read it \(ENOENT\)/],
      [["--alg", "ES256", "--key", dir], /not a regular file/],
    ] as const) {
      const { code, output } = await runCliAsync(["serve", "talkstack", "--port", "0", ...args]);
      expect([code, output], args.join(" ")).toEqual([2, expect.stringMatching(expected)]);
      expect(output).not.toContain(String(ecJwk.d));
    }
  });
});
