import { parseSetCookie } from "../set-cookie.ts";
import type { Check } from "./check.ts";
import { expectedFacts, statusFacts } from "./check.ts";

export const responseHeaders: Check = {
  name: "response-headers",
  needsRightStatus: true,
  rule: "Every header the spec marks required for the status is present and matches its schema.",
  run(input) {
    const facts = statusFacts(input);
    if (!facts) return null;
    const { headers, setCookies } = input.exchange.response;
    const violations: string[] = [];
    for (const header of facts.headers) {
      const lower = header.name.toLowerCase();
      const values =
        lower === "set-cookie" ? setCookies : [headers.get(lower)].filter((v) => v !== undefined);
      if (values.length === 0) {
        if (header.required) violations.push(`required header ${header.name} is missing`);
        continue;
      }
      const errors = values.map(header.errors);
      if (errors.every((list) => list.length > 0))
        violations.push(`${header.name}: ${errors[0]?.join("; ")}`);
    }
    return violations;
  },
};

/** RFC 6265 attributes (plus two widely used extensions); anything else is a sign of folding. */
const KNOWN_ATTRIBUTES = new Set([
  "expires",
  "max-age",
  "domain",
  "path",
  "secure",
  "httponly",
  "samesite",
  "partitioned",
  "priority",
]);

export const setCookieContract: Check = {
  name: "set-cookie",
  rule: "The documented cookie arrives in its own Set-Cookie header with every documented attribute (RFC 6265).",
  run(input) {
    // The cookie the right status documents. A success by another status (a 201 for a 200)
    // owes the expected response's cookie too; a refusal (a 401 for a 200) is reported as the
    // wrong status only, and a 200 where a 4xx belongs is not judged as a 200.
    const answered = input.rightStatus ? statusFacts(input)?.cookie : undefined;
    const { status } = input.exchange.response;
    const expected = input.expected?.status;
    const sameClass =
      expected !== undefined && Math.floor(expected / 100) === Math.floor(status / 100);
    const contract = answered ?? (sameClass ? expectedFacts(input)?.cookie : undefined);
    if (!contract) return null;
    const lines = input.exchange.response.setCookies;
    const mine = lines.map(parseSetCookie).filter((cookie) => cookie?.name === contract.name);
    if (mine.length === 0)
      return [
        `no Set-Cookie header sets \`${contract.name}\` (${lines.length} Set-Cookie header(s) in all)${answered ? "" : `; the spec documents it on the ${input.expected?.status} this request should get, not on ${input.exchange.response.status}`}`,
      ];
    if (mine.length > 1)
      return [`\`${contract.name}\` is set ${mine.length} times in one response`];
    const cookie = mine[0];
    if (!cookie) return [];
    const violations: string[] = [];
    const attribute = (name: string) => cookie.attributes.get(name);
    for (const name of cookie.attributes.keys()) {
      if (!KNOWN_ATTRIBUTES.has(name))
        violations.push(
          `unknown attribute "${name}": two cookies folded into one Set-Cookie line? Send each in its own header`,
        );
    }
    for (const [name, value] of cookie.attributes) {
      if (value.includes(",") && name !== "expires")
        violations.push(
          `attribute ${name} holds "${value}": a comma-joined second cookie? Send each in its own header`,
        );
    }
    if (cookie.repeated.length)
      violations.push(`attributes repeated: ${cookie.repeated.join(", ")}`);
    if (contract.httpOnly && attribute("httponly") === undefined)
      violations.push("HttpOnly is missing: page scripts could read the token");
    if (contract.secure && attribute("secure") === undefined) violations.push("Secure is missing");
    const sameSite = attribute("samesite");
    if (sameSite?.toLowerCase() !== contract.sameSite.toLowerCase())
      violations.push(
        `SameSite is ${sameSite === undefined ? "missing" : `"${sameSite}"`}, documented "${contract.sameSite}"`,
      );
    const path = attribute("path");
    if (path !== contract.path)
      violations.push(
        `Path is ${path === undefined ? "missing" : `"${path}"`}, documented "${contract.path}"`,
      );
    const maxAge = attribute("max-age");
    const expires = attribute("expires");
    if (maxAge !== undefined) {
      if (Number(maxAge) !== contract.maxAgeSeconds)
        violations.push(`Max-Age is ${maxAge}, documented ${contract.maxAgeSeconds}`);
    } else if (expires !== undefined) {
      const lifetime = (Date.parse(expires) - input.nowMs) / 1000;
      if (
        !Number.isFinite(lifetime) ||
        Math.abs(lifetime - contract.maxAgeSeconds) > input.settings.jwtLeewaySeconds
      )
        violations.push(`Expires "${expires}" is not ${contract.maxAgeSeconds} s from now`);
    } else {
      violations.push(
        `neither Max-Age nor Expires: a session cookie, documented ${contract.maxAgeSeconds} s`,
      );
    }
    if (contract.value === "jwt" && cookie.value.split(".").length !== 3)
      violations.push("the cookie's value is not a compact JWT (three dot-separated parts)");
    return violations;
  },
};
