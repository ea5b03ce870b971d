/**
 * Colour for the console runner, only where a person watches it: stdout is a terminal that has
 * colours and NO_COLOR is unset (https://no-color.org). CI logs, pipes and files get plain text,
 * so a log search for "✗ set-cookie" finds the line as printed.
 */

export interface Paint {
  readonly pass: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly note: (text: string) => string;
  readonly dim: (text: string) => string;
}

const same = (text: string) => text;

export const PLAIN: Paint = { pass: same, fail: same, note: same, dim: same };

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

const COLOURED: Paint = {
  pass: sgr(32, 39),
  fail: sgr(31, 39),
  note: sgr(33, 39),
  dim: sgr(2, 22),
};

/** Colours for `stream` when it is a colour terminal and the user has not opted out. */
export function paintFor(
  stream: { readonly isTTY?: boolean; hasColors?: () => boolean },
  env: NodeJS.ProcessEnv = process.env,
): Paint {
  // hasColors() reads FORCE_COLOR, NODE_DISABLE_COLORS and TERM; NO_COLOR is checked here too,
  // since only a non-empty value counts.
  const wanted = stream.isTTY === true && !env.NO_COLOR && (stream.hasColors?.() ?? false);
  return wanted ? COLOURED : PLAIN;
}
