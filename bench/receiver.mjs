// Webhook receivers for bench/events: one HTTP server, a path per subscriber (/s1 ... /sN). Answers
// 204 at once and records, per delivery, the subscriber, the webhook-id and the lag from the
// event's time to its arrival. GET /stats returns the figures as JSON.
import http from 'node:http';

const port = Number(process.argv[2] ?? 18090);
const seen = new Map(); // path -> Set of webhook-ids
let deliveries = 0;
let duplicates = 0;
let first = 0;
let last = 0;
const lags = [];

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    const sorted = Float64Array.from(lags).sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    const unique = [...seen.values()].reduce((n, s) => n + s.size, 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ deliveries, unique, duplicates, subscribers: seen.size, seconds: (last - first) / 1000,
      lagP50: at(0.5), lagP99: at(0.99), lagMax: at(1) }));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    res.writeHead(204);
    res.end();
    deliveries++;
    first = first || now;
    last = now;
    const id = req.headers['webhook-id'];
    const ids = seen.get(req.url) ?? new Set();
    seen.set(req.url, ids);
    if (ids.has(id)) {
      duplicates++;
      return;
    }
    ids.add(id);
    try {
      lags.push(now - Date.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')).time));
    } catch {
      // not an event: ignored
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1');
