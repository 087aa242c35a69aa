export { csvTemplateColumns, templateCsv } from "./csv.ts";
export * from "./layout.ts";
export {
  type TableTemplateOptions,
  type TemplateOptions,
  templateFileName,
  type WorkbookTemplateOptions,
} from "./options.ts";
export { templatePx } from "./px.ts";
export { templateXlsx } from "./xlsx.ts";
