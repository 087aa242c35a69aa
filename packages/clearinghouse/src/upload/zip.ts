/**
 * The zip container of an .xlsx file, checked before anything is unpacked: the central directory (entry count,
 * each entry's declared sizes and compression ratio, the sum of the uncompressed sizes, entries that overlap, as
 * in the zip bombs that reuse one compressed stream for many entries), then each entry unpacked only when read,
 * by zlib with its output capped at the declared size, so an entry lying about its size stops at the lie instead
 * of filling memory. Uses `node:zlib` (computation, no I/O): a zip reader package would unpack first and check
 * after, which is what a zip bomb counts on.
 */

import { inflateRawSync } from "node:zlib";
import type { Bilingual } from "@clearinghouse/cube";

export class ZipError extends Error {
  constructor(
    readonly text: Bilingual,
    /** `limit.unzipped` when the archive is refused for its unpacked size, else `file.zip`. */
    readonly code: "file.zip" | "limit.unzipped" = "file.zip",
  ) {
    super(text.en);
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

export interface ZipLimits {
  /** Most bytes all entries may unpack to. */
  readonly maxUnzippedBytes: number;
  /** Most entries (a workbook of 12 sheets has about 30). */
  readonly maxEntries?: number;
  /** Highest compression ratio of an entry larger than `ratioFrom` bytes unpacked. */
  readonly maxRatio?: number;
  readonly ratioFrom?: number;
}

/**
 * Deflate packs at most about 1,032 : 1; a real worksheet packs 5–50 : 1 and even an empty template's sheets under
 * 100 : 1, so an entry over this ratio is a bomb, whatever its declared size.
 */
export const MAX_ZIP_RATIO = 200;
export const MAX_ZIP_ENTRIES = 10_000;
const RATIO_FROM = 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly #bytes: Uint8Array;
  readonly #view: DataView;

  constructor(bytes: Uint8Array, limits: ZipLimits) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.#centralDirectory(limits);
  }

  #centralDirectory(limits: ZipLimits): ZipEntry[] {
    const view = this.#view;
    const n = this.#bytes.length;
    const notZip = new ZipError({
      en: "the file is not an Excel workbook (.xlsx): it is not a zip archive, or it is cut short",
      ru: "файл не книга Excel (.xlsx): это не zip-архив, или файл обрезан",
    });
    if (n < 22) throw notZip;
    let eocd = -1;
    // The end record is in the last 22 bytes plus a comment of at most 65,535 bytes.
    for (let i = n - 22; i >= Math.max(0, n - 22 - 65_535); i--) {
      if (view.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) throw notZip;
    const count = view.getUint16(eocd + 10, true);
    const size = view.getUint32(eocd + 12, true);
    const offset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || offset === 0xffffffff) {
      throw new ZipError({
        en: "the workbook is a ZIP64 archive, which an Excel file of the size the clearinghouse accepts never is",
        ru: "книга — архив ZIP64, каким файл Excel допустимого размера не бывает",
      });
    }
    const maxEntries = limits.maxEntries ?? MAX_ZIP_ENTRIES;
    if (count > maxEntries) {
      throw new ZipError({
        en: `the workbook's archive has ${count} entries, more than the ${maxEntries} an Excel file may have`,
        ru: `в архиве книги ${count} элементов — больше допустимых для файла Excel ${maxEntries}`,
      });
    }
    if (offset + size > eocd) throw notZip;
    const entries: ZipEntry[] = [];
    let total = 0;
    let p = offset;
    const decoder = new TextDecoder("utf-8");
    for (let k = 0; k < count; k++) {
      if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) throw notZip;
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const entrySize = view.getUint32(p + 24, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localOffset = view.getUint32(p + 42, true);
      const name = decoder.decode(this.#bytes.subarray(p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
      if (flags & 1) {
        throw new ZipError({
          en: "the workbook is encrypted (saved with a password): save it without a password and upload it again",
          ru: "книга зашифрована (сохранена с паролем): сохраните её без пароля и загрузите снова",
        });
      }
      if (compressedSize === 0xffffffff || entrySize === 0xffffffff) {
        throw new ZipError({
          en: `entry "${name}" has ZIP64 sizes, which an Excel file of the size the clearinghouse accepts never has`,
          ru: `у элемента «${name}» размеры ZIP64, каких у файла Excel допустимого размера не бывает`,
        });
      }
      if (method !== 0 && method !== 8) {
        throw new ZipError({
          en: `entry "${name}" is packed with method ${method}; Excel files use deflate`,
          ru: `элемент «${name}» упакован методом ${method}; файлы Excel используют deflate`,
        });
      }
      const maxRatio = limits.maxRatio ?? MAX_ZIP_RATIO;
      if (entrySize > (limits.ratioFrom ?? RATIO_FROM) && entrySize > maxRatio * Math.max(compressedSize, 1)) {
        throw new ZipError({
          en: `entry "${name}" would unpack ${Math.round(entrySize / Math.max(compressedSize, 1))} times its size (${mb(entrySize)} MB from ${mb(compressedSize)} MB): this is a zip bomb, not a workbook`,
          ru: `элемент «${name}» распаковался бы в ${Math.round(entrySize / Math.max(compressedSize, 1))} раз больше своего размера (${mb(entrySize)} МБ из ${mb(compressedSize)} МБ): это zip-бомба, а не книга`,
        });
      }
      total += entrySize;
      if (total > limits.maxUnzippedBytes) {
        throw new ZipError(
          {
            en: `the workbook would unpack to more than ${mb(limits.maxUnzippedBytes)} MB, the most an uploaded workbook may hold`,
            ru: `книга распаковалась бы больше чем в ${mb(limits.maxUnzippedBytes)} МБ — больше допустимого для загружаемой книги`,
          },
          "limit.unzipped",
        );
      }
      if (localOffset + 30 + compressedSize > offset) throw notZip;
      entries.push({ name, method, compressedSize, size: entrySize, localOffset });
    }
    // Entries may not share bytes: a zip bomb makes thousands of entries out of one compressed stream.
    const sorted = entries.slice().sort((a, b) => a.localOffset - b.localOffset);
    for (let k = 1; k < sorted.length; k++) {
      const a = sorted[k - 1] as ZipEntry;
      const b = sorted[k] as ZipEntry;
      if (a.localOffset + 30 + a.compressedSize > b.localOffset) {
        throw new ZipError({
          en: `entries "${a.name}" and "${b.name}" overlap in the archive: this is a zip bomb, not a workbook`,
          ru: `элементы «${a.name}» и «${b.name}» перекрываются в архиве: это zip-бомба, а не книга`,
        });
      }
    }
    return entries;
  }

  entry(name: string): ZipEntry | undefined {
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.name === name) ?? this.entries.find((e) => e.name.toLowerCase() === lower);
  }

  /** An entry's bytes, unpacked with the output capped at its declared size. */
  read(entry: ZipEntry): Uint8Array {
    const view = this.#view;
    const p = entry.localOffset;
    if (view.getUint32(p, true) !== LOCAL) {
      throw new ZipError({ en: `entry "${entry.name}" is damaged`, ru: `элемент «${entry.name}» повреждён` });
    }
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const packed = this.#bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return packed;
    let out: Uint8Array;
    try {
      out = inflateRawSync(packed, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (e) {
      const tooLarge = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
      throw new ZipError(
        tooLarge
          ? {
              en: `entry "${entry.name}" unpacks to more than the ${entry.size} bytes it declares: this is a zip bomb, not a workbook`,
              ru: `элемент «${entry.name}» распаковывается больше объявленных ${entry.size} байт: это zip-бомба, а не книга`,
            }
          : {
              en: `entry "${entry.name}" is damaged and cannot be unpacked`,
              ru: `элемент «${entry.name}» повреждён и не распаковывается`,
            },
      );
    }
    if (out.length !== entry.size) {
      throw new ZipError({
        en: `entry "${entry.name}" unpacks to ${out.length} bytes, not the ${entry.size} it declares: the file is damaged`,
        ru: `элемент «${entry.name}» распаковывается в ${out.length} байт, а не в объявленные ${entry.size}: файл повреждён`,
      });
    }
    return out;
  }
}
