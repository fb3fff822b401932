import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';

/**
 * Uploaded files on disk (assessment evidence, task attachments), content-addressed by SHA-256 (the same file uploaded twice is stored
 * once). Writes go to a temporary name and are renamed into place, so a crash never leaves a
 * half-written file under a real hash.
 */
@Injectable()
export class FileStore {
  private readonly root: string;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storageDir);
  }

  static sha256(buf: Buffer): string {
    return createHash('sha256').update(buf).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad hash');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(buf: Buffer): Promise<string> {
    const sha = FileStore.sha256(buf);
    const target = this.pathOf(sha);
    if (existsSync(target)) return sha;
    await mkdir(join(this.root, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, buf, { mode: 0o640 });
    await rename(tmp, target);
    return sha;
  }
}
