/** The control panel's stylesheet, shared with MSW mode's in-page overlay (mocks/panel-style.ts). */
export { PANEL_STYLE } from "../mocks/panel-style.ts";
