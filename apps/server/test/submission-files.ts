/** Files for the upload tests: a slice as the long CSV template has it, and multipart bodies of files. */

import { type Dataset, Status, strides } from "@clearinghouse/cube";
import { csvTemplateColumns, type TableId } from "@clearinghouse/domain";

/** The long CSV of a slice: the template's columns, one row per cell. */
export function csvOf(table: TableId, ds: Dataset): string {
  const columns = csvTemplateColumns(table);
  const st = strides(ds.dimensions);
  const lines = [columns.join(",")];
  for (let i = 0; i < ds.values.length; i++) {
    const at: Record<string, string> = { table };
    ds.dimensions.forEach((d, k) => {
      at[d.code] = d.categories[Math.floor(i / (st[k] as number)) % d.categories.length]?.code ?? "";
    });
    const s = ds.status[i];
    at.value =
      s === Status.value ? String(ds.values[i]) : s === Status.nil ? "-" : s === Status.confidential ? "x" : "..";
    at.flags = "";
    lines.push(columns.map((c) => at[c] ?? "").join(","));
  }
  return `${lines.join("\n")}\n`;
}

export interface FilePart {
  readonly name: string;
  readonly content: string | Uint8Array;
  readonly type?: string;
}

/** A multipart/form-data body of file parts (field "file"), as a browser sends it. */
export function multipart(
  files: readonly FilePart[],
  boundary = "----clearinghouse-test",
): {
  payload: Buffer;
  contentType: string;
} {
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "text/csv"}\r\n\r\n`,
      ),
      typeof f.content === "string" ? Buffer.from(f.content) : Buffer.from(f.content),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
