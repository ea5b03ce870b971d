/** Each preset's handlers on its own, backed by the package's `defaultMock`. */
import { defaultMock } from "../mocks/default-mock.ts";
import { createHandlers } from "../mocks/msw/handlers.ts";

export const talkstackHandlers = createHandlers(defaultMock, { variants: ["talkstack"] });
export const seamlessHandlers = createHandlers(defaultMock, { variants: ["seamless"] });
