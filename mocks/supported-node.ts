/**
 * The oldest Node login-mock runs on. msw 3 needs 22.12 (its `fetch` interception relies on
 * APIs older Nodes lack), and our own code needs nothing newer. `engines` in package.json says
 * the same; a test keeps the two equal.
 */
export const MINIMUM_NODE_VERSION = "22.12.0";

/** One line naming the version needed, or undefined when `version` is new enough. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE_VERSION.split(".").map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `[login-mock] Node ${version} is not supported: login-mock needs Node ${MINIMUM_NODE_VERSION} or newer. Upgrade Node (for example \`nvm install 22\`) and run it again.`;
}
