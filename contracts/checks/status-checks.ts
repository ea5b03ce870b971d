import { type Check, documentedRefusals } from "./check.ts";

export const notAServerError: Check = {
  name: "not-a-server-error",
  rule: "No 5xx, except where the case expects a documented 500.",
  run({ exchange, expected }) {
    const { status } = exchange.response;
    if (status < 500) return [];
    if (expected && expected.status === status) return [];
    return [
      `the server answered ${status}${expected ? `; the spec expects ${expected.status} (${expected.name})` : ""}`,
    ];
  },
};

export const statusCode: Check = {
  name: "status-code",
  rule: "The status is the one the spec documents for this request, whatever its class (for generated invalid input: one of the 4xx it documents).",
  run({ exchange, expected, facts, rightStatus }) {
    // `rightStatus` is the verdict (see `isRightStatus`); what is left is saying why.
    if (rightStatus) return [];
    const { status } = exchange.response;
    if (expected)
      return [
        `got ${status}, the spec documents ${expected.status} (${expected.name}) for this request`,
      ];
    // No expected response: generated invalid input, which the spec answers with one of its
    // 4xx. A documented 500 or 200 is documented, but not for this request.
    return [
      `got ${status} for invalid input; the spec documents ${documentedRefusals(facts).join(", ")} for it${facts.statuses.has(status) ? ` (${status} is documented for other requests)` : ""}`,
    ];
  },
};

export const negativeDataRejection: Check = {
  name: "negative-data-rejection",
  rule: "Invalid input gets a documented 4xx: never a 2xx, never a 5xx.",
  run({ exchange, negative, facts }) {
    if (!negative) return null;
    const { status } = exchange.response;
    if (status >= 200 && status < 300) return [`invalid input was accepted with ${status}`];
    if (status < 400 || status >= 500) return [`invalid input got ${status}, not a 4xx`];
    if (!facts.statuses.has(status))
      return [`invalid input got ${status}, a 4xx the spec does not document`];
    return [];
  },
};

export const responseTime: Check = {
  name: "response-time",
  rule: "The response arrives within the budget (--time-budget MS; off by default).",
  run({ exchange, settings }) {
    const budget = settings.responseTimeBudgetMs;
    if (budget === undefined) return null;
    const ms = Math.round(exchange.response.ms);
    return ms <= budget ? [] : [`took ${ms} ms, the budget is ${budget} ms`];
  },
};
