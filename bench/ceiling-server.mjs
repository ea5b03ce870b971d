// The benchmark's ceiling: the least a Node HTTP server can do for a login — read the whole
// request body, answer fixed bytes. bench/run.ts hands it, in CEILING_REPLIES, the exact replies
// the mock gave to the bench's two requests (status, headers including Set-Cookie, body): a
// request whose body equals the error request's gets the error reply, any other the success
// reply. So the ratio measures the mock's work, not a difference in payload, status or headers.
import { createServer } from "node:http";

if (!process.env.CEILING_REPLIES)
  throw new Error("CEILING_REPLIES is unset: start the ceiling through bench/load-target.ts");
const replies = JSON.parse(process.env.CEILING_REPLIES);
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
const error = toReply(replies.error);
const errorRequest = replies.error.request;
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
