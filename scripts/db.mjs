// node scripts/db.mjs recreate <server-url> <name>   drop (if any) and create <name>; prints its URL
// node scripts/db.mjs drop <server-url> <name>       drop <name> if it exists
import pg from 'pg';

const [command, serverUrl, name] = process.argv.slice(2);
if (!['recreate', 'drop'].includes(command) || !serverUrl || !/^[a-z_][a-z0-9_]*$/.test(name ?? '')) {
  console.error('usage: db.mjs recreate|drop <postgres-url> <database-name>');
  process.exit(2);
}
const client = new pg.Client({
  connectionString: serverUrl,
  connectionTimeoutMillis: 5000,
});
await client.connect();
try {
  await client.query(`drop database if exists ${name} with (force)`);
  if (command === 'recreate') {
    await client.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.stdout.write(`${url}\n`);
  }
} finally {
  await client.end();
}
