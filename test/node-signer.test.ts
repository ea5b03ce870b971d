import { describe, expect, it } from "vitest";
import { DEFAULT_JWT_SECRET, signToken, verifyToken } from "../mocks/core/jwt.ts";
import { createNodeSigner } from "../server/node-signer.ts";

// Signed by jose 6 before login-mock dropped it: the bytes every signer must keep producing.
const JOSE_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
  "eyJlbWFpbCI6ImpvaG5AZXhhbXBsZS5jb20iLCJzdWIiOiI1MDdmMWY3N2JjZjg2Y2Q3OTk0MzkwMTEiLCJpYXQiOjE3NDE3MDgxNzgsImV4cCI6MTc0MTcxNTM3OH0." +
  "1ZiZTuortPiC-2WptDuYUCqbf0iRxHgnLgEl0ShVNpI";

describe("the server's node:crypto signer", () => {
  it("produces the same token, byte for byte, as jose did", async () => {
    const claims = { sub: "507f1f77bcf86cd799439011", email: "john@example.com" };
    const timing = { nowMs: 1_741_708_178_000, lifetimeSeconds: 7200 };
    expect((await createNodeSigner(DEFAULT_JWT_SECRET)(claims, timing)).token).toBe(JOSE_TOKEN);
    expect((await signToken(claims, { secret: DEFAULT_JWT_SECRET, ...timing })).token).toBe(
      JOSE_TOKEN,
    );
  });

  it("produces byte-identical tokens to the portable WebCrypto signer", async () => {
    const sign = createNodeSigner(DEFAULT_JWT_SECRET);
    for (const [nowMs, lifetimeSeconds, email] of [
      [1_741_708_178_000, 7200, "john@example.com"],
      [1_705_401_000_123, 86_400, "jöhn.müller@exämple.de"],
      [0, 5, 'quote"back\\slash@example.com'],
    ] as const) {
      const claims = { sub: "507f1f77bcf86cd799439011", email };
      const viaNode = await sign(claims, { nowMs, lifetimeSeconds });
      const viaWebCrypto = await signToken(claims, {
        secret: DEFAULT_JWT_SECRET,
        nowMs,
        lifetimeSeconds,
      });
      expect(viaNode).toEqual(viaWebCrypto);
    }
  });

  it("signs tokens verifyToken accepts with its secret and rejects with another", async () => {
    const { token } = await createNodeSigner("another-secret")(
      { sub: "x", email: "a@b.co" },
      { nowMs: Date.now(), lifetimeSeconds: 60 },
    );
    await expect(
      verifyToken(token, { secret: "another-secret", nowMs: Date.now() }),
    ).resolves.toBeDefined();
    await expect(
      verifyToken(token, { secret: DEFAULT_JWT_SECRET, nowMs: Date.now() }),
    ).rejects.toThrow(/signature/);
  });
});
