/**
 * Why a login spec cannot be served, said the way a user fixes it: the file, the JSON pointer
 * of the value at fault, and what to write there instead.
 */
export class LoginSpecError extends Error {
  readonly file: string;
  readonly pointer: string;
  readonly fix: string;

  constructor(file: string, pointer: string, problem: string, fix: string) {
    super(`[login-mock] ${file} at ${pointer || "/"}: ${problem}. ${fix}`);
    this.name = "LoginSpecError";
    this.file = file;
    this.pointer = pointer;
    this.fix = fix;
  }
}

/** `/paths/~1auth~1login/post`: a JSON pointer from its unescaped tokens. */
export function pointerOf(...tokens: readonly (string | number)[]): string {
  return tokens
    .map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`)
    .join("");
}

/** The value a JSON pointer names in `root`, or undefined. */
export function readPointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** A copy of `root` with the value at `pointer` set, every object on the way copied. */
export function writePointer(root: unknown, pointer: string, value: unknown): unknown {
  if (pointer === "") return value;
  const [head = "", ...rest] = pointer.slice(1).split("/");
  const token = head.replace(/~1/g, "/").replace(/~0/g, "~");
  const base =
    root !== null && typeof root === "object" && !Array.isArray(root)
      ? (root as Record<string, unknown>)
      : {};
  const inner = rest.length === 0 ? "" : `/${rest.join("/")}`;
  return { ...base, [token]: writePointer(base[token], inner, value) };
}
