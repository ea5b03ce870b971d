/** One request the harness sent and what came back, as the checks see it. */
export interface SentRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ReceivedResponse {
  readonly status: number;
  /** Lower-case names; repeated headers other than Set-Cookie joined by ", " as fetch does. */
  readonly headers: ReadonlyMap<string, string>;
  /** Every Set-Cookie header line, one entry each, exactly as sent. */
  readonly setCookies: readonly string[];
  readonly bodyText: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
  readonly ms: number;
}

export interface Exchange {
  readonly request: SentRequest;
  readonly response: ReceivedResponse;
}
