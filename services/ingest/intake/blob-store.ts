import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Originals stored content-addressed by sha256 under DATA_DIR/blobs. Several hosts share it
 * through a common volume; writes go through a temp file and rename so readers never see half a file.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a sha256: ${sha256}`);
    return path.join(this.root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha = sha256Hex(bytes);
    const target = this.pathFor(sha);
    try {
      await fs.access(target);
      return sha;
    } catch {
      // Not stored yet.
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
    return sha;
  }

  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await fs.readFile(this.pathFor(sha256)));
  }

  async remove(sha256: string): Promise<void> {
    await fs.rm(this.pathFor(sha256), { force: true });
  }
}
