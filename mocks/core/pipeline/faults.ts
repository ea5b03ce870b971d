/**
 * Network-level faults QA can force on any login API. They are not responses a spec documents,
 * so no spec holds them; this list is their single declaration.
 */
export const FAULTS = [
  {
    name: "network-error",
    summary: "The connection drops: fetch rejects with a TypeError, no status at all.",
  },
  {
    name: "no-response",
    summary: "The response never arrives; the client's own timeout has to fire.",
  },
  {
    name: "slow-response",
    summary: "The normal response, 3 seconds late (`Prefer: delay=ms` sets any delay).",
  },
  {
    name: "truncated-json",
    summary: "The normal status and headers, with the JSON body cut off halfway.",
  },
] as const;

export type FaultName = (typeof FAULTS)[number]["name"];

/** How late `slow-response` answers. */
export const SLOW_RESPONSE_MS = 3000;

/**
 * The longest any reply is delayed (`Prefer: delay`, `--delay`, `slow-response` together): one
 * minute, longer than any client timeout worth testing, short enough that a delayed request
 * never outlives the server's patience. A longer `Prefer: delay` is clamped to it.
 */
export const MAX_DELAY_MS = 60_000;

export function isFaultName(name: string): name is FaultName {
  return FAULTS.some((fault) => fault.name === name);
}
