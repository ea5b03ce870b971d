/**
 * What names a login API in code: its id (`x-login-mock.id`, or the slug of its title). Any
 * string; the built-in presets' ids are in presets/ids.ts.
 */
export type Variant = string;
