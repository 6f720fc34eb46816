// Forwards every request to TARGET with `Authorization: Bearer <token from TOKEN_FILE>` added: the official
// conformance suite's server mode connects without credentials, so it reaches /mcp through this.
// Usage: npx tsx scripts/mcp-auth-proxy.ts TARGET_ORIGIN TOKEN_FILE PORT
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';

const [target = '', tokenFile = '', port = '0'] = process.argv.slice(2);
const token = readFileSync(tokenFile, 'utf8').trim();
const upstream = new URL(target);
createServer((req, res) => {
  const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const forward = request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  forward.on('error', () => res.writeHead(502).end());
  req.pipe(forward);
}).listen(Number(port), '127.0.0.1');
