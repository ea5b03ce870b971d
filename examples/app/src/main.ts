/**
 * The sample app's entry. In development, `?mode=msw` (the default) starts the MSW service
 * worker first, as the README's "In the browser" steps say; `?mode=server` talks to `npm start`'s
 * server on other ports, with credentials, as it would to the vendor. A production build has no
 * mocks and no scenario picker: it always talks to a server. `?talkstack=URL&seamless=URL` move
 * the servers; `?timeout=MS` sets the client timeout (default 5000).
 */
import { type LoginView, logIn, type Variant } from "./login.ts";
import { startMocks } from "./start-mocks.ts";

const params = new URLSearchParams(location.search);
const mode = import.meta.env.DEV && params.get("mode") !== "server" ? "msw" : "server";
const baseUrls: Record<Variant, string> = {
  talkstack: params.get("talkstack") ?? "http://127.0.0.1:4010",
  seamless: params.get("seamless") ?? "http://127.0.0.1:4011",
};
const timeoutMs = Number(params.get("timeout") ?? 5000);

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;

/** Lists the catalogue's scenarios in development; removes the picker from a production page. */
async function fillScenarioPicker(): Promise<void> {
  const picker = $<HTMLSelectElement>("#scenario");
  // Inside the `if`, so a production build drops login-mock's catalogue with it.
  if (import.meta.env.DEV) {
    const { SCENARIOS } = await import("login-mock");
    for (const name of [...new Set(SCENARIOS.map((scenario) => scenario.name))])
      picker.add(new Option(name, name));
  } else picker.closest("label")?.remove();
}

function render(view: LoginView): void {
  const result = $<HTMLElement>("#result");
  result.dataset.state = view.state;
  result.replaceChildren();
  const headline = document.createElement("h2");
  headline.dataset.testid = "headline";
  headline.textContent = view.headline;
  const message = document.createElement("p");
  message.dataset.testid = "message";
  message.textContent = view.message;
  const body = document.createElement("pre");
  body.textContent = typeof view.body === "string" ? view.body : JSON.stringify(view.body, null, 2);
  result.append(headline, message, body);
}

for (const form of document.querySelectorAll<HTMLFormElement>("form.login")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const variant = form.dataset.variant as Variant;
    const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const scenario = document.querySelector<HTMLSelectElement>("#scenario")?.value;
    $<HTMLElement>("#result").dataset.state = "pending";
    render(
      await logIn(variant, {
        baseUrl: baseUrls[variant],
        fields,
        headers: scenario ? { "x-mock-scenario": scenario } : {},
        timeoutMs,
      }),
    );
  });
}

await Promise.all([mode === "msw" ? startMocks() : undefined, fillScenarioPicker()]);
$<HTMLElement>("#mode").textContent =
  mode === "msw"
    ? "MSW service worker (in this tab)"
    : `standalone server (${baseUrls.talkstack}, ${baseUrls.seamless})`;
document.body.dataset.ready = "true";
