/** PX validation for uploads (`POST /api/px/validate`), with messages in English or Russian. */

import { formatDiagnostic, readPx } from "@clearinghouse/px";
import type { FastifyInstance } from "fastify";
import { requestLanguage } from "./http/language.ts";

export async function pxValidate(app: FastifyInstance): Promise<void> {
  app.post("/api/px/validate", async (request, reply) => {
    const lang = requestLanguage(request);
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return reply
        .code(400)
        .type("application/problem+json")
        .send({
          type: "about:blank",
          title: lang === "ru" ? "Пустой запрос" : "Empty request",
          status: 400,
          detail:
            lang === "ru"
              ? "Отправьте байты файла PX с Content-Type: application/octet-stream."
              : "Send the bytes of a PX file with Content-Type: application/octet-stream.",
        });
    }
    const strict = (request.query as { strict?: string }).strict === "true";
    const result = readPx(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { strict });
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    return {
      valid: errors === 0,
      errors,
      warnings: result.diagnostics.length - errors,
      encoding: result.encoding,
      cells: result.file?.data.length ?? null,
      diagnostics: result.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d, "", lang) })),
    };
  });
}
