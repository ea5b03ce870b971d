import { describe, expect, it } from "vitest";
import { createLoginMock } from "../mocks/core/login-mock.ts";
import { SEAMLESS_DEMO, TALKSTACK_DEMO } from "../mocks/store/demo-accounts.ts";
import { seedUsers } from "../mocks/store/seed.ts";
import { createUserStore, createUserTables } from "../mocks/store/user-store.ts";

function seamlessLogin(email: string = SEAMLESS_DEMO.john.email) {
  return {
    contentType: "application/json",
    bodyText: JSON.stringify({ email, password: SEAMLESS_DEMO.john.password, recaptchaVal: "x" }),
    prefer: null,
    scenario: null,
  };
}

describe("the seeded user store", () => {
  it("gives byte-identical data for the same seed", () => {
    expect(createUserStore(42).snapshot()).toBe(createUserStore(42).snapshot());
  });

  it("gives different crowds for different seeds, with the same demo accounts", () => {
    const a = createUserStore(1);
    const b = createUserStore(2);
    expect(a.snapshot()).not.toBe(b.snapshot());
    expect(b.findTalkStackAccount(TALKSTACK_DEMO.documented.email)?.profile.name).toBe("John");
  });

  it("seeds the vendor documents' own example users", () => {
    const store = createUserStore();
    expect(store.findSeamlessAccount("user@example.com")?.password).toBe("securePassword123");
    expect(store.findSeamlessAccount("john@example.com")?.config.agentLoginDetails.loginCount).toBe(
      42,
    );
    expect(store.findTalkStackAccount("example@host.com")?.verified).toBe(true);
  });

  it("seeds realistic generated users besides the demo accounts", () => {
    const { talkstack, seamless } = JSON.parse(createUserStore(3).snapshot());
    expect(talkstack.length).toBeGreaterThan(10);
    expect(seamless.length).toBeGreaterThan(10);
  });

  it("finds accounts whatever the case of the email", () => {
    const store = createUserStore();
    expect(store.findSeamlessAccount("  John@Example.COM ")?.config._id).toBe(
      "507f1f77bcf86cd799439011",
    );
  });

  it("raises loginCount by exactly N after N successful logins, and sets lastLogin", async () => {
    const mock = createLoginMock();
    const before = mock.store.findSeamlessAccount(SEAMLESS_DEMO.john.email)?.config
      .agentLoginDetails;
    for (let i = 0; i < 7; i++) await mock.handle("seamless", seamlessLogin());
    const after = mock.store.findSeamlessAccount(SEAMLESS_DEMO.john.email)?.config
      .agentLoginDetails;
    expect(after?.loginCount).toBe((before?.loginCount ?? 0) + 7);
    expect(Date.parse(after?.lastLogin ?? "")).toBeGreaterThan(Date.parse(before?.lastLogin ?? ""));
    // Logins reach the database lazily; a read of the database itself sees all seven.
    const stored = JSON.parse(mock.store.snapshot()) as {
      seamless: { config: { email: string; agentLoginDetails: { loginCount: number } } }[];
    };
    const john = stored.seamless.find(
      (account) => account.config.email === SEAMLESS_DEMO.john.email,
    );
    expect(john?.config.agentLoginDetails).toEqual(after);
  });

  it("refuses a login the spec rejects, and keeps the stored account", () => {
    const store = createUserStore();
    const before = store.findSeamlessAccount(SEAMLESS_DEMO.john.email);
    store.recordSeamlessLogin(SEAMLESS_DEMO.john.email, "yesterday");
    expect(() => store.snapshot()).toThrow(
      /config\.agentLoginDetails\.lastLogin must match format "date-time"/,
    );
    expect(store.findSeamlessAccount(SEAMLESS_DEMO.john.email)).toEqual(before);
  });

  it("raises loginCount by exactly K for K concurrent logins", async () => {
    const mock = createLoginMock();
    await Promise.all(Array.from({ length: 50 }, () => mock.handle("seamless", seamlessLogin())));
    expect(
      mock.store.findSeamlessAccount(SEAMLESS_DEMO.john.email)?.config.agentLoginDetails.loginCount,
    ).toBe(42 + 50);
  });

  it("does not count failed logins", async () => {
    const mock = createLoginMock();
    await mock.handle("seamless", { ...seamlessLogin(), bodyText: '{"email":"john@example.com"}' });
    expect(
      mock.store.findSeamlessAccount(SEAMLESS_DEMO.john.email)?.config.agentLoginDetails.loginCount,
    ).toBe(42);
  });

  it("restores the seed on reset, and clears sticky scenarios", async () => {
    const mock = createLoginMock({ seed: 9 });
    const seeded = mock.store.snapshot();
    await mock.handle("seamless", seamlessLogin());
    mock.setScenario("seamless", "server-error");
    expect(mock.store.snapshot()).not.toBe(seeded);
    mock.reset();
    expect(mock.store.snapshot()).toBe(seeded);
    expect(mock.scenario("seamless")).toBeNull();
  });
});

describe("the store's collections", () => {
  const {
    talkstack: [talkstackAccount],
    seamless: [seamlessAccount],
  } = seedUsers(1);
  if (!talkstackAccount || !seamlessAccount) throw new Error("The seed has no demo accounts.");

  it("refuse to create an account whose profile breaks the spec", async () => {
    const tables = createUserTables();
    const profile = { ...talkstackAccount.profile, email: "not-an-email" };
    expect(() => tables.talkstack.insert({ ...talkstackAccount, profile })).toThrow(
      /Refused a TalkStack account .*profile\.email must match format "email"/,
    );
    expect(tables.talkstack.get("not-an-email")).toBeUndefined();
    await tables.talkstack.settled();
    expect(tables.talkstack.collection.count()).toBe(0);
  });

  it("refuse to update an account into one missing a field the spec requires", async () => {
    const tables = createUserTables();
    const email = seamlessAccount.config.email;
    tables.seamless.insert(seamlessAccount);
    const { name: _dropped, ...nameless } = seamlessAccount.config;
    const broken = { ...seamlessAccount, config: nameless } as unknown as typeof seamlessAccount;
    expect(() => tables.seamless.replace(email, broken)).toThrow(
      /config\.name must have required property 'name'/,
    );
    expect(tables.seamless.get(email)).toEqual(seamlessAccount);
    await tables.seamless.settled();
    expect(tables.seamless.collection.all()).toEqual([seamlessAccount]);
  });

  it("write accepted rows through to the @msw/data collection, in order", async () => {
    const tables = createUserTables();
    const [first, second] = seedUsers(1).talkstack;
    if (!first || !second) throw new Error("The seed has too few accounts.");
    tables.talkstack.insert(first);
    tables.talkstack.insert(second);
    const renamed = { ...first, profile: { ...first.profile, name: "Renamed" } };
    tables.talkstack.replace(first.profile.email, renamed);
    expect(tables.talkstack.all()).toEqual([renamed, second]);
    await tables.talkstack.settled();
    expect(tables.talkstack.collection.all()).toEqual([renamed, second]);
  });
});
