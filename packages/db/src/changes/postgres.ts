import { randomUUID } from "node:crypto";

import pg from "pg";

import { LocalListeners } from "./local";
import type { Changes } from "./types";

const CHANNEL_PREFIX = "gatehouse_";
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;

interface Envelope {
  origin: string;
  payload: unknown;
}

/**
 * PostgreSQL LISTEN/NOTIFY: a notice published on any instance reaches the
 * listeners of every instance within milliseconds. One dedicated connection per
 * instance listens; it reconnects by itself (a database restart, a network cut).
 * Each time a LISTEN takes effect (the first, and after a reconnection) it
 * reports "missed": a notice published before then reached no one here, so
 * caches flush what they can no longer trust and streams read what they missed.
 */
export function createPostgresChanges(url: string, pool: pg.Pool): Changes {
  const origin = randomUUID();
  const listeners = new LocalListeners();
  const listening = new Set<string>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retryMs = RECONNECT_MIN_MS;
  let closed = false;

  const listen = async (connection: pg.Client, topic: string) => {
    await connection.query(`LISTEN "${CHANNEL_PREFIX}${topic}"`);
    listening.add(topic);
  };

  const reconnectLater = () => {
    if (closed) return;
    client = null;
    connecting = null;
    listening.clear();
    setTimeout(() => void connect().catch(reconnectLater), retryMs).unref();
    retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
  };

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const connection = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      connection.on("notification", ({ channel, payload }) => {
        if (!payload || !channel.startsWith(CHANNEL_PREFIX)) return;
        const topic = channel.slice(CHANNEL_PREFIX.length);
        const envelope = readEnvelope(payload);
        if (!envelope) {
          // Not one of ours (a NOTIFY typed by hand?). It may have stood for a change: flush, as for a lost notice.
          console.warn(`[changes] ignored an unreadable notice on ${channel}`);
          listeners.missed([topic]);
          return;
        }
        // This instance delivered its own notices when it published them.
        if (envelope.origin !== origin) listeners.deliver(topic, envelope.payload);
      });
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        connection.removeAllListeners("notification");
        void connection.end().catch(() => undefined);
        reconnectLater();
      };
      connection.on("error", onLost);
      connection.on("end", onLost);
      await connection.connect();
      const topics = listeners.topics;
      for (const topic of topics) await listen(connection, topic);
      client = connection;
      retryMs = RECONNECT_MIN_MS;
      // Whatever was published before these LISTENs took effect (since the first subscription, or while the
      // connection was down) is gone: say so.
      listeners.missed(topics);
    })());

  return {
    publish: async (topic, payload) => {
      listeners.deliver(topic, payload);
      const envelope: Envelope = { origin, payload };
      try {
        await pool.query("SELECT pg_notify($1, $2)", [`${CHANNEL_PREFIX}${topic}`, JSON.stringify(envelope)]);
      } catch (error) {
        console.warn(`[changes] could not notify the other instances of ${topic}: ${(error as Error).message}`);
      }
    },
    subscribe: (topic, listener) => {
      const unsubscribe = listeners.subscribe(topic, listener);
      // A topic new to a connection already up: what was published before its LISTEN took effect is gone too.
      void connect()
        .then(async () => {
          if (!client || listening.has(topic)) return;
          await listen(client, topic);
          listeners.missed([topic]);
        })
        .catch(reconnectLater);
      return unsubscribe;
    },
    onMissed: (topic, listener) => listeners.onMissed(topic, listener),
    close: async () => {
      closed = true;
      const connection = client;
      client = null;
      connection?.removeAllListeners("end");
      await connection?.end().catch(() => undefined);
    },
  };
}

function readEnvelope(text: string): Envelope | null {
  try {
    const value = JSON.parse(text) as Partial<Envelope> | null;
    return typeof value?.origin === "string" && "payload" in value ? (value as Envelope) : null;
  } catch {
    return null;
  }
}
