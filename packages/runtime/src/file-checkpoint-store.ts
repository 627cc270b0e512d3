import { promises as fsp } from 'fs';
import { hostname } from 'os';
import { join } from 'path';
import { CheckpointStore } from './checkpoint';
import { ItemRange, mergeRanges, rangesProblem } from './item-ranges';

/** Tuning of FileCheckpointStore's lock. */
export interface FileCheckpointStoreOptions {
  /** A lock older than this was left by a crashed attempt and is broken. @default 60000 */
  readonly staleLockMs?: number;
  /** How long `add` waits for the lock before it throws. @default 120000 */
  readonly lockTimeoutMs?: number;
}

const FORMAT_VERSION = 1;

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

function errorCode(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}

/**
 * Checkpoints as files on a mounted volume: `<dir>/index-<N>.json`, one per index.
 * Each write goes to a temp file, is synced and renamed over the old one, so a reader
 * never sees a torn file and a crash between write and rename leaves the previous state.
 * Attempts of the same index that overlap serialize through `<file>.lock` (created with
 * O_EXCL, broken when older than `staleLockMs`), so neither loses the other's items.
 * The Python twin (templates/worker-python) reads and writes the same files.
 */
export class FileCheckpointStore implements CheckpointStore {
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;

  public constructor(
    public readonly dir: string,
    options: FileCheckpointStoreOptions = {},
  ) {
    this.staleLockMs = options.staleLockMs ?? 60_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 120_000;
  }

  /** The file that holds the checkpoint of `index`. */
  public fileOf(index: number): string {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new RangeError(`index must be a non-negative integer, got ${String(index)}`);
    }
    return join(this.dir, `index-${index}.json`);
  }

  public async load(index: number): Promise<ItemRange[]> {
    const file = this.fileOf(index);
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return [];
      throw e;
    }
    let data: { version?: unknown; done?: unknown };
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`${file} is not JSON: delete it to start index ${index} over`);
    }
    const problem =
      data?.version !== FORMAT_VERSION
        ? `version is ${JSON.stringify(data?.version)}, expected ${FORMAT_VERSION}`
        : rangesProblem(data.done);
    if (problem) {
      throw new Error(
        `${file} is not a cdk8s-batch checkpoint (${problem}): delete it to start index ${index} over`,
      );
    }
    return mergeRanges(data.done as ItemRange[]);
  }

  public async add(index: number, ranges: readonly ItemRange[]): Promise<ItemRange[]> {
    const file = this.fileOf(index);
    // Not recursive: the volume's mount point exists, and Node's recursive mkdir can spin on
    // special file systems such as /proc.
    await fsp.mkdir(this.dir).catch((e) => {
      if (errorCode(e) !== 'EEXIST') throw e;
    });
    const release = await this.lock(`${file}.lock`);
    try {
      const done = mergeRanges([...(await this.load(index)), ...ranges]);
      await this.removeStaleTempFiles(`index-${index}.json.`);
      await this.writeAtomically(
        file,
        `${JSON.stringify({ version: FORMAT_VERSION, index, done })}\n`,
      );
      return done;
    } finally {
      await release();
    }
  }

  private async writeAtomically(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}.${randomSuffix()}.tmp`;
    try {
      const handle = await fsp.open(temp, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, file);
    } catch (e) {
      await fsp.rm(temp, { force: true });
      throw e;
    }
  }

  private async lock(lockFile: string): Promise<() => Promise<void>> {
    const token = `${hostname()} ${process.pid} ${randomSuffix()}`;
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        await fsp.writeFile(lockFile, token, { flag: 'wx' });
        return async () => {
          // Release only our own lock: it may have been broken as stale and taken since.
          const holder = await fsp.readFile(lockFile, 'utf8').catch(() => undefined);
          if (holder === token) await fsp.rm(lockFile, { force: true });
        };
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw e;
      }
      await this.breakIfStale(lockFile);
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${this.lockTimeoutMs} ms waiting for ${lockFile}; if no other attempt of this index runs, delete it`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }

  private async breakIfStale(lockFile: string): Promise<void> {
    const stat = await fsp.stat(lockFile).catch(() => undefined);
    if (!stat || Date.now() - stat.mtimeMs <= this.staleLockMs) return;
    // Rename first, so that of two attempts breaking the same lock only one succeeds.
    const aside = `${lockFile}.stale-${randomSuffix()}`;
    try {
      await fsp.rename(lockFile, aside);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return;
      throw e;
    }
    await fsp.rm(aside, { force: true });
  }

  private async removeStaleTempFiles(prefix: string): Promise<void> {
    const names = await fsp.readdir(this.dir);
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const path = join(this.dir, name);
      const stat = await fsp.stat(path).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > this.staleLockMs) await fsp.rm(path, { force: true });
    }
  }
}
