/**
 * JSON pointers (RFC 6901) as a login spec uses them: where the token, the profile or an expiry
 * goes in a success body. A pointer is parsed once into its tokens and kept (specs hold a few
 * dozen), so reading and writing on the login path walk an array, not a string.
 */

/** `/paths/~1auth~1login/post`: a JSON pointer from its unescaped tokens. */
export function pointerOf(...tokens: readonly (string | number)[]): string {
  return tokens
    .map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`)
    .join("");
}

const parsed = new Map<string, readonly string[]>();

/** The unescaped tokens of `pointer`: `/a~1b/c` → `["a/b", "c"]`. */
export function tokensOf(pointer: string): readonly string[] {
  let tokens = parsed.get(pointer);
  if (!tokens) {
    tokens =
      pointer === ""
        ? []
        : pointer
            .slice(1)
            .split("/")
            .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"));
    // Bounded: the pointers of the specs loaded, plus whatever a caller asks for once.
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(pointer, tokens);
  }
  return tokens;
}

/** The value a JSON pointer names in `root`, or undefined. */
export function readPointer(root: unknown, pointer: string): unknown {
  const tokens = tokensOf(pointer);
  let node = root;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string;
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * A copy of `root` with the value at `pointer` set, every object and array on the way copied
 * (an array stays an array: `/tokens/0/v` writes into a copy of the array's first item).
 */
export function writePointer(root: unknown, pointer: string, value: unknown): unknown {
  return writeAt(root, tokensOf(pointer), 0, value);
}

function writeAt(node: unknown, tokens: readonly string[], index: number, value: unknown): unknown {
  if (index === tokens.length) return value;
  const token = tokens[index] as string;
  const copy = shallowCopy(node);
  setOwn(copy, token, writeAt(readOwn(copy, token), tokens, index + 1, value));
  return copy;
}

function readOwn(node: Record<string, unknown>, token: string): unknown {
  return Object.hasOwn(node, token) ? node[token] : undefined;
}

/** `node[token] = value`, except that `__proto__` becomes an own key, not the prototype. */
function setOwn(node: Record<string, unknown>, token: string, value: unknown): void {
  if (token === "__proto__")
    Object.defineProperty(node, token, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else node[token] = value;
}

/** A copy of an object or an array (kept an array), or a new object for anything else. */
function shallowCopy(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.slice() as unknown as Record<string, unknown>;
  return node !== null && typeof node === "object" ? { ...(node as Record<string, unknown>) } : {};
}

/**
 * A copy of `root` with every `[pointer, value]` written in order, each object or array on the
 * way copied once however many writes pass through it (a success body gets its token, expiry,
 * refresh token and profile in one pass).
 */
export function writePointers(
  root: unknown,
  writes: readonly (readonly [string, unknown])[],
): unknown {
  return writeTokens(
    root,
    writes.map(([pointer, value]) => [tokensOf(pointer), value] as const),
  );
}

/**
 * `writePointers` with the pointers already parsed: the login path's form, where the writes
 * of a spec are known when it loads and only the values change.
 */
export function writeTokens(
  root: unknown,
  writes: readonly (readonly [readonly string[], unknown])[],
): unknown {
  // The objects this call made, so a second write through one does not copy it again. A
  // success body has a handful: a list beats a Set's hashing here.
  const copies: object[] = [];
  const own = (node: unknown): Record<string, unknown> => {
    if (node !== null && typeof node === "object" && copies.includes(node))
      return node as Record<string, unknown>;
    const copy = shallowCopy(node);
    copies.push(copy);
    return copy;
  };
  let result: unknown = root;
  for (let w = 0; w < writes.length; w++) {
    const [tokens, value] = writes[w] as readonly [readonly string[], unknown];
    if (tokens.length === 0) {
      result = value;
      continue;
    }
    const top = own(result);
    result = top;
    let node = top;
    for (let index = 0; index < tokens.length - 1; index++) {
      const token = tokens[index] as string;
      const child = own(readOwn(node, token));
      setOwn(node, token, child);
      node = child;
    }
    setOwn(node, tokens[tokens.length - 1] as string, value);
  }
  return result;
}
