/**
 * RS256/ES256 tokens verified as a BFF would: jose's `createRemoteJWKSet` with nothing but the
 * mock's JWKS URL, before and after a key rotation; a key outside the set is refused.
 */
import {
  calculateJwkThumbprint,
  createRemoteJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
} from "jose";
import { describe, expect, it } from "vitest";
import { parseServeFlags, UsageError } from "../cli/serve.ts";
import { runContract } from "../contracts/contract-run.ts";
import { MAX_KEYS_KEPT } from "../mocks/core/index.ts";
import type { JwtAlgorithm } from "../mocks/core/tokens/key-set.ts";
import type { Variant } from "../openapi/documents.ts";
import { ownServerOptions } from "./support/contract-options.ts";
import { demoLoginToken, type TestServers, useHttpServers } from "./support/http-servers.ts";

const jwksUrl = (servers: TestServers, variant: Variant = "talkstack") =>
  new URL(`${servers.url(variant)}/.well-known/jwks.json`);

/** A BFF's verifier: only the JWKS URL. A fresh one per check, so no key cache is shared. */
const verify = (servers: TestServers, token: string, variant: Variant = "talkstack") =>
  jwtVerify(token, createRemoteJWKSet(jwksUrl(servers, variant)));

function rotate(servers: TestServers, variant: Variant = "talkstack") {
  return fetch(`${servers.url(variant)}/__mock/keys/rotate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}

async function whoamiState(servers: TestServers, token: string) {
  const response = await fetch(`${servers.url("talkstack")}/__mock/whoami`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { credentials: { state: string; variant: unknown }[] };
  return body.credentials[0];
}

/** A token of the right shape and `kid` format, signed with a key the mock never had. */
async function foreignToken(alg: "RS256" | "ES256", kid?: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const ownKid = await calculateJwkThumbprint(await exportJWK(publicKey));
  return new SignJWT({ sub: "someone" })
    .setProtectedHeader({ alg, typ: "JWT", kid: kid ?? ownKid })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}

describe.each(["RS256", "ES256"] as const)("alg %s", (alg) => {
  const servers = useHttpServers({ alg });

  it("publishes the public keys on every port, kid, alg and use set, never cached", async () => {
    for (const variant of ["talkstack", "seamless"] as const) {
      const response = await fetch(jwksUrl(servers, variant));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
      expect(keys).toHaveLength(1);
      const [key] = keys;
      expect(key).toMatchObject({ kty: alg === "RS256" ? "RSA" : "EC", alg, use: "sig" });
      expect(key).not.toHaveProperty("d");
      expect(key?.kid).toBe(
        await calculateJwkThumbprint(key as Parameters<typeof calculateJwkThumbprint>[0]),
      );
    }
  });

  it("a jose verifier with only the JWKS URL accepts its tokens before and after a rotation", async () => {
    const before = await demoLoginToken(servers, "talkstack");
    const verified = await verify(servers, before);
    expect(verified.protectedHeader).toMatchObject({ alg, typ: "JWT" });
    expect(typeof verified.payload.sub).toBe("string");
    const cookieToken = await demoLoginToken(servers, "seamless");
    await expect(verify(servers, cookieToken, "seamless")).resolves.toBeDefined();
    const oldKid = decodeProtectedHeader(before).kid;

    const response = await rotate(servers);
    expect(response.status).toBe(200);
    const rotation = (await response.json()) as { alg: string; kid: string; kept: string[] };
    expect(rotation.alg).toBe(alg);
    expect(rotation.kid).not.toBe(oldKid);
    expect(rotation.kept).toEqual([oldKid, rotation.kid]);

    const after = await demoLoginToken(servers, "talkstack");
    expect(decodeProtectedHeader(after).kid).toBe(rotation.kid);
    await expect(verify(servers, after)).resolves.toBeDefined();
    // The previous key still verifies the tokens it signed, on every port.
    await expect(verify(servers, before)).resolves.toBeDefined();
    await expect(verify(servers, before, "seamless")).resolves.toBeDefined();
    // whoami judges both by the same key set.
    expect(await whoamiState(servers, before)).toMatchObject({
      state: "valid",
      variant: "talkstack",
    });
    expect(await whoamiState(servers, after)).toMatchObject({
      state: "valid",
      variant: "talkstack",
    });
  });

  it("rejects a token signed with a key not in the set", async () => {
    const stranger = await foreignToken(alg);
    await expect(verify(servers, stranger)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
    expect(await whoamiState(servers, stranger)).toMatchObject({
      state: "not-issued-by-this-mock",
    });
    // A kept kid does not help a foreign signature.
    const own = decodeProtectedHeader(await demoLoginToken(servers, "talkstack")).kid;
    const impostor = await foreignToken(alg, own);
    await expect(verify(servers, impostor)).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
    expect(await whoamiState(servers, impostor)).toMatchObject({
      state: "not-issued-by-this-mock",
    });
  });

  it("passes the contract harness's JWT checks, with --jwt-alg naming it", async () => {
    const report = await runContract(
      ownServerOptions("talkstack", servers.url("talkstack"), {
        fuzzRuns: 0,
        settings: { responseTimeBudgetMs: undefined, jwtLeewaySeconds: 120, jwtAlgorithms: [alg] },
      }),
    );
    const jwtChecks = report.results
      .flatMap((result) => result.checks)
      .filter((check) => check.name.startsWith("jwt"));
    expect(jwtChecks.length).toBeGreaterThan(0);
    expect(jwtChecks.filter((check) => check.verdict === "failed")).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it(`keeps the last ${MAX_KEYS_KEPT} keys: older tokens stop verifying`, async () => {
    const oldest = await demoLoginToken(servers, "talkstack");
    let kept: string[] = [];
    for (let turn = 0; turn < MAX_KEYS_KEPT; turn++)
      ({ kept } = (await (await rotate(servers)).json()) as { kept: string[] });
    expect(kept).toHaveLength(MAX_KEYS_KEPT);
    expect(kept).not.toContain(decodeProtectedHeader(oldest).kid);
    const { keys } = (await (await fetch(jwksUrl(servers))).json()) as { keys: unknown[] };
    expect(keys).toHaveLength(MAX_KEYS_KEPT);
    await expect(verify(servers, oldest)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
    expect(await whoamiState(servers, oldest)).toMatchObject({
      state: "not-issued-by-this-mock",
    });
    await expect(
      verify(servers, await demoLoginToken(servers, "talkstack")),
    ).resolves.toBeDefined();
  });
});

describe("HS256 (the default)", () => {
  const servers = useHttpServers();

  it("publishes no key and has none to rotate; its tokens carry no kid", async () => {
    const response = await fetch(jwksUrl(servers));
    expect(await response.json()).toEqual({ keys: [] });
    const refused = await rotate(servers);
    expect(refused.status).toBe(409);
    const token = await demoLoginToken(servers, "talkstack");
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(await whoamiState(servers, token)).toMatchObject({ state: "valid" });
  });
});

describe("serve --alg", () => {
  it("takes HS256, RS256 or ES256, HS256 by default", () => {
    expect(parseServeFlags([], {}).alg).toBe("HS256");
    for (const alg of ["RS256", "ES256"] satisfies JwtAlgorithm[])
      expect(parseServeFlags(["--alg", alg], {}).alg).toBe(alg);
    expect(() => parseServeFlags(["--alg", "PS256"], {})).toThrow(UsageError);
  });
});
