// `npm run lockfile`: writes package-lock.json with `npm install --package-lock-only`, then adds
// an entry for every optional platform package npm left out, so `npm ci` accepts the lockfile on
// every platform (decision 0005).
//
// Why: the registry this project's machines use serves only the Linux builds of native
// packages (Biome, rolldown, lightningcss…); npm silently drops the others from the lockfile,
// and `npm ci` then refuses it ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). The
// entries added here are what npm writes for a package another platform needs: its version and
// its os / cpu / libc, inferred from the package name as these packages name themselves. On a
// matching machine npm fetches that version by name; elsewhere it skips it.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const LOCKFILE = "package-lock.json";
const OS = [
  "darwin",
  "linux",
  "win32",
  "android",
  "freebsd",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
];
const CPU = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "riscv64",
  "ppc64",
  "s390x",
  "loong64",
  "mips64el",
  "wasm32",
];

/** The lockfile entries npm leaves out, keyed by install path. */
export function missingOptionalEntries(lock) {
  const packages = lock.packages ?? {};
  const missing = new Map();
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
      if (packages[nested] || packages[`node_modules/${name}`]) continue;
      missing.set(`node_modules/${name}`, platformEntry(name, version, entry));
    }
  }
  return missing;
}

function platformEntry(name, version, dependent) {
  const base = name.split("/").pop() ?? name;
  const parts = base.split("-");
  const os = OS.find((candidate) => parts.includes(candidate));
  const cpu = CPU.find((candidate) => parts.includes(candidate));
  return {
    version,
    ...(dependent.dev ? { dev: true } : {}),
    optional: true,
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(os ? { os: [os] } : {}),
    ...(parts.includes("musl")
      ? { libc: ["musl"] }
      : parts.includes("gnu")
        ? { libc: ["glibc"] }
        : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  execFileSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"], {
    stdio: "inherit",
  });
  const lock = JSON.parse(readFileSync(LOCKFILE, "utf8"));
  const missing = missingOptionalEntries(lock);
  for (const [path, entry] of missing) lock.packages[path] = entry;
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(LOCKFILE, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    `[login-mock] ${LOCKFILE}: added ${missing.size} optional platform entries npm left out.`,
  );
}
