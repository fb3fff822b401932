// node scripts/probe.mjs pg <postgres-url> | redis <redis-url>
// Exit 0 when the server really answers (select 1 / PING), 1 otherwise; prints why.
import net from 'node:net';
import pg from 'pg';

const [kind, url] = process.argv.slice(2);

async function probePg() {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

function probeRedis() {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: u.hostname || '127.0.0.1',
      port: Number(u.port || 6379),
    });
    let buf = '';
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error('timeout'));
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      const pass = decodeURIComponent(u.password || '');
      socket.write(pass ? `AUTH ${pass}\r\nPING\r\n` : 'PING\r\n');
    });
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      if (buf.includes('+PONG')) {
        socket.destroy();
        resolve();
      } else if (buf.startsWith('-')) {
        socket.destroy();
        reject(new Error(buf.trim()));
      }
    });
  });
}

try {
  if (kind === 'pg') await probePg();
  else if (kind === 'redis') await probeRedis();
  else throw new Error('usage: probe.mjs pg|redis <url>');
  process.exit(0);
} catch (e) {
  console.error(`${kind} at ${url.replace(/:[^:@/]*@/, ':***@')} does not answer: ${e.message || e.code || e}`);
  process.exit(1);
}
