// The benchmark's ceiling: the least a Node HTTP server can do for a login — read the whole
// request body, answer fixed bytes. bench/run.ts hands it, in CEILING_REPLIES, the exact replies
// the mock gave to the bench's two requests (status, headers including Set-Cookie, body): a
// request whose body equals the error request's gets the error reply, any other the success
// reply. So the ratio measures the mock's work, not a difference in payload, status or headers.
// Without CEILING_REPLIES it answers 200 with CEILING_BODY and CEILING_COOKIE, as before.
import { createServer } from "node:http";

const fallback = {
  success: {
    status: 200,
    headers: [
      ["content-type", "application/json; charset=utf-8"],
      ["set-cookie", process.env.CEILING_COOKIE ?? "token=x"],
    ],
    body: process.env.CEILING_BODY ?? "{}",
  },
};
const replies = process.env.CEILING_REPLIES ? JSON.parse(process.env.CEILING_REPLIES) : fallback;
const toReply = ({ status, headers, body }) => {
  const flat = {};
  for (const [name, value] of headers) {
    if (name !== "set-cookie") flat[name] = value;
    else flat[name] = [...(flat[name] ?? []), value];
  }
  flat["content-length"] = Buffer.byteLength(body);
  return { status, headers: flat, body };
};
const success = toReply(replies.success);
const error = replies.error ? toReply(replies.error) : success;
const errorRequest = replies.error?.request;
const port = Number(process.argv[2] ?? 0);

createServer((request, response) => {
  let received = "";
  request.setEncoding("utf8");
  request.on("data", (chunk) => {
    received += chunk;
  });
  request.on("end", () => {
    const reply = received === errorRequest ? error : success;
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
}).listen(port, "127.0.0.1");

// Exit cleanly on SIGTERM, so `node --cpu-prof` (bench/profile.ts) writes its profile.
process.on("SIGTERM", () => process.exit(0));
