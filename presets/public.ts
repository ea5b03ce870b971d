/**
 * What the package exports about its built-in presets by name: their demo accounts and their
 * handlers. The package entry re-exports this module whole, so no generic file names a preset.
 */
export { SEAMLESS_DEMO, TALKSTACK_DEMO, UNKNOWN_EMAIL } from "./demo-accounts.ts";
export { seamlessHandlers, talkstackHandlers } from "./handlers.ts";
