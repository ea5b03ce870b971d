// One story per login state of the sample app, each in its own mock session
// (`parameters.loginMock`, applied by login-mock/storybook's loader before the story renders).
// The stories run the app's own code: `logIn` (examples/app/src/login.ts) for the form,
// `checkSession` (session-check.ts) for "am I still signed in?".
import type { Meta, StoryObj } from "@storybook/html-vite";
import type { LoginMockLoaded, LoginMockParameters } from "login-mock/storybook";
import { type LoginView, logIn, type Variant } from "../../app/src/login.ts";
import { checkSession } from "../../app/src/session-check.ts";

const BASE_URLS: Record<Variant, string> = {
  talkstack: "http://127.0.0.1:4010",
  seamless: "http://127.0.0.1:4011",
};

/** The result section as the sample app renders it: `data-state`, a headline, a message. */
function show(result: HTMLElement, view: { state: string; headline: string; message: string }) {
  const headline = Object.assign(document.createElement("h2"), { textContent: view.headline });
  headline.dataset.testid = "headline";
  const message = Object.assign(document.createElement("p"), { textContent: view.message });
  message.dataset.testid = "message";
  result.replaceChildren(headline, message);
  result.dataset.state = view.state;
}

/** The app's login form for `variant`, submitted at once with `fields`: the view `logIn` gives. */
function loginForm(variant: Variant, fields: Record<string, string>): HTMLElement {
  const root = document.createElement("main");
  const form = document.createElement("form");
  form.className = "login";
  for (const [name, value] of Object.entries(fields))
    form.append(Object.assign(document.createElement("input"), { name, value }));
  const result = Object.assign(document.createElement("section"), { id: "result" });
  result.dataset.state = "pending";
  root.append(form, result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const sent = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const view: LoginView = await logIn(variant, {
      baseUrl: BASE_URLS[variant],
      fields: sent,
      headers: {},
      timeoutMs: 5000,
    });
    show(result, view);
  });
  queueMicrotask(() => form.requestSubmit());
  return root;
}

/** "Am I signed in?" with the token the loader's login got, if any: the app's session view. */
function sessionView(loaded: Record<string, unknown>): HTMLElement {
  const token = (loaded.loginMock as LoginMockLoaded).signedIn?.token;
  const result = Object.assign(document.createElement("section"), { id: "result" });
  result.dataset.state = "pending";
  checkSession({ baseUrl: BASE_URLS.talkstack, bearer: token, headers: {}, timeoutMs: 5000 }).then(
    (view) => show(result, { ...view, message: view.details.join("; ") }),
  );
  return result;
}

const seamless = {
  email: "user@example.com",
  password: "securePassword123",
  recaptchaVal: "recaptcha_token_from_google",
};

const meta = { title: "Login states" } satisfies Meta;
export default meta;

type Story = StoryObj & { parameters?: { loginMock?: LoginMockParameters } };

export const SignedOut: Story = {
  render: (_args, { loaded }) => sessionView(loaded),
};

export const SignedIn: Story = {
  parameters: { loginMock: { api: "talkstack", signedIn: true } },
  render: (_args, { loaded }) => sessionView(loaded),
};

export const WrongPassword: Story = {
  render: () => loginForm("seamless", { ...seamless, password: "not-the-password" }),
};

export const ServerError: Story = {
  parameters: { loginMock: { api: "seamless", scenario: "server-error" } },
  render: () => loginForm("seamless", seamless),
};

export const RecaptchaFailed: Story = {
  parameters: { loginMock: { api: "seamless", scenario: "recaptcha-failed" } },
  render: () => loginForm("seamless", seamless),
};

export const SessionExpired: Story = {
  parameters: { loginMock: { api: "talkstack", signedIn: true, clock: { advance: "25h" } } },
  render: (_args, { loaded }) => sessionView(loaded),
};
