import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppendError, isNotFound, type FileStat, type LedgerFiles } from '../ledgerFiles';

const NEWLINE = 0x0a;

/**
 * The ledger's file port on Node's file system (the ledger's only Node I/O).
 *
 * Two VS Code windows may append to the same file at once. Each line is written by one write() to a file
 * opened with O_APPEND, which the OS places whole at the current end of file, so lines from different
 * processes never interleave.
 */
export function nodeLedgerFiles(dir: string): LedgerFiles {
  const path = (name: string): string => join(dir, name);
  return {
    dir,

    async list() {
      try {
        return await readdir(dir);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async stat(name) {
      try {
        const s = await stat(path(name));
        return { size: s.size, identity: `${s.dev}:${s.ino}`, modifiedMs: s.mtimeMs } satisfies FileStat;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async read(name, start, end) {
      const handle = await open(path(name), 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, end - start));
        let filled = 0;
        while (filled < buffer.length) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
          if (bytesRead === 0) break; // the file is shorter now
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
      } finally {
        await handle.close();
      }
    },

    async readText(name) {
      try {
        return await readFile(path(name), 'utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async readBytes(name) {
      try {
        return await readFile(path(name));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async appendLines(name, lines) {
      let written = 0;
      try {
        await mkdir(dir, { recursive: true });
        // 'a+': O_APPEND for the writes, readable so the last byte can be checked.
        const handle = await open(path(name), 'a+');
        try {
          const last = Buffer.alloc(1);
          for (const line of lines) {
            let data = line;
            const { size } = await handle.stat();
            if (size > 0) {
              await handle.read(last, 0, 1, size - 1);
              // A crash left a torn line: end it, so this record is not glued onto it and lost with it.
              if (last[0] !== NEWLINE) data = `\n${line}`;
            }
            const bytes = Buffer.from(data, 'utf8');
            const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
            if (bytesWritten !== bytes.length) throw new Error(`ledger write was cut short (${bytesWritten} of ${bytes.length} bytes)`);
            written++;
          }
        } finally {
          // The lines are written (or the error is already on its way): a failing close changes neither.
          await handle.close().catch(() => undefined);
        }
      } catch (error) {
        throw new AppendError(written, error);
      }
    },

    async createExclusive(name, text) {
      await mkdir(dirname(path(name)), { recursive: true });
      try {
        await writeFile(path(name), text, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EEXIST') return false;
        throw error;
      }
    },

    async writeAtomic(name, data) {
      const target = path(name);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, data);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    },

    async rename(from, to) {
      try {
        await rename(path(from), path(to));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async remove(name) {
      await rm(path(name), { force: true });
    },
  };
}
