import net from 'node:net';

export type RedisReply = string | number | null | RedisReply[];

/** Sends commands to Redis over one connection (RESP) and resolves with one reply per command. */
export function redisCommands(url: string, commands: string[][]): Promise<RedisReply[]> {
  const u = new URL(url);
  const all = [...(u.password ? [['AUTH', decodeURIComponent(u.password)]] : []), ...commands];
  const payload = all
    .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
    .join('');
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: u.hostname || '127.0.0.1',
      port: Number(u.port || 6379),
    });
    let buf = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error(`Redis at ${u.host} timed out`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      const replies: RedisReply[] = [];
      let pos = 0;
      try {
        while (replies.length < all.length) {
          const parsed = parse(buf, pos);
          if (!parsed) return; // wait for more data
          replies.push(parsed.value);
          pos = parsed.next;
        }
      } catch (e) {
        socket.destroy();
        reject(e);
        return;
      }
      socket.end();
      resolve(replies.slice(all.length - commands.length));
    });
  });
}

function parse(buf: Buffer, pos: number): { value: RedisReply; next: number } | null {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('utf8', pos + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+':
      return { value: line, next };
    case '-':
      throw new Error(`Redis: ${line}`);
    case ':':
      return { value: Number(line), next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next };
      if (buf.length < next + len + 2) return null;
      return {
        value: buf.toString('utf8', next, next + len),
        next: next + len + 2,
      };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next };
      const items: RedisReply[] = [];
      let p = next;
      for (let i = 0; i < count; i++) {
        const item = parse(buf, p);
        if (!item) return null;
        items.push(item.value);
        p = item.next;
      }
      return { value: items, next: p };
    }
    default:
      throw new Error(`Redis: unexpected reply ${JSON.stringify(buf.toString('utf8', pos, eol))}`);
  }
}
