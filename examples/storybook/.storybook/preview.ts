// Every story in a mock session of its own, set up before it renders (login-mock/storybook).
import type { Preview } from "@storybook/html-vite";
import { createHandlers, defaultMock } from "login-mock/browser";
import { loginMockDecorator, loginMockLoader } from "login-mock/storybook";
import { HttpResponse, http } from "msw";
import { setupWorker } from "msw/browser";

// The sample app asks `GET /__mock/whoami` whether its session holds, which only the standalone
// server answers: here a handler of our own asks the in-page mock, in the story's session.
const whoami = http.get("*/__mock/whoami", async ({ request, cookies }) =>
  HttpResponse.json(
    await defaultMock.whoami(defaultMock.session(cookies["mock-session"] ?? null), {
      cookie: null,
      authorization: request.headers.get("authorization"),
    }),
  ),
);

const preview: Preview = {
  loaders: [loginMockLoader({ worker: setupWorker(...createHandlers(defaultMock), whoami) })],
  decorators: [loginMockDecorator],
};

export default preview;
