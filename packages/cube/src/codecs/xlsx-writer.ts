/**
 * A workbook written as SpreadsheetML text, row by row, straight into the parts of the .xlsx archive: shared
 * strings, a fixed set of cell styles, worksheets with frozen panes, column widths, merged cells and notes
 * (comments with their VML shapes, which Excel needs to show them). It holds no object per cell, only the text of
 * the sheets, which is why it is many times faster than a general workbook library; xlsx.ts decides what goes
 * where. Cells must be given in order: rows ascending, and columns ascending within a row.
 */

import { zip } from "./zip.ts";

/** The cell styles of the workbook, by name: their index in `cellXfs`. */
export const STYLE = {
  plain: 0,
  title: 1,
  headerRight: 2,
  headerCenter: 3,
  header: 4,
  number: 5,
  right: 6,
  bold: 7,
  /** Dark red and bold: a mandatory note (the illustrative mark) must not be overlooked. */
  mandatory: 8,
} as const;
export type Style = (typeof STYLE)[keyof typeof STYLE];
/** The `s` attribute of each style (none for the plain one). */
const STYLE_ATTRIBUTE = Object.values(STYLE).map((k) => (k ? ` s="${k}"` : ""));

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The id of Excel's built-in "#,##0"; other number formats get ids from 164. */
const BUILTIN_THOUSANDS = 3;

// Characters XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function xmlEscape(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text
    .replace(INVALID_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** A `<t>` element; spaces at either end and line breaks are kept as written. */
function textElement(text: string): string {
  const preserve = /^\s|\s$|\n/.test(text);
  return preserve ? `<t xml:space="preserve">${xmlEscape(text)}</t>` : `<t>${xmlEscape(text)}</t>`;
}

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * ASCII text written straight into a growing buffer: a sheet's markup (its strings are in the shared strings part,
 * so a sheet is ASCII only). Each cell's few bytes are copied at once, so no string per cell outlives its cell and
 * the garbage collector has little to do.
 */
class AsciiBuffer {
  private buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  write(text: string): void {
    if (this.length + text.length > this.buffer.length) {
      const next = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + text.length));
      this.buffer.copy(next, 0, 0, this.length);
      this.buffer = next;
    }
    this.length += this.buffer.write(text, this.length, "latin1");
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  count = 0;

  of(text: string): number {
    this.count++;
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.items.length;
      this.index.set(text, at);
      this.items.push(`<si>${textElement(text)}</si>`);
    }
    return at;
  }

  xml(): string {
    return `${XML_HEADER}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.items.length}">${this.items.join("")}</sst>`;
  }
}

interface Note {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

export interface SheetOptions {
  readonly name: string;
  readonly state?: "visible" | "veryHidden";
  /** Columns left of and rows above the frozen panes. */
  readonly frozen?: { readonly columns: number; readonly rows: number };
  /** Width in characters of each column from A. */
  readonly widths?: readonly number[];
}

export class SheetWriter {
  private readonly cells = new AsciiBuffer();
  /** The markup of the row being written, copied into `cells` once the row is done (fewer, larger copies). */
  private line = "";
  private readonly merges: string[] = [];
  readonly notes: Note[] = [];
  private row = 0;
  private rowText = "";
  private lastColumn = 0;
  private readonly names: string[] = [""];

  constructor(
    readonly options: SheetOptions,
    private readonly strings: SharedStrings,
  ) {}

  private name(column: number): string {
    while (this.names.length <= column) this.names.push(columnName(this.names.length));
    return this.names[column] as string;
  }

  /** `<c r="B6"`: the start of the cell at `row` and `column`, which must come after the last one written. */
  private start(row: number, column: number): string {
    if (row !== this.row) {
      if (row < this.row) throw new Error(`cell ${this.name(column)}${row} is written out of order`);
      if (this.row) this.cells.write(`${this.line}</row>`);
      this.line = `<row r="${row}">`;
      this.row = row;
      this.rowText = String(row);
    } else if (column <= this.lastColumn) {
      throw new Error(`cell ${this.name(column)}${row} is written out of order`);
    }
    this.lastColumn = column;
    return `<c r="${this.names[column] ?? this.name(column)}${this.rowText}"`;
  }

  /** A text cell. */
  text(row: number, column: number, value: string, style: Style = STYLE.plain, note?: string): void {
    // The start first: it may begin a new row, and so replace this.line.
    const start = this.start(row, column);
    this.line += `${start}${STYLE_ATTRIBUTE[style]} t="s"><v>${this.strings.of(value)}</v></c>`;
    if (note) this.notes.push({ row, column, text: note });
  }

  /** A number cell (finite: the caller checks). */
  number(row: number, column: number, value: number, style: Style = STYLE.plain, note?: string): void {
    const start = this.start(row, column);
    this.line += `${start}${STYLE_ATTRIBUTE[style]}><v>${value}</v></c>`;
    if (note) this.notes.push({ row, column, text: note });
  }

  merge(row: number, firstColumn: number, lastColumn: number): void {
    this.merges.push(`<mergeCell ref="${this.name(firstColumn)}${row}:${this.name(lastColumn)}${row}"/>`);
  }

  /** The worksheet part. */
  xml(notesRelationship: string | undefined): Buffer {
    const { frozen, widths } = this.options;
    const view = frozen
      ? `<sheetViews><sheetView workbookViewId="0"><pane xSplit="${frozen.columns}" ySplit="${frozen.rows}" topLeftCell="${this.name(frozen.columns + 1)}${frozen.rows + 1}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight"/></sheetView></sheetViews>`
      : "";
    const columns: string[] = [];
    for (let k = 0; k < (widths?.length ?? 0); ) {
      const width = widths?.[k] as number;
      let last = k;
      while (last + 1 < (widths?.length ?? 0) && widths?.[last + 1] === width) last++;
      columns.push(`<col min="${k + 1}" max="${last + 1}" width="${width}" customWidth="1"/>`);
      k = last + 1;
    }
    const head = [
      `${XML_HEADER}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">`,
      view,
      '<sheetFormatPr defaultRowHeight="15"/>',
      columns.length ? `<cols>${columns.join("")}</cols>` : "",
      "<sheetData>",
    ].join("");
    if (this.row) {
      this.cells.write(`${this.line}</row>`);
      this.line = "";
      this.row = Number.POSITIVE_INFINITY; // nothing more may be written
    }
    const tail = [
      "</sheetData>",
      this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.join("")}</mergeCells>` : "",
      notesRelationship ? `<legacyDrawing r:id="${notesRelationship}"/>` : "",
      "</worksheet>",
    ].join("");
    return Buffer.concat([Buffer.from(head, "utf8"), this.cells.bytes(), Buffer.from(tail, "utf8")]);
  }
}

function commentsXml(notes: readonly Note[]): string {
  const list = notes.map(
    (n) =>
      `<comment ref="${columnName(n.column)}${n.row}" authorId="0"><text><r>${textElement(n.text)}</r></text></comment>`,
  );
  return `${XML_HEADER}<comments xmlns="${MAIN}"><authors><author>Author</author></authors><commentList>${list.join("")}</commentList></comments>`;
}

/** The VML shapes Excel draws notes with: one per note, hidden until the cell is pointed at. */
function notesVml(notes: readonly Note[]): string {
  const shapes = notes.map((n, k) => {
    const row = n.row - 1;
    const column = n.column - 1;
    const anchor = [column + 1, 6, Math.max(0, row - 1), 14, column + 3, 2, row + 3, 16].join(", ");
    return (
      `<v:shape id="_x0000_s${1025 + k}" type="#_x0000_t202" style="position:absolute;margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
      '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?><xml xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join("")}</xml>`
  );
}

/** The styles of STYLE, in its order; numbers in `numberFormat`. */
function stylesXml(numberFormat: string): string {
  const custom = numberFormat !== "#,##0";
  const numFmtId = custom ? 164 : BUILTIN_THOUSANDS;
  const fill = 'fillId="2" applyFill="1"';
  const xf = (attributes: string, alignment = "") =>
    alignment
      ? `<xf numFmtId="0" borderId="0" xfId="0" ${attributes} applyAlignment="1"><alignment ${alignment}/></xf>`
      : `<xf numFmtId="0" borderId="0" xfId="0" ${attributes}/>`;
  const xfs = [
    xf('fontId="0" fillId="0"'),
    xf('fontId="1" fillId="0" applyFont="1"'),
    xf(`fontId="2" applyFont="1" ${fill}`, 'horizontal="right"'),
    xf(`fontId="2" applyFont="1" ${fill}`, 'horizontal="center" wrapText="1"'),
    xf(`fontId="2" applyFont="1" ${fill}`),
    `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    xf('fontId="0" fillId="0"', 'horizontal="right"'),
    xf('fontId="2" fillId="0" applyFont="1"'),
    xf('fontId="3" fillId="0" applyFont="1"'),
  ];
  return (
    `${XML_HEADER}<styleSheet xmlns="${MAIN}">` +
    (custom ? `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlEscape(numberFormat)}"/></numFmts>` : "") +
    '<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="14"/></font><font><b/></font><font><b/><color rgb="FF9C0006"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

export interface WorkbookProperties {
  readonly title: string;
  /** When the data was last updated: the archive's dates and the document's modified time. */
  readonly modified: Date | undefined;
}

export class WorkbookWriter {
  private readonly strings = new SharedStrings();
  private readonly sheets: SheetWriter[] = [];

  constructor(private readonly numberFormat: string) {}

  addSheet(options: SheetOptions): SheetWriter {
    const sheet = new SheetWriter(options, this.strings);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The .xlsx archive. */
  bytes(properties: WorkbookProperties): Uint8Array {
    const utf8 = (text: string) => Buffer.from(text, "utf8");
    const files: { name: string; data: Uint8Array }[] = [];
    const overrides: string[] = [];
    const override = (part: string, type: string) =>
      overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}"/>`);
    const sheetEntries: string[] = [];
    const workbookRels: string[] = [];
    let commentsCount = 0;
    this.sheets.forEach((sheet, k) => {
      const n = k + 1;
      const part = `xl/worksheets/sheet${n}.xml`;
      let relationship: string | undefined;
      if (sheet.notes.length > 0) {
        const c = ++commentsCount;
        relationship = "rId2";
        files.push({ name: `xl/comments${c}.xml`, data: utf8(commentsXml(sheet.notes)) });
        files.push({ name: `xl/drawings/vmlDrawing${c}.vml`, data: utf8(notesVml(sheet.notes)) });
        files.push({
          name: `xl/worksheets/_rels/sheet${n}.xml.rels`,
          data: utf8(
            `${XML_HEADER}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/comments" Target="../comments${c}.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/vmlDrawing" Target="../drawings/vmlDrawing${c}.vml"/></Relationships>`,
          ),
        });
        override(`xl/comments${c}.xml`, "officedocument.spreadsheetml.comments+xml");
      }
      files.push({ name: part, data: sheet.xml(relationship) });
      override(part, "officedocument.spreadsheetml.worksheet+xml");
      const state = sheet.options.state ?? "visible";
      sheetEntries.push(
        `<sheet name="${xmlEscape(sheet.options.name)}" sheetId="${n}" state="${state}" r:id="rId${n + 2}"/>`,
      );
      workbookRels.push(
        `<Relationship Id="rId${n + 2}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
      );
    });
    override("xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml");
    override("xl/styles.xml", "officedocument.spreadsheetml.styles+xml");
    override("xl/sharedStrings.xml", "officedocument.spreadsheetml.sharedStrings+xml");
    overrides.push(
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
    );
    const modified = properties.modified?.toISOString().replace(/\.\d{3}Z$/, "Z");
    const head = [
      {
        name: "[Content_Types].xml",
        data: utf8(
          `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${overrides.join("")}</Types>`,
        ),
      },
      {
        name: "_rels/.rels",
        data: utf8(
          `${XML_HEADER}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PACKAGE_RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
        ),
      },
      {
        name: "docProps/core.xml",
        data: utf8(
          `${XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(properties.title)}</dc:title>${modified ? `<dcterms:modified xsi:type="dcterms:W3CDTF">${modified}</dcterms:modified>` : ""}</cp:coreProperties>`,
        ),
      },
      {
        name: "xl/workbook.xml",
        data: utf8(
          `${XML_HEADER}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${sheetEntries.join("")}</sheets></workbook>`,
        ),
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: utf8(
          `${XML_HEADER}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>${workbookRels.join("")}</Relationships>`,
        ),
      },
      { name: "xl/styles.xml", data: utf8(stylesXml(this.numberFormat)) },
      { name: "xl/sharedStrings.xml", data: utf8(this.strings.xml()) },
    ];
    // Deflate's fastest level: most of the time of a large workbook went to compressing it at the default level 6,
    // for files a sixth smaller; at level 1 they are as large as exceljs's were.
    return zip([...head, ...files], properties.modified ?? new Date(Date.UTC(1980, 0, 1)), 1);
  }
}
