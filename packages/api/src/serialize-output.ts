import type { SuperJSONResult } from "superjson";

import { transformer } from "./transformer";

/**
 * superjson's `serialize`, for what procedures answer with: the same result,
 * faster. superjson runs every value through its whole rule set and copies the
 * path at each step: a feed page of 20 posts took 110 µs, over a third of a
 * `post.list` call (README, "Where the time went"), against 25 µs here.
 * Answers are nearly always plain objects, arrays, strings, numbers, booleans,
 * null and Dates; those are written here in superjson's format. Anything else
 * (undefined, Map, Set, bigint, a class instance, NaN, ±Infinity, -0, an
 * invalid Date, an object met twice, a prototype-polluting key) hands the whole
 * value to superjson itself. The results equal superjson's on arbitrary values
 * (property-tested). Registered classes, symbols and error properties are
 * never plain, so superjson writes them; a custom type (`registerCustom`) can
 * claim plain values, so ESLint refuses registering one (tooling/eslint).
 */
export function serializeOutput(value: unknown): SuperJSONResult {
  const walk: Walk = { path: [], seen: new Set(), dates: null };
  const json = plain(value, walk);
  if (json === UNSUPPORTED) return transformer.serialize(value);
  return walk.dates ? { json, meta: { values: walk.dates, v: 1 } } : { json };
}

const UNSUPPORTED = Symbol("unsupported");
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One walk: the path to the value at hand (joined only for a Date), the objects met, the Dates' paths (once there is one). */
interface Walk {
  path: string[];
  seen: Set<object>;
  dates: Record<string, ["Date"]> | null;
}

/** The JSON superjson writes for `value`, noting each Date's path; UNSUPPORTED for anything else. */
function plain(value: unknown, walk: Walk): Json | typeof UNSUPPORTED {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // superjson annotates NaN, the infinities and -0.
      return Number.isFinite(value) && !Object.is(value, -0) ? value : UNSUPPORTED;
    case "object":
      if (value === null) return null;
      if (walk.seen.has(value)) return UNSUPPORTED;
      walk.seen.add(value);
      if (value instanceof Date) return date(value, walk);
      if (Array.isArray(value)) return array(value, walk);
      return object(value, walk);
    default:
      return UNSUPPORTED;
  }
}

function date(value: Date, walk: Walk): Json | typeof UNSUPPORTED {
  // A Date as the root is annotated differently (values: ["Date"]): rare, so superjson's.
  if (walk.path.length === 0 || Number.isNaN(value.getTime())) return UNSUPPORTED;
  (walk.dates ??= {})[walk.path.map(escape).join(".")] = ["Date"];
  return value.toISOString();
}

function array(value: unknown[], walk: Walk): Json | typeof UNSUPPORTED {
  // superjson walks an array's own keys: a named property too (its Dates annotated, though JSON drops it).
  if (Object.getPrototypeOf(value) !== Array.prototype || Object.keys(value).length !== value.length) return UNSUPPORTED;
  const out: Json[] = new Array<Json>(value.length);
  for (let i = 0; i < value.length; i++) {
    // A hole reads as undefined, which superjson annotates.
    const item = at(value[i], String(i), walk);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    out[i] = item;
  }
  return out;
}

function object(value: object, walk: Walk): Json | typeof UNSUPPORTED {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNSUPPORTED;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) {
    // superjson refuses these (prototype pollution): its own error, then.
    if (key === "__proto__" || key === "constructor" || key === "prototype") return UNSUPPORTED;
    const item = at((value as Record<string, unknown>)[key], key, walk);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    out[key] = item;
  }
  return out;
}

function at(value: unknown, key: string, walk: Walk): Json | typeof UNSUPPORTED {
  walk.path.push(key);
  const result = plain(value, walk);
  walk.path.pop();
  return result;
}

/** superjson's path syntax: segments joined by dots, a dot or backslash inside one escaped. */
const escape = (key: string) => (key.includes(".") || key.includes("\\") ? key.replaceAll("\\", "\\\\").replaceAll(".", "\\.") : key);
