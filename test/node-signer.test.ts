import { describe, expect, it } from "vitest";
import { DEFAULT_JWT_SECRET, signToken, verifyToken } from "../mocks/core/jwt.ts";
import { createNodeSigner } from "../server/node-signer.ts";

describe("the server's node:crypto signer", () => {
  it("produces byte-identical tokens to the portable jose signer", async () => {
    const sign = createNodeSigner(DEFAULT_JWT_SECRET);
    for (const [nowMs, lifetimeSeconds] of [
      [1_741_708_178_000, 7200],
      [1_705_401_000_123, 86_400],
      [0, 5],
    ] as const) {
      const claims = { sub: "507f1f77bcf86cd799439011", email: "john@example.com" };
      const viaNode = await sign(claims, { nowMs, lifetimeSeconds });
      const viaJose = await signToken(claims, {
        secret: DEFAULT_JWT_SECRET,
        nowMs,
        lifetimeSeconds,
      });
      expect(viaNode).toEqual(viaJose);
    }
  });

  it("signs tokens jose verifies", async () => {
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
