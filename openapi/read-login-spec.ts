/**
 * Node only: a login API from a spec file on disk, YAML or JSON, as `login-mock serve
 * ./my-login.yaml` reads it. Bounded: a spec over MAX_SPEC_BYTES is refused before parsing.
 *
 * @example
 * import { createLoginMock, createHandlers } from "login-mock";
 * import { readLoginSpec } from "login-mock/node";
 * const mock = createLoginMock({ apis: [await readLoginSpec("./my-login.yaml")] });
 * const server = setupServer(...createHandlers(mock));
 */
import { readFile, stat } from "node:fs/promises";
import type { LoginApi } from "./login-api.ts";
import { LoginSpecError } from "./login-spec-error.ts";

/** The largest spec file read: login specs are a few tens of kB. */
export const MAX_SPEC_BYTES = 5 * 1024 * 1024;

export async function readLoginSpec(file: string): Promise<LoginApi> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_SPEC_BYTES) {
      throw new LoginSpecError(
        file,
        "",
        `the file is ${size} bytes`,
        `Keep a spec under ${MAX_SPEC_BYTES} bytes.`,
      );
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof LoginSpecError) throw error;
    throw new LoginSpecError(
      file,
      "",
      `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      "Check the path.",
    );
  }
  // Loaded here, not on import: `login-mock/node` users who never read a spec pay nothing for
  // a YAML parser and a schema compiler.
  const [{ parse }, { loginApiFromDocument }] = await Promise.all([
    import("yaml"),
    import("./compile-login-api.ts"),
  ]);
  let document: unknown;
  try {
    // `maxAliasCount` bounds YAML alias expansion ("billion laughs").
    document = parse(text, { maxAliasCount: 1000, prettyErrors: true });
  } catch (error) {
    throw new LoginSpecError(
      file,
      "",
      `the file does not parse as YAML or JSON: ${(error as Error).message}`,
      "Fix the syntax at the line shown.",
    );
  }
  return loginApiFromDocument(document, file);
}
