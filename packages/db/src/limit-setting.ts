import { z } from "zod";

/** `points` actions per `durationSeconds`, per key. */
export interface Limit {
  points: number;
  durationSeconds: number;
}

/**
 * A limit as env variables spell it: "points/seconds", e.g. "5/900" (five per 15 minutes).
 * `fallback` is the documented default.
 */
export const limitSetting = (fallback: string) =>
  z
    .string()
    .regex(/^\d+\/\d+$/, 'a limit is "points/seconds", e.g. "5/900"')
    .default(fallback)
    .transform((value): Limit => {
      const [points, durationSeconds] = value.split("/").map(Number) as [number, number];
      return { points, durationSeconds };
    });
