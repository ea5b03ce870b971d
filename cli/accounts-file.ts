/**
 * `serve --accounts accounts.yaml`: accounts with outcomes of their own, read from a YAML (or
 * JSON) list, each `{identity, secret, answer?, delayMs?, api?}`. Every problem is a usage
 * error `file:line: problem. fix`, on the line of the value at fault. Bounded: a file over
 * MAX_ACCOUNTS_FILE_BYTES is refused before parsing, aliases are capped.
 */
import { readFile, stat } from "node:fs/promises";
import {
  AccountOutcomeError,
  type AccountOutcomeInput,
  MAX_ACCOUNTS_FILE_BYTES,
  MAX_EXTRA_ACCOUNTS,
} from "../mocks/core/index.ts";
import { UsageError } from "./flags.ts";

export interface AccountsFile {
  readonly path: string;
  readonly accounts: readonly AccountOutcomeInput[];
  /** The line (1-based) of account `index`'s `field`, or of the account without one. */
  lineOf(index: number | null, field: string | null): number;
}

const EXAMPLE =
  "- identity: unverified@example.com\n  secret: pw-123\n  answer: <an example of the API>";

/** The file read and parsed into a list; its accounts are checked by `createLoginMock`. */
export async function readAccountsFile(path: string): Promise<AccountsFile> {
  const fail = (line: number, problem: string, fix: string) =>
    new UsageError(`[login-mock] serve --accounts: ${path}:${line}: ${problem}. ${fix}`);
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_ACCOUNTS_FILE_BYTES)
      throw fail(1, `the file is ${size} bytes`, `Keep it under ${MAX_ACCOUNTS_FILE_BYTES} bytes.`);
    text = await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `[login-mock] serve --accounts: ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check the path.`,
    );
  }
  const { LineCounter, parseDocument, isMap, isSeq } = await import("yaml");
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw fail(
      line,
      `does not parse as YAML: ${syntax.message.split("\n")[0]}`,
      "Fix the syntax on that line.",
    );
  }
  const lineAt = (node: unknown, fallback = 1) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : fallback;
  };
  let list: unknown = document.contents;
  // `accounts:` around the list, as the control API's body has it, is fine too.
  if (isMap(list) && list.has("accounts")) list = list.get("accounts", true);
  if (!isSeq(list))
    throw fail(
      lineAt(list),
      "is not a list of accounts",
      `Write one account per list item:\n${EXAMPLE}`,
    );
  const sequence = list;
  let accounts: unknown;
  try {
    // `maxAliasCount` bounds YAML alias expansion ("billion laughs").
    accounts = sequence.toJS(document, { maxAliasCount: 1000 });
  } catch (error) {
    throw fail(
      lineAt(sequence),
      (error as Error).message,
      "Write the accounts out without aliases.",
    );
  }
  if (Array.isArray(accounts) && accounts.length > MAX_EXTRA_ACCOUNTS)
    throw fail(
      lineAt(sequence.items[MAX_EXTRA_ACCOUNTS]),
      `${accounts.length} accounts are more than a session holds`,
      `Keep at most ${MAX_EXTRA_ACCOUNTS}.`,
    );
  return {
    path,
    accounts: accounts as AccountOutcomeInput[],
    lineOf(index, field) {
      if (index === null) return lineAt(sequence);
      const item = sequence.items[index];
      if (field !== null && isMap(item)) {
        const pair = item.items.find(
          (candidate) => (candidate.key as { value?: unknown } | null)?.value === field,
        );
        if (pair) return lineAt(pair.value ?? pair.key, lineAt(item));
      }
      return lineAt(item, lineAt(sequence));
    },
  };
}

/** An AccountOutcomeError from the file's accounts, as `file:line: problem. fix`. */
export function accountsFileError(file: AccountsFile, error: AccountOutcomeError): UsageError {
  const line = file.lineOf(error.index, error.field);
  const field = error.field === null ? "" : `${error.field} `;
  return new UsageError(
    `[login-mock] serve --accounts: ${file.path}:${line}: ${field}${error.problem}. ${error.fix}`,
  );
}

export { AccountOutcomeError };
