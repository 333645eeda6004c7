// @ts-check
import { pino } from "pino";

/**
 * The server's JSON logger: one line per event, on stdout. Written synchronously,
 * so that nothing is left to flush at exit. pino's asynchronous destination
 * flushes at exit, and when whatever read stdout has gone (a log collector that
 * died, a test runner killed), that flush retries the failed write forever: the
 * server never exits. The trade: a reader slower than the server slows it down,
 * where an asynchronous logger would buffer without bound instead.
 * @param {string} level
 */
export function createLogger(level) {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}
