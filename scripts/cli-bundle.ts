/**
 * Rolldown plugins for the `login-mock` command's build only (tsdown.config.ts). The command runs
 * in its own process, so what it bundles and how it loads Node's modules is internal to it; the
 * library entries are built without these.
 *
 * - `thirdPartyNotices`: the command bundles @msw/data and what it imports (a cold start that
 *   resolves and compiles hundreds of files otherwise). Bundled code must carry its licences: this
 *   writes THIRD-PARTY-LICENSES.md next to the command, from each bundled package's own
 *   package.json and licence files, and fails the build when a package has no licence file.
 * - `builtinsWithoutFacade`: `import { createServer } from "node:http"` makes Node build an ES
 *   module facade that reads every export of the module, and node:http's exports include lazy
 *   getters (WebSocket, MessageEvent...) that load Node's whole internal undici, http2 and tls
 *   (~40 ms). `process.getBuiltinModule()` returns the same exports without the facade.
 * - `lazyMessageEventBase`: rettime (under @msw/data) defines `class TypedEvent extends
 *   MessageEvent` when it is imported, and `MessageEvent` is one of those lazy globals. This
 *   defers reading it to the first event constructed (a collection update), not the import.
 */

import { readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, sep } from "node:path";
import type { Plugin } from "rolldown";
import { parseSync } from "rolldown/utils";

/** Where the notices are written, relative to the command's output folder. */
export const NOTICES_FILE = "THIRD-PARTY-LICENSES.md";

const NODE_MODULES = `${sep}node_modules${sep}`;
const LICENCE_FILE = /^(licen[cs]e|notice|copying)(\..*)?$/i;

interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly homepage: string | undefined;
  readonly files: readonly { readonly name: string; readonly text: string }[];
}

/** The package folder a bundled module id belongs to, or undefined for our own code. */
function packageRootOf(id: string): string | undefined {
  const at = id.lastIndexOf(NODE_MODULES);
  if (at === -1) return undefined;
  const rest = id.slice(at + NODE_MODULES.length).split(sep);
  const nameParts = rest[0]?.startsWith("@") ? 2 : 1;
  return id.slice(0, at + NODE_MODULES.length) + rest.slice(0, nameParts).join(sep);
}

function readPackage(root: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    license?: string;
    homepage?: string;
    repository?: string | { url?: string };
  };
  const repository =
    typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
  const files = readdirSync(root)
    .filter((name) => LICENCE_FILE.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(root, name), "utf8").trim() }));
  if (files.length === 0) {
    throw new Error(
      `[login-mock] ${manifest.name} is bundled into the CLI but ships no LICENSE file: its notice cannot be reproduced. Keep it external or add its licence text by hand.`,
    );
  }
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? "see below",
    homepage: manifest.homepage ?? repository?.replace(/^git\+/, "").replace(/\.git$/, ""),
    files,
  };
}

function renderNotices(packages: readonly BundledPackage[]): string {
  const lines = [
    "# Third-party licences",
    "",
    "The `login-mock` command (dist/cli) bundles the following packages, tree-shaken. Their",
    "licences and notices follow, as each package ships them. The library entries (dist/*.js)",
    "bundle none: they import their dependencies from node_modules.",
    "",
    ...packages.map((p) => `- ${p.name} ${p.version} (${p.license})`),
  ];
  for (const p of packages) {
    lines.push("", `## ${p.name} ${p.version}`, "");
    lines.push(`License: ${p.license}${p.homepage ? `. Source: ${p.homepage}` : ""}`);
    for (const file of p.files) lines.push("", `### ${file.name}`, "", "```text", file.text, "```");
  }
  return `${lines.join("\n")}\n`;
}

export function thirdPartyNotices(): Plugin {
  return {
    name: "login-mock:third-party-notices",
    generateBundle(_options, bundle) {
      const roots = new Set<string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        for (const id of chunk.moduleIds) {
          const root = packageRootOf(id);
          if (root) roots.add(root);
        }
      }
      const packages = [...roots]
        .map(readPackage)
        .sort((a, b) => a.name.localeCompare(b.name, "en"));
      if (packages.length === 0) return;
      this.emitFile({ type: "asset", fileName: NOTICES_FILE, source: renderNotices(packages) });
    },
  };
}

/**
 * Rewrites the static imports of Node built-ins in every chunk but the entry into
 * `process.getBuiltinModule()` calls. The entry is left alone: it checks the Node version before
 * anything else, and a Node too old for `getBuiltinModule` must still get that message.
 */
export function builtinsWithoutFacade(): Plugin {
  return {
    name: "login-mock:builtins-without-facade",
    renderChunk(code, chunk) {
      if (chunk.isEntry) return null;
      const { program, errors } = parseSync(chunk.fileName, code);
      if (errors.length > 0) throw new Error(`[login-mock] cannot parse ${chunk.fileName}`);
      const edits: { start: number; end: number; text: string }[] = [];
      for (const statement of program.body) {
        if (statement.type !== "ImportDeclaration") continue;
        const source = statement.source.value;
        if (!source.startsWith("node:") || !isBuiltin(source)) continue;
        if (statement.importKind === "type") continue;
        const load = `process.getBuiltinModule(${JSON.stringify(source)})`;
        const named: string[] = [];
        const whole: string[] = [];
        for (const specifier of statement.specifiers) {
          if (specifier.type === "ImportSpecifier") {
            const imported =
              specifier.imported.type === "Identifier"
                ? specifier.imported.name
                : JSON.stringify(specifier.imported.value);
            named.push(
              imported === specifier.local.name ? imported : `${imported}: ${specifier.local.name}`,
            );
          } else whole.push(specifier.local.name);
        }
        const declarations = [
          ...whole.map((local) => `const ${local} = ${load};`),
          ...(named.length > 0 ? [`const { ${named.join(", ")} } = ${load};`] : []),
        ];
        edits.push({
          start: statement.start,
          end: statement.end,
          text: declarations.length > 0 ? declarations.join(" ") : `${load};`,
        });
      }
      if (edits.length === 0) return null;
      let rewritten = code;
      for (const { start, end, text } of edits.reverse()) {
        rewritten = rewritten.slice(0, start) + text + rewritten.slice(end);
      }
      return { code: rewritten, map: null };
    },
  };
}

// rettime's build, as it defines the class (checked: a rettime release that changes this fails
// the build here instead of shipping the slow import unnoticed).
const TYPED_EVENT = "var TypedEvent = class extends MessageEvent {";

export function lazyMessageEventBase(): Plugin {
  return {
    name: "login-mock:lazy-message-event-base",
    transform: {
      filter: { id: /[\\/]node_modules[\\/]rettime[\\/]build[\\/]index\.mjs$/ },
      handler(code, id) {
        const at = code.indexOf(TYPED_EVENT);
        if (at === -1 || code.indexOf(TYPED_EVENT, at + 1) !== -1) {
          throw new Error(
            `[login-mock] ${id} no longer defines TypedEvent as expected: update lazyMessageEventBase in scripts/cli-bundle.ts.`,
          );
        }
        const { program } = parseSync(id, code);
        const declaration = program.body.find(
          (statement) =>
            statement.type === "VariableDeclaration" &&
            statement.declarations.length === 1 &&
            statement.declarations[0]?.id.type === "Identifier" &&
            statement.declarations[0].id.name === "TypedEvent",
        );
        const init =
          declaration?.type === "VariableDeclaration" ? declaration.declarations[0]?.init : null;
        if (!declaration || init?.type !== "ClassExpression" || declaration.start !== at) {
          throw new Error(`[login-mock] cannot find rettime's TypedEvent class in ${id}.`);
        }
        const classSource = code.slice(init.start, init.end);
        // A constructor standing in for the class: the first `new` defines the real class (and
        // so reads `MessageEvent`), then puts it under this one's prototype, so instances,
        // `instanceof` and subclasses behave as with the original.
        const replacement = `var TypedEvent = /* @__PURE__ */ (() => {
\tlet Real;
\tfunction TypedEvent(...args) {
\t\tif (new.target === void 0) throw new TypeError("Class constructor TypedEvent cannot be invoked without 'new'");
\t\tif (Real === void 0) {
\t\t\tReal = ${classSource};
\t\t\tObject.setPrototypeOf(TypedEvent.prototype, Real.prototype);
\t\t\tObject.setPrototypeOf(TypedEvent, Real);
\t\t}
\t\treturn Reflect.construct(Real, args, new.target);
\t}
\treturn TypedEvent;
})();`;
        return {
          code: code.slice(0, declaration.start) + replacement + code.slice(declaration.end),
          map: null,
        };
      },
    },
  };
}
