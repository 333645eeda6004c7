import { randomUUID } from "node:crypto";

import pg from "pg";

import { LocalListeners } from "./local";
import type { Changes } from "./types";

// Every topic's notices share one channel (channels are per database): one LISTEN per connection, made as it
// connects, so a subscriber to a new topic hears at once.
const CHANNEL = "gatehouse_changes";
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2_000;

interface Envelope {
  origin: string;
  topic: string;
  payload: unknown;
}

/**
 * PostgreSQL LISTEN/NOTIFY: a notice published on any instance reaches the
 * listeners of every instance within milliseconds. One dedicated connection per
 * instance listens. It connects on the first subscription or `listening()` (the
 * server awaits it at start) and reconnects by itself (a database restart, a
 * network cut). Each time its LISTEN takes effect, the first time included, it
 * reports "missed": a notice published before then reached no one here, so
 * caches flush what they can no longer trust and streams read what they missed.
 */
export function createPostgresChanges(url: string, pool: pg.Pool): Changes {
  const origin = randomUUID();
  const listeners = new LocalListeners();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retryMs = RECONNECT_MIN_MS;
  let closed = false;

  const reconnectLater = () => {
    if (closed) return;
    client = null;
    connecting = null;
    setTimeout(() => void connect().catch(() => undefined), retryMs).unref();
    retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
  };

  const onNotification = ({ channel, payload }: pg.Notification) => {
    if (channel !== CHANNEL || !payload) return;
    const envelope = readEnvelope(payload);
    if (!envelope) {
      // Not one of ours (a NOTIFY typed by hand?). It may have stood for a change: flush, as for a lost notice.
      console.warn(`[changes] ignored an unreadable notice on ${channel}`);
      listeners.missed();
      return;
    }
    // This instance delivered its own notices when it published them.
    if (envelope.origin !== origin) listeners.deliver(envelope.topic, envelope.payload);
  };

  /** Resolves once the LISTEN is in effect; on failure, rejects and tries again later. */
  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const connection = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      connection.on("notification", onNotification);
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
      try {
        await connection.connect();
        await connection.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        onLost();
        throw error;
      }
      if (closed) return void (await connection.end().catch(() => undefined));
      client = connection;
      retryMs = RECONNECT_MIN_MS;
      listeners.missed();
    })());

  return {
    publish: async (topic, payload) => {
      listeners.deliver(topic, payload);
      const envelope: Envelope = { origin, topic, payload };
      try {
        await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(envelope)]);
      } catch (error) {
        console.warn(`[changes] could not notify the other instances of ${topic}: ${(error as Error).message}`);
      }
    },
    subscribe: (topic, listener) => {
      const unsubscribe = listeners.subscribe(topic, listener);
      void connect().catch(() => undefined);
      return unsubscribe;
    },
    listening: connect,
    onMissed: (listener) => listeners.onMissed(listener),
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
    return typeof value?.origin === "string" && typeof value.topic === "string" && "payload" in value ? (value as Envelope) : null;
  } catch {
    return null;
  }
}
