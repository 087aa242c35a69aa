import { brotliDecompressSync, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptedCoding, isCompressible } from "../src/http/content-coding.ts";
import { KeptResponse, ResponseCache } from "../src/http/response-cache.ts";

const json = (text: string) => ({ body: Buffer.from(text), mediaType: "application/json; charset=utf-8" });

describe("Accept-Encoding", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0, gzip;q=0", undefined],
    ["*", "br"],
    ["*;q=0.2, br;q=0", "gzip"],
    ["GZIP ; Q=0.7", "gzip"],
    ["deflate", undefined],
  ])("%j → %s", (header, coding) => {
    expect(acceptedCoding(header)).toBe(coding);
  });

  it("never picks a coding the header refuses, whatever else it lists", () => {
    const entry = fc.tuple(fc.constantFrom("br", "gzip", "deflate", "identity", "*"), fc.double({ min: 0, max: 1 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
        const header = entries.map(([name, q]) => `${name};q=${q.toFixed(3)}`).join(", ");
        const coding = acceptedCoding(header);
        if (coding === undefined) return;
        const own = entries.filter(([name]) => name === coding);
        const q = own.length
          ? Number(own.at(-1)?.[1].toFixed(3))
          : Number(entries.findLast(([n]) => n === "*")?.[1].toFixed(3));
        expect(q).toBeGreaterThan(0);
      }),
    );
  });

  it("compresses text and PX octets, not xlsx", () => {
    expect(isCompressible("application/json; charset=utf-8")).toBe(true);
    expect(isCompressible("text/csv; charset=utf-8")).toBe(true);
    expect(isCompressible("application/octet-stream")).toBe(true);
    expect(isCompressible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe(false);
  });
});

describe("a kept response", () => {
  it("compresses each coding once, to bytes that decompress to the body", async () => {
    const kept = new KeptResponse(json(JSON.stringify({ value: Array.from({ length: 500 }, (_, i) => i) })));
    const br = await kept.encoded("br");
    expect(kept.encoded("br")).toBe(kept.encoded("br"));
    expect(brotliDecompressSync(br).equals(kept.body)).toBe(true);
    expect(gunzipSync(await kept.encoded("gzip")).equals(kept.body)).toBe(true);
    expect(kept.variantBytes()).toBe(br.length + (await kept.encoded("gzip")).length);
  });

  it("keeps its ETag per version key", () => {
    const kept = new KeptResponse(json("{}"));
    expect(kept.etag("T@1")).toBe(kept.etag("T@1"));
    expect(kept.etag("T@2")).not.toBe(kept.etag("T@1"));
    expect(kept.etag("T@1")).toMatch(/^"[\w-]{27}"$/);
  });
});

describe("the response cache", () => {
  it("counts compressed variants in its budget and drops the least recently used first", async () => {
    const body = "x".repeat(4000);
    const cache = new ResponseCache(10_000);
    const a = cache.set("a", json(body));
    cache.set("b", json(body));
    expect(cache.size).toBe(8000);
    await a.encoded("gzip");
    expect(cache.size).toBeGreaterThan(8000);
    cache.get("a"); // a is now the most recently used
    cache.set("c", json(body)); // over the budget: b goes
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(a);
    expect(cache.size).toBe(8000 + a.variantBytes());
  });

  it("does not keep what is larger than an entry may be, but still serves it", async () => {
    const cache = new ResponseCache(10_000, 100);
    const big = await cache.getOrMake("big", async () => json("y".repeat(200)));
    expect(big.body.length).toBe(200);
    expect(cache.get("big")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
