/**
 * `node scripts/browser-size.ts [entry] [--check] [--json]`: what login-mock adds to a dev page
 * on top of msw itself, bundled as a consumer's app bundles `login-mock/browser`.
 *
 * Why: the browser budget (ours <= 50 kB gzip) is about our weight, not msw's, so `msw` is
 * external here as in any app that already has it; msw's own browser build is measured apart.
 * The entry is the built `dist/browser.js` when it exists, else the sources (`mocks/browser.ts`).
 * Every export is kept, as if the page used them all: the figure is an upper bound.
 * The budget is what a page loads with `login-mock/browser`: its entry chunk and what that
 * imports statically. Chunks behind a dynamic `import()` load only when a feature asks for them
 * (the store's @msw/data collection on `settled()`, the MSW-mode panel on `panel: true`); each
 * is listed with its size, and the total with every one of them loaded is printed too.
 *
 * Exits 0 unless `--check` is given and the budget is missed or a forbidden package (Faker,
 * GraphQL, a second msw) is in the bundle.
 */
import { existsSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin, type RolldownOutput } from "rolldown";

const BUDGET_GZIP_BYTES = 50_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const topLevelMsw = resolve(root, "node_modules", "msw") + sep;

interface Size {
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

interface Contributor extends Size {
  /** A package name, or a repository path for our own modules. */
  readonly name: string;
  /** Whether it is this repository's code rather than a dependency's. */
  readonly own: boolean;
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const json = args.includes("--json");
const unknownFlag = args.find(
  (arg) => arg.startsWith("--") && arg !== "--check" && arg !== "--json",
);
if (unknownFlag) {
  console.error(
    `[login-mock] Unknown flag ${unknownFlag}. Usage: node scripts/browser-size.ts [entry] [--check] [--json]`,
  );
  process.exit(2);
}

function chooseEntry(): { path: string; why: string } {
  const given = args.find((arg) => !arg.startsWith("--"));
  if (given && !existsSync(given)) {
    console.error(`[login-mock] No file at ${given}. Pass a module to measure, or none for dist/.`);
    process.exit(2);
  }
  if (given) return { path: resolve(given), why: "given on the command line" };
  const built = resolve(root, "dist/browser.js");
  if (existsSync(built)) return { path: built, why: "the build's output" };
  return {
    path: resolve(root, "mocks/browser.ts"),
    why: "the sources: dist/browser.js does not exist (build the package to measure what ships)",
  };
}

const gzip = (code: string) => gzipSync(code).byteLength;
const sizeOf = (code: string): Size => ({
  rawBytes: Buffer.byteLength(code),
  gzipBytes: gzip(code),
});

/** The package a module belongs to (the innermost node_modules wins), or its repository path. */
function ownerOf(id: string): string {
  const path = id.replaceAll("\\", "/");
  const at = path.lastIndexOf("/node_modules/");
  if (at === -1) return id.startsWith("\0") ? id.slice(1) : relative(root, id);
  const [scope = "", name = ""] = path.slice(at + "/node_modules/".length).split("/");
  const pkg = scope.startsWith("@") ? `${scope}/${name}` : scope;
  // A package nested under another one is a second copy: name where it lives.
  const outer = path.slice(0, at).lastIndexOf("/node_modules/");
  return outer === -1 ? pkg : `${pkg} (under ${path.slice(outer + 14, at)})`;
}

/**
 * `msw` and `msw/*` external, as in an app that has msw. Only the app's own copy, though: a
 * dependency's nested msw is a second msw in the page, so it stays in and shows up as forbidden.
 */
const externalMsw: Plugin = {
  name: "external-msw",
  async resolveId(source, importer, options) {
    if (source !== "msw" && !source.startsWith("msw/")) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return !resolved || resolved.id.startsWith(topLevelMsw) ? { id: source, external: true } : null;
  },
};

const virtualEntry = (code: string): Plugin => ({
  name: "virtual-entry",
  resolveId: (source) => (source === "\0entry" ? source : null),
  load: (id) => (id === "\0entry" ? code : null),
});

/** Bundled for the browser and minified, as Vite's production build does. */
function bundle(input: string, plugins: Plugin[]): Promise<RolldownOutput> {
  return build({
    cwd: root,
    input,
    platform: "browser",
    logLevel: "silent",
    plugins,
    transform: { define: { "process.env.NODE_ENV": '"production"' } },
    output: { format: "esm", minify: true },
    write: false,
  });
}

interface LazyChunk extends Size {
  readonly file: string;
  /** Its largest contributors, by package or our file. */
  readonly holds: readonly string[];
}

/** What loads with the page (the entry and its static imports), and each chunk loaded on use. */
function byLoad(output: RolldownOutput): { eager: Size; lazy: LazyChunk[] } {
  const chunks = output.output.filter((file) => file.type === "chunk");
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const eager = new Set<string>();
  const pending = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (eager.has(name)) continue;
    eager.add(name);
    pending.push(...(byName.get(name)?.imports ?? []));
  }
  const eagerCode = chunks
    .filter((chunk) => eager.has(chunk.fileName))
    .map((chunk) => chunk.code)
    .join("");
  const lazy = chunks
    .filter((chunk) => !eager.has(chunk.fileName))
    .map((chunk) => {
      const owners = new Map<string, number>();
      for (const [id, module] of Object.entries(chunk.modules))
        owners.set(ownerOf(id), (owners.get(ownerOf(id)) ?? 0) + (module.code?.length ?? 0));
      const holds = [...owners]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name]) => name);
      return { file: chunk.fileName, holds, ...sizeOf(chunk.code) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { eager: sizeOf(eagerCode), lazy };
}

function totalOf(output: RolldownOutput): Size {
  const code = output.output.map((file) => ("code" in file ? file.code : "")).join("");
  return sizeOf(code);
}

/** Contributors by package (or our file), from each module's tree-shaken, unminified code. */
function contributorsOf(output: RolldownOutput): Contributor[] {
  const groups = new Map<string, { own: boolean; codes: string[] }>();
  for (const file of output.output) {
    if (!("modules" in file)) continue;
    for (const [id, module] of Object.entries(file.modules)) {
      if (!module.code) continue;
      const name = ownerOf(id);
      const group = groups.get(name) ?? { own: !/[\\/]node_modules[\\/]/.test(id), codes: [] };
      group.codes.push(module.code);
      groups.set(name, group);
    }
  }
  return [...groups]
    .map(([name, { own, codes }]) => ({ name, own, ...sizeOf(codes.join("\n")) }))
    .sort((a, b) => b.rawBytes - a.rawBytes);
}

const sum = (items: readonly Contributor[], key: keyof Size) =>
  items.reduce((total, item) => total + item[key], 0);

const FORBIDDEN = [/^@faker-js\/faker/, /^graphql/, /^msw\b/];

const entry = chooseEntry();
const [ours, msw] = await Promise.all([
  bundle(entry.path, [externalMsw]),
  bundle("\0entry", [virtualEntry('export * from "msw/browser";')]),
]);
const oursSize = totalOf(ours);
const loads = byLoad(ours);
const mswSize = totalOf(msw);
const contributors = contributorsOf(ours);
const forbidden = contributors
  .map((contributor) => contributor.name)
  .filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)));
const met = loads.eager.gzipBytes <= BUDGET_GZIP_BYTES && forbidden.length === 0;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

if (json) {
  console.log(
    JSON.stringify(
      {
        entry: relative(root, entry.path),
        entryWhy: entry.why,
        ours: loads.eager,
        oursWithEveryLazyChunk: oursSize,
        lazy: loads.lazy,
        msw: mswSize,
        budget: { gzipBytes: BUDGET_GZIP_BYTES },
        met,
        forbidden,
        ownRawBytes: sum(
          contributors.filter((contributor) => contributor.own),
          "rawBytes",
        ),
        largest: contributors.slice(0, 10),
      },
      null,
      2,
    ),
  );
} else {
  const line = (label: string, size: Size) =>
    `${label.padEnd(44)} ${kB(size.rawBytes).padStart(10)} raw ${kB(size.gzipBytes).padStart(10)} gzip`;
  console.log(`[login-mock] browser size of ${relative(root, entry.path)} (${entry.why})`);
  console.log("  minified, msw external, every export kept; kB = 1000 bytes\n");
  console.log(line("login-mock/browser, loaded with the page", loads.eager));
  for (const chunk of loads.lazy)
    console.log(line(`  + on use: ${chunk.holds.join(", ")}`.slice(0, 44), chunk));
  console.log(line("everything, every lazy chunk loaded", oursSize));
  console.log(line("msw/browser alone (msw's cost, not ours)", mswSize));
  console.log(
    `\n  target: ours loaded with the page <= ${kB(BUDGET_GZIP_BYTES)} gzip: ${met ? "met" : "NOT MET"}` +
      (loads.eager.gzipBytes > BUDGET_GZIP_BYTES
        ? ` (${kB(loads.eager.gzipBytes - BUDGET_GZIP_BYTES)} over)`
        : ""),
  );
  if (forbidden.length > 0)
    console.log(`  must not be in the browser bundle: ${forbidden.join(", ")}`);
  console.log("\n  largest contributors (tree-shaken, before minifying; gzip of each alone):");
  for (const { name, rawBytes, gzipBytes } of contributors.slice(0, 10))
    console.log(
      `    ${name.padEnd(56)} ${kB(rawBytes).padStart(10)} ${kB(gzipBytes).padStart(10)}`,
    );
  const own = contributors.filter((contributor) => contributor.own);
  console.log(
    `    ${"(this repository's own modules, together)".padEnd(56)} ${kB(sum(own, "rawBytes")).padStart(10)}`,
  );
  if (own.some((contributor) => contributor.name.startsWith("dist/")))
    console.log("\n  (dist/ is one module here: pass mocks/browser.ts for a per-file breakdown)");
}

if (check && !met) process.exit(1);
