import fc from "fast-check";
import type { SuperJSONResult } from "superjson";
import { describe, expect, it } from "vitest";

import { serializeOutput } from "../src/serialize-output";
import { transformer } from "../src/transformer";

/** What a serializer does with a value: its result, or the message it throws. */
function outcome(serialize: (value: unknown) => unknown, value: unknown) {
  try {
    return { result: serialize(value) };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

function sameAsSuperjson(value: unknown): void {
  expect(outcome(serializeOutput, value)).toStrictEqual(outcome(transformer.serialize, value));
}

// What procedures answer with: plain data and Dates, under keys that superjson must escape in its paths.
const key = fc.oneof(fc.string(), fc.constantFrom("a.b", "a\\b", "a\\.b", ".", "0", "10", "__proto__", "constructor"));
const answer = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value")),
    fc.dictionary(key, tie("value")),
  ),
})).value;

describe("serializeOutput: superjson's serialize, faster for plain data", () => {
  it("gives superjson's result for plain data and Dates, whatever the keys", () => {
    fc.assert(fc.property(answer, sameAsSuperjson), { numRuns: 2000 });
  });

  it("gives superjson's result for anything at all (the rest is handed to superjson)", () => {
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      withTypedArray: true,
    });
    fc.assert(fc.property(anything, sameAsSuperjson), { numRuns: 2000 });
  });

  const author = { id: "a" };
  const at = new Date(0);
  it.each([
    ["the same object twice", [{ author }, { author }]],
    ["the same Date twice", { created: at, updated: at }],
    ["a Date as the root", new Date(0)],
    ["an invalid Date", { at: new Date(Number.NaN) }],
    ["undefined in an object", { a: undefined }],
    ["a hole in an array", new Array<number>(3).fill(1, 0, 1)],
    ["an array with a named property", Object.assign([1], { at: new Date(0) })],
    ["non-finite numbers", [Number.NaN, Infinity, -Infinity]],
    ["minus zero", { n: -0 }],
    ["a class instance", { url: new URL("https://example.test/") }],
    ["a Map with Dates", new Map([["at", new Date(0)]])],
    ["an object without a prototype", Object.assign(Object.create(null) as object, { at: new Date(0) })],
    ["a prototype-polluting key", JSON.parse('{"__proto__":{"at":1}}') as unknown],
    ["a Date under escaped keys", { "a.b": { "c\\d": [new Date(0)] } }],
  ])("gives superjson's result for %s", (_, value) => sameAsSuperjson(value));

  it("gives superjson's result for what may be registered with it: a class, a symbol, an Error's properties", () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const currency = Symbol("currency");
    // Registered for the rest of this file, whose other values never meet them.
    transformer.registerClass(Money, "Money");
    transformer.registerSymbol(currency, "currency");
    transformer.allowErrorProps("code");
    // One at a time: any of them alone must reach superjson.
    for (const value of [{ price: new Money(5), at: new Date(0) }, { currency }, { failure: Object.assign(new Error("x"), { code: 7 }) }])
      sameAsSuperjson(value);
  });

  it("is read back by superjson as the value it was given", () => {
    const page = { items: [{ id: "p1", createdAt: new Date(1e12), author: { name: null } }], nextCursor: null };
    const wire = JSON.parse(JSON.stringify(serializeOutput(page))) as SuperJSONResult;
    expect(transformer.deserialize(wire)).toStrictEqual(page);
  });
});
