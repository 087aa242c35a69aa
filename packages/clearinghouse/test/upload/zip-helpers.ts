import { deflateRawSync } from "node:zlib";

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** The uncompressed size written in the directory (default the true size): a bomb lies here. */
  readonly declaredSize?: number;
}

/**
 * A zip archive written by hand (deflate, no CRC checked by the reader), so tests can make the hostile ones a
 * zip library refuses to write: lying sizes, entries sharing one compressed stream.
 */
export function makeZip(entries: readonly ZipInput[], options: { shareFirst?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const packed = entries.map((e) => deflateRawSync(e.data));
  const records = entries.map((e, k) => {
    const name = Buffer.from(e.name, "utf-8");
    const data = packed[k] as Buffer;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    return { name, data, size, local };
  });
  const offsets: number[] = [];
  records.forEach((r, k) => {
    if (options.shareFirst !== undefined && k > 0) {
      offsets.push(offsets[0] as number);
      return;
    }
    offsets.push(offset);
    locals.push(r.local, r.name, r.data);
    offset += r.local.length + r.name.length + r.data.length;
  });
  records.forEach((r, k) => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(r.data.length, 20);
    c.writeUInt32LE(r.size, 24);
    c.writeUInt16LE(r.name.length, 28);
    c.writeUInt32LE(offsets[k] as number, 42);
    central.push(c, r.name);
  });
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
