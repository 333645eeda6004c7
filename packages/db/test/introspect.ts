import type Database from "better-sqlite3";
import type pg from "pg";

/**
 * A database's tables as the models see them, in words both databases share:
 * what the two migration sets must agree on. Defaults are left out (their
 * spelling differs: 'USER' against 'USER'::"Role"), as is Prisma's own table.
 */
export interface Table {
  columns: Record<string, { type: string; nullable: boolean }>;
  primaryKey: string[];
  /** By name: the columns (with DESC where descending) and whether it is unique. */
  indexes: Record<string, { columns: string[]; unique: boolean }>;
  foreignKeys: { columns: string[]; references: string; to: string[]; onDelete: string; onUpdate: string }[];
}
export type Model = Record<string, Table>;

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

// SQLite spells column types as Prisma wrote them; enums are TEXT there.
const SQLITE_TYPES: Record<string, string> = {
  TEXT: "text",
  DATETIME: "datetime",
  INTEGER: "int",
  BIGINT: "bigint",
  BOOLEAN: "boolean",
  REAL: "float",
};
const POSTGRES_TYPES: Record<string, string> = {
  text: "text",
  "timestamp without time zone": "datetime",
  integer: "int",
  bigint: "bigint",
  boolean: "boolean",
  "double precision": "float",
  "USER-DEFINED": "text",
};
const POSTGRES_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

const sortTables = (model: Model): Model => Object.fromEntries(Object.entries(model).sort(([a], [b]) => a.localeCompare(b)));

export function introspectSQLite(sqlite: Database.Database): Model {
  const model: Model = {};
  const tables = sqlite
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .filter(({ name }) => !IGNORED_TABLES.has(name));
  for (const { name } of tables) {
    const columns = sqlite.pragma(`table_info("${name}")`) as { name: string; type: string; notnull: number; pk: number }[];
    const indexes = sqlite.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[];
    const foreignKeys = sqlite.pragma(`foreign_key_list("${name}")`) as {
      id: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    model[name] = {
      columns: Object.fromEntries(
        columns.map((c) => [c.name, { type: SQLITE_TYPES[c.type] ?? `sqlite:${c.type}`, nullable: c.notnull === 0 && c.pk === 0 }]),
      ),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      indexes: Object.fromEntries(
        indexes
          .filter((index) => index.origin !== "pk")
          .map((index) => {
            const keys = (sqlite.pragma(`index_xinfo("${index.name}")`) as { name: string; desc: number; key: number }[]).filter(
              (k) => k.key === 1,
            );
            return [index.name, { columns: keys.map((k) => (k.desc ? `${k.name} DESC` : k.name)), unique: index.unique === 1 }];
          }),
      ),
      // One row per column of a key; rows of one key share its id.
      foreignKeys: [...new Set(foreignKeys.map((fk) => fk.id))].map((id) => {
        const parts = foreignKeys.filter((fk) => fk.id === id);
        return {
          columns: parts.map((p) => p.from),
          references: parts[0]!.table,
          to: parts.map((p) => p.to),
          onDelete: parts[0]!.on_delete,
          onUpdate: parts[0]!.on_update,
        };
      }),
    };
  }
  return sortTables(model);
}

export async function introspectPostgres(client: pg.Client): Promise<Model> {
  const model: Model = {};
  const { rows: columns } = await client.query<{ table: string; name: string; type: string; nullable: string }>(`
    SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  for (const c of columns) {
    if (IGNORED_TABLES.has(c.table)) continue;
    const table = (model[c.table] ??= { columns: {}, primaryKey: [], indexes: {}, foreignKeys: [] });
    table.columns[c.name] = { type: POSTGRES_TYPES[c.type] ?? `postgres:${c.type}`, nullable: c.nullable === "YES" };
  }
  const { rows: indexes } = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
           array_agg(a.attname || CASE WHEN ix.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END ORDER BY k.ord) AS columns
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
  for (const index of indexes) {
    const table = model[index.table];
    if (!table) continue;
    if (index.primary) table.primaryKey = index.columns;
    else table.indexes[index.name] = { columns: index.columns, unique: index.unique };
  }
  const { rows: foreignKeys } = await client.query<{
    table: string;
    columns: string[];
    references: string;
    to: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT t.relname::text AS table, r.relname::text AS references, c.confdeltype AS on_delete, c.confupdtype AS on_update,
           ARRAY(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o) AS columns,
           ARRAY(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o) AS to
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    WHERE c.contype = 'f'`);
  for (const fk of foreignKeys) {
    model[fk.table]?.foreignKeys.push({
      columns: fk.columns,
      references: fk.references,
      to: fk.to,
      onDelete: POSTGRES_ACTIONS[fk.on_delete] ?? fk.on_delete,
      onUpdate: POSTGRES_ACTIONS[fk.on_update] ?? fk.on_update,
    });
  }
  return sortTables(model);
}
