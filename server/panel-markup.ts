/**
 * Text to HTML for the control panel. The catalogue's summaries are one-line Markdown: the
 * only markup they use is `code`, so that is the only markup rendered.
 */

/** `text` safe inside HTML text and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Catalogue Markdown as HTML: escaped first, so nothing in it can become a tag, then each
 * `backticked` span becomes <code>. An unpaired backtick stays a backtick.
 *
 * @example renderInlineMarkdown("user in `data` & <b>") === "user in <code>data</code> &#38; &#60;b&#62;"
 */
export function renderInlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}
