/**
 * Imported first by `login-mock/node`, before msw: on an old Node, msw fails deep inside with
 * `Promise.withResolvers is not a function`; this stops the import with one line instead.
 */
import { unsupportedNodeMessage } from "./supported-node.ts";

const message = unsupportedNodeMessage(process.versions.node);
if (message) throw new Error(message);
