import Database from 'better-sqlite3';
import {
  exactInstant,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  fieldOf,
  isInstantColumn,
  readInstant,
} from '../core/export-format';
import type { ExportPiece } from '../core/json-sections';
import { SETTINGS } from '../core/settings';
import { UsageError } from '../errors';
import { BulkWrites, type StampedTable } from './bulk-writes';
import { EXPORT_VIEWS } from './export-view';
import { SCHEMA_VERSION } from './journal';
import { MIGRATIONS } from './migrations';
import { nativeBindingPath } from './native';
import { preparedOnce } from './prepared';

/**
 * Export and import of connect's own JSON. Table-driven: the columns come from the live schema, so a
 * column added by a later migration travels without touching this file. Rows that may travel between
 * devices carry a `uuid` (see migrations.ts); tables without one are either declared below as lists
 * inside their parent row, or are this device's own state (the undo history) and stay home.
 */

interface ChildSpec {
  /** The JSON field on the parent row. */
  field: string;
  table: string;
  /** The column pointing at the parent's rowid. */
  parent: string;
  /** The one column listed; a foreign key to a table with uuids travels as that uuid. */
  value: string;
  /** Kept as the position in the list. */
  order?: string;
  /** Columns repeated from the parent row (child column → parent column). */
  copy?: Record<string, string>;
}

export interface TableSpec {
  section: string;
  table: string;
  key: 'uuid' | 'key';
  /** 0/1 columns shown as true/false. */
  booleans?: string[];
  children?: ChildSpec[];
}

const KNOWN: TableSpec[] = [
  {
    section: 'people',
    table: 'people',
    key: 'uuid',
    booleans: ['archived'],
    children: [
      { field: 'aliases', table: 'person_aliases', parent: 'person_id', value: 'alias' },
      { field: 'tags', table: 'person_tags', parent: 'person_id', value: 'tag' },
    ],
  },
  {
    section: 'touchpoints',
    table: 'touchpoints',
    key: 'uuid',
    booleans: ['paused'],
    children: [{ field: 'people', table: 'touchpoint_people', parent: 'touchpoint_id', value: 'person_id' }],
  },
  {
    section: 'entries',
    table: 'entries',
    key: 'uuid',
    booleans: ['small'],
    children: [
      {
        field: 'people',
        table: 'entry_people',
        parent: 'entry_id',
        value: 'person_id',
        order: 'position',
        copy: { at: 'at' },
      },
    ],
  },
  { section: 'checkins', table: 'checkins', key: 'uuid' },
];
const SETTINGS_SPEC: TableSpec = { section: 'settings', table: 'settings', key: 'key' };

/** This device's own state (undo history, when the help line was last shown, the derived nudge plan and its bookkeeping, sync's clock, stamps, files seen and merges of people, the derived summaries): never exported, never imported. */
export const LOCAL_TABLES = [
  'undo_groups',
  'undo_log',
  'help_line',
  'nudge_plan',
  'nudge_stale_people',
  'sync_clock',
  'sync_stamps',
  'sync_seen',
  'sync_merged',
  'summary_groups',
  'summary_people',
  'summary_hours',
  'summary_eras',
];

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}

interface ForeignKey {
  table: string;
  from: string;
  to: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableNames(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

function columnsOf(db: Database.Database, table: string): ColumnInfo[] {
  return db.pragma(`table_info(${ident(table)})`) as ColumnInfo[];
}

function foreignKeys(db: Database.Database, table: string): ForeignKey[] {
  return db.pragma(`foreign_key_list(${ident(table)})`) as ForeignKey[];
}

const hasUuid = (db: Database.Database, table: string) => columnsOf(db, table).some((c) => c.name === 'uuid');

/** The tables that travel, in an order where every row's references come before it. */
export function transferPlan(db: Database.Database): TableSpec[] {
  const tables = tableNames(db);
  const known = KNOWN.filter((spec) => tables.includes(spec.table));
  const claimed = new Set([
    ...KNOWN.flatMap((s) => [s.table, ...(s.children ?? []).map((c) => c.table)]),
    SETTINGS_SPEC.table,
    ...LOCAL_TABLES,
  ]);
  // A table added later with uuids travels too, under its own name.
  const others = tables
    .filter((t) => !claimed.has(t) && hasUuid(db, t))
    .map((table): TableSpec => ({ section: fieldOf(table), table, key: 'uuid' }));
  return [...known, ...others, ...(tables.includes('settings') ? [SETTINGS_SPEC] : [])];
}

/** Tables that are neither exported nor declared as this device's own; empty unless a migration forgot to say. */
export function untravelledTables(db: Database.Database): string[] {
  const plan = transferPlan(db);
  const covered = new Set([
    ...plan.flatMap((s) => [s.table, ...(s.children ?? []).map((c) => c.table)]),
    ...LOCAL_TABLES,
  ]);
  return tableNames(db).filter((t) => !covered.has(t));
}

interface Shape {
  spec: TableSpec;
  columns: ColumnInfo[];
  /** Columns that point at another table's rowid: they travel as that row's uuid. */
  refs: Map<string, string>;
}

/** How one column's value is read from the file, worked out once per import rather than once per row. */
interface ColumnPlan {
  column: ColumnInfo;
  field: string;
  kind: 'ref' | 'instant' | 'boolean' | 'integer' | 'text' | 'any';
  /** The table a `ref` column points into. */
  ref?: string;
}

function planOf(shape: Shape, column: ColumnInfo): ColumnPlan {
  const field = fieldOf(column.name);
  const ref = shape.refs.get(column.name);
  if (ref) return { column, field, kind: 'ref', ref };
  const type = column.type.toUpperCase();
  if (isInstantColumn(column.name) && type.includes('INT')) return { column, field, kind: 'instant' };
  if (shape.spec.booleans?.includes(column.name)) return { column, field, kind: 'boolean' };
  if (type.includes('INT')) return { column, field, kind: 'integer' };
  if (type.includes('TEXT') || type.includes('CHAR') || type.includes('CLOB')) return { column, field, kind: 'text' };
  return { column, field, kind: 'any' };
}

interface Layout {
  shape: Shape;
  plans: ColumnPlan[];
  fields: Map<string, ColumnInfo>;
  childFields: Map<string, ChildSpec>;
  byKey: Database.Statement;
}

function shapeOf(db: Database.Database, spec: TableSpec): Shape {
  const columns = columnsOf(db, spec.table).filter((c) => !(c.name === 'id' && c.pk === 1));
  const refs = new Map<string, string>();
  for (const fk of foreignKeys(db, spec.table))
    if (fk.to === 'id' && hasUuid(db, fk.table)) refs.set(fk.from, fk.table);
  return { spec, columns, refs };
}

function uuidsById(db: Database.Database, table: string): Map<number, string> {
  const rows = db
    .prepare(`SELECT id, uuid FROM ${ident(table)}`)
    .raw()
    .all() as [number, string][];
  return new Map(rows);
}

function childRefTable(db: Database.Database, child: ChildSpec): string | null {
  const fk = foreignKeys(db, child.table).find((f) => f.from === child.value && f.to === 'id');
  return fk && hasUuid(db, fk.table) ? fk.table : null;
}

export type ExportDocument = Record<string, unknown>;

/** The header every export starts with. */
const exportHeader = (): ExportDocument => ({
  format: EXPORT_FORMAT,
  formatVersion: EXPORT_FORMAT_VERSION,
  schemaVersion: SCHEMA_VERSION,
});

/** Each section that travels with its rows, read lazily with uuids for references and exact instants. */
function* exportSections(db: Database.Database): Generator<[section: string, rows: Iterable<unknown>]> {
  const uuidCache = new Map<string, Map<number, string>>();
  const uuids = (table: string) => {
    if (!uuidCache.has(table)) uuidCache.set(table, uuidsById(db, table));
    return uuidCache.get(table) as Map<number, string>;
  };
  for (const spec of transferPlan(db)) {
    const view = EXPORT_VIEWS[spec.section];
    yield [spec.section, view ? view(db) : tableRows(db, spec, uuids)];
  }
}

/** A table without a typed view, column by column; its lists are gathered first (they belong to few rows). */
function* tableRows(
  db: Database.Database,
  spec: TableSpec,
  uuids: (table: string) => Map<number, string>,
): Generator<Record<string, unknown>> {
  const shape = shapeOf(db, spec);
  const names = shape.columns.map((c) => c.name);
  const order = [names.includes('at') ? 'at' : names.includes('created_at') ? 'created_at' : null, spec.key]
    .filter(Boolean)
    .map((c) => ident(c as string));
  const select = spec.key === 'uuid' ? `id, ${names.map(ident).join(', ')}` : names.map(ident).join(', ');
  const children = (spec.children ?? []).map((child) => {
    const refTable = childRefTable(db, child);
    const listed = db
      .prepare(
        `SELECT ${ident(child.parent)} AS parent, ${ident(child.value)} AS value FROM ${ident(child.table)} ORDER BY ${ident(child.order ?? child.value)}`,
      )
      .all() as { parent: number; value: unknown }[];
    const byParent = new Map<number, unknown[]>();
    for (const { parent, value } of listed) {
      const shown = refTable ? uuids(refTable).get(value as number) : value;
      byParent.set(parent, [...(byParent.get(parent) ?? []), shown]);
    }
    return { child, byParent };
  });
  const rows = db
    .prepare(`SELECT ${select} FROM ${ident(spec.table)} ORDER BY ${order.join(', ')}`)
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    const out: Record<string, unknown> = {};
    for (const column of shape.columns) {
      const value = row[column.name];
      const ref = shape.refs.get(column.name);
      if (ref) out[fieldOf(column.name)] = value === null ? null : (uuids(ref).get(value as number) ?? null);
      else if (isInstantColumn(column.name) && typeof value === 'number')
        out[fieldOf(column.name)] = exactInstant(value);
      else if (spec.booleans?.includes(column.name)) out[fieldOf(column.name)] = value === 1;
      else out[fieldOf(column.name)] = value;
    }
    for (const { child, byParent } of children) out[child.field] = byParent.get(row.id as number) ?? [];
    yield out;
  }
}

/** Everything that travels, as one document in memory; read in one snapshot. */
export function exportJournal(db: Database.Database): ExportDocument {
  const read = db.transaction(() => {
    const document = exportHeader();
    for (const [section, rows] of exportSections(db)) document[section] = [...rows];
    return document;
  });
  return read();
}

/** A value as JSON.stringify(value, null, 2) writes it inside a row (six spaces in), when it is flat: else null. */
function flatValue(value: unknown): string | null {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Array.isArray(value)) return typeof value === 'object' ? null : JSON.stringify(value);
  if (value.length === 0) return '[]';
  let text = '[';
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item !== null && typeof item === 'object') return null;
    text += `${i === 0 ? '' : ','}\n        ${JSON.stringify(item) ?? 'null'}`;
  }
  return `${text}\n      ]`;
}

/** Each field name as it starts its line in a row: a million rows repeat the same few names. */
const keyLines = new Map<string, string>();
const keyLine = (key: string): string => {
  let line = keyLines.get(key);
  if (line === undefined) {
    line = `\n      ${JSON.stringify(key)}: `;
    keyLines.set(key, line);
  }
  return line;
};

/**
 * A row as `JSON.stringify(row, null, 2)` writes it four spaces in: by hand for the flat rows connect exports (a
 * million rows spend most of an export here), through JSON.stringify for anything else.
 */
function indented(row: unknown): string {
  const generic = () => `    ${JSON.stringify(row, null, 2).replace(/\n/g, '\n    ')}`;
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return generic();
  let text = '';
  for (const key in row) {
    if (!Object.hasOwn(row, key)) continue;
    const value = (row as Record<string, unknown>)[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const shown = flatValue(value);
    if (shown === null) return generic();
    text += `${text === '' ? '' : ','}${keyLine(key)}${shown}`;
  }
  return text === '' ? '    {}' : `    {${text}\n    }`;
}

/**
 * The same document as JSON text, byte for byte `JSON.stringify(exportJournal(db), null, 2)` and a line break,
 * in pieces as the rows are read (in one snapshot), so a journal of any size is written in flat memory.
 * `counted` hears of each row as it goes by.
 */
export function* exportJournalText(
  db: Database.Database,
  counted: (section: string) => void = () => {},
): Generator<string> {
  db.exec('BEGIN');
  try {
    yield `{\n${Object.entries(exportHeader())
      .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(',\n')}`;
    for (const [section, rows] of exportSections(db)) {
      yield `,\n  ${JSON.stringify(section)}: [`;
      let first = true;
      for (const row of rows) {
        yield `${first ? '\n' : ',\n'}${indented(row)}`;
        first = false;
        counted(section);
      }
      yield first ? ']' : '\n  ]';
    }
    yield '\n}\n';
  } finally {
    db.exec('COMMIT');
  }
}

export interface Tally {
  added: number;
  updated: number;
  unchanged: number;
}
export type ImportTally = Record<string, Tally>;

const HEADER_FIELDS = ['format', 'formatVersion', 'schemaVersion', 'exportedAt'];

/** Checks the outside of a connect export before the journal is opened; rows are checked against the schema later. */
export function checkExportHeader(value: unknown, what: string): Record<string, unknown> {
  const expected = `${what} is not a connect export: expected the JSON written by connect export --format json`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${expected}.`);
  const document = value as Record<string, unknown>;
  if (document.format !== EXPORT_FORMAT)
    throw new UsageError(
      `${expected} (with "format": "${EXPORT_FORMAT}").`,
      'For friends.md or a Daylio CSV, add --from friends or --from daylio.',
    );
  const version = document.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new UsageError(`${expected}; its formatVersion is missing.`);
  if (version > EXPORT_FORMAT_VERSION) {
    throw new UsageError(
      `${what} was written by a newer connect (export format ${version}; this one reads up to ${EXPORT_FORMAT_VERSION}).`,
      'Update connect, then import it.',
    );
  }
  for (const [key, section] of Object.entries(document)) {
    if (HEADER_FIELDS.includes(key)) continue;
    if (!Array.isArray(section)) throw new UsageError(`${expected}; "${key}" should be a list.`);
    section.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw new UsageError(`${what}: ${key}[${i}] should be an object.`, 'Nothing was imported.');
    });
  }
  return document;
}

/** Merges rows of a connect export into the journal, one at a time, inside the caller's transaction. */
export class RowImporter {
  private readonly uuidToId = new Map<string, Map<string, number>>();
  private readonly inserts = new Map<string, Database.Statement>();
  private readonly refTables = new Map<string, string | null>();

  private refTable(child: ChildSpec): string | null {
    if (!this.refTables.has(child.table)) this.refTables.set(child.table, childRefTable(this.db, child));
    return this.refTables.get(child.table) ?? null;
  }

  constructor(
    private readonly db: Database.Database,
    private readonly now: Date,
    private readonly what: string,
    private readonly fileSchema: unknown,
    /** Writes new rows without their per-row triggers (bulk-writes.ts); absent, every row fires them. */
    private readonly bulk?: BulkWrites,
  ) {}

  private fail(where: string, message: string): never {
    const newer = typeof this.fileSchema === 'number' && this.fileSchema > SCHEMA_VERSION;
    throw new UsageError(
      `${this.what}: ${where} ${message}`,
      newer
        ? `The file comes from a newer connect (schema ${String(this.fileSchema)}; this one knows ${SCHEMA_VERSION}): update connect first.`
        : 'Nothing was imported.',
    );
  }

  /**
   * The local rowid of a uuid in `table`; a person merged away stands for the one they were merged into (or for
   * themselves while that person is not in the journal: a sync may bring the merge before the person).
   */
  resolve(table: string, uuid: unknown, where: string | (() => string)): number {
    const at = () => (typeof where === 'string' ? where : where());
    if (typeof uuid !== 'string') this.fail(at(), `should be an id (a string); got ${JSON.stringify(uuid)}.`);
    let cache = this.uuidToId.get(table);
    if (!cache) {
      cache = new Map<string, number>();
      this.uuidToId.set(table, cache);
    }
    const known = cache.get(uuid);
    if (known !== undefined) return known;
    let row = preparedOnce(this.db, `SELECT * FROM ${ident(table)} WHERE uuid = ?`).get(uuid) as
      | Record<string, unknown>
      | undefined;
    for (
      let hops = 0;
      row && table === 'people' && typeof row.merged_into === 'string' && row.deleted_at !== null && hops < 20;
      hops += 1
    ) {
      const into = preparedOnce(this.db, 'SELECT * FROM people WHERE uuid = ?').get(row.merged_into) as
        | Record<string, unknown>
        | undefined;
      if (!into) break;
      row = into;
    }
    if (!row) this.fail(at(), `points at ${table} ${uuid}, which is in neither the file nor the journal.`);
    cache.set(uuid, row.id as number);
    return row.id as number;
  }

  /** A value from the file as its column stores it, or a usage error naming `where` and the field. */
  private value(plan: ColumnPlan, raw: unknown, where: string): unknown {
    const at = () => `${where}.${plan.field}`;
    if (raw === null) {
      if (plan.column.notnull) this.fail(at(), 'cannot be empty.');
      return null;
    }
    switch (plan.kind) {
      case 'ref':
        return this.resolve(plan.ref as string, raw, at());
      case 'instant': {
        const ms = readInstant(raw);
        if (ms === null)
          this.fail(
            at(),
            `should be an ISO 8601 instant like 2026-11-26T11:00:00.000+01:00; got ${JSON.stringify(raw)}.`,
          );
        return ms;
      }
      case 'boolean':
        if (typeof raw === 'boolean') return raw ? 1 : 0;
        if (raw === 0 || raw === 1) return raw;
        this.fail(at(), `should be true or false; got ${JSON.stringify(raw)}.`);
        break;
      case 'integer':
        if (typeof raw !== 'number' || !Number.isSafeInteger(raw))
          this.fail(at(), `should be a whole number; got ${JSON.stringify(raw)}.`);
        return raw;
      case 'text':
        if (typeof raw !== 'string') this.fail(at(), `should be text; got ${JSON.stringify(raw)}.`);
        return raw;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number')
      this.fail(at(), `should be text or a number; got ${JSON.stringify(raw)}.`);
    return raw;
  }

  private checkSetting(row: Record<string, unknown>, where: string): void {
    const definition = SETTINGS.find((s) => s.key === row.key);
    if (!definition || typeof row.value !== 'string') return;
    try {
      definition.parse(row.value);
    } catch (error) {
      this.fail(where, error instanceof Error ? error.message : String(error));
    }
  }

  /** Inserts rows the journal lacks and updates those the file has newer (by updated time); returns the tally. */
  importSection(spec: TableSpec, rows: Record<string, unknown>[]): Tally {
    const tally: Tally = { added: 0, updated: 0, unchanged: 0 };
    rows.forEach((record, index) => {
      this.importRow(spec, record, index, tally);
    });
    return tally;
  }

  private readonly layouts = new Map<string, Layout>();

  private layoutOf(spec: TableSpec): Layout {
    let layout = this.layouts.get(spec.table);
    if (!layout) {
      const shape = shapeOf(this.db, spec);
      layout = {
        shape,
        plans: shape.columns.map((column) => planOf(shape, column)),
        fields: new Map(shape.columns.map((c) => [fieldOf(c.name), c])),
        childFields: new Map((spec.children ?? []).map((c) => [c.field, c])),
        byKey: this.db.prepare(`SELECT * FROM ${ident(spec.table)} WHERE ${ident(spec.key)} = ?`),
      };
      this.layouts.set(spec.table, layout);
    }
    return layout;
  }

  /** Merges one row (already checked against journal-rows' schemas): added, updated when newer, or left; counted in `tally`. */
  importRow(spec: TableSpec, record: Record<string, unknown>, index: number, tally: Tally): void {
    const { plans, fields, childFields, byKey } = this.layoutOf(spec);
    const where = `${spec.section}[${index}]`;
    for (const key in record) {
      if (Object.hasOwn(record, key) && !fields.has(key) && !childFields.has(key))
        this.fail(where, `has a field "${key}" that this connect does not know.`);
    }
    const keyValue = record[fieldOf(spec.key)];
    if (typeof keyValue !== 'string' || keyValue === '') this.fail(where, `needs "${fieldOf(spec.key)}".`);
    const values = new Map<string, unknown>();
    for (const plan of plans) {
      if (!(plan.field in record)) {
        if (plan.column.notnull && plan.column.dflt_value === null) this.fail(where, `needs "${plan.field}".`);
        continue;
      }
      values.set(plan.column.name, this.value(plan, record[plan.field], where));
    }
    if (spec.table === 'settings') this.checkSetting(Object.fromEntries(values), where);
    try {
      // After a new row, the next is likely new too: it is inserted unless its key is taken, which finds out with
      // one look into the key's index instead of two (a lookup, then the insert).
      if (this.lastAdded === spec.table && spec.table !== 'people') {
        this.bulk?.inserting();
        const rowId = this.insertNew(spec, values);
        if (rowId !== null) {
          this.writeChildren(spec, rowId, record, where, false, values);
          tally.added += 1;
          return;
        }
      }
      const existing = byKey.get(keyValue) as Record<string, unknown> | undefined;
      this.lastAdded = existing ? null : spec.table;
      if (!existing) {
        const same = this.sameNamed(spec, values);
        if (same) this.bulk?.writingOther();
        else this.bulk?.inserting();
        const { rowId, owner } = this.insert(spec, values, same);
        this.writeChildren(spec, owner, record, where, false, owner === rowId ? values : undefined);
        tally.added += 1;
      } else if (
        typeof existing.updated_at === 'number' &&
        typeof values.get('updated_at') === 'number' &&
        (values.get('updated_at') as number) > existing.updated_at
      ) {
        this.bulk?.writingOther();
        // A person merged on the way in stays merged: merging is one-way, like connect people merge.
        if (
          spec.table === 'people' &&
          existing.merged_into !== null &&
          existing.deleted_at !== null &&
          values.get('deleted_at') == null
        ) {
          values.set('merged_into', existing.merged_into);
          values.set('deleted_at', existing.deleted_at);
        }
        const sets = [...values.keys()].map((c) => `${ident(c)} = @${c}`);
        preparedOnce(
          this.db,
          `UPDATE ${ident(spec.table)} SET ${sets.join(', ')} WHERE ${ident(spec.key)} = @__key`,
        ).run({
          ...Object.fromEntries(values),
          __key: keyValue,
        });
        const mergedAway =
          spec.table === 'people' && values.get('deleted_at') != null && typeof values.get('merged_into') === 'string';
        if (mergedAway) this.writeChildren(spec, this.resolve('people', existing.uuid, where), record, where);
        else if (spec.key === 'uuid') this.writeChildren(spec, existing.id as number, record, where, true);
        tally.updated += 1;
      } else tally.unchanged += 1;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT'))
        this.fail(where, `does not fit the journal: ${(error as Error).message}.`);
      throw error;
    }
  }

  /** The table whose last row was added, so that its next row is tried as new first. */
  private lastAdded: string | null = null;

  /** About to read a section of the file: an empty table may be filled before its key index is built. */
  startSection(spec: TableSpec): void {
    this.bulk?.fillingEmpty(spec.table, spec.key);
  }

  /** The last section read: its key index is built again if it was left out. */
  endSection(): void {
    this.bulk?.keyedAgain();
  }

  /** Inserts a row whose key may be taken; returns its rowid, or null (nothing written) when the key is taken. */
  private insertNew(spec: TableSpec, values: Map<string, unknown>, asRead = true): number | null {
    const { changes, lastInsertRowid } = this.insertStatement(spec, values, asRead).run([...values.values()]);
    return changes === 1 ? Number(lastInsertRowid) : null;
  }

  /** Someone already in this journal under the same name as a new person: the same person. */
  private sameNamed(spec: TableSpec, values: Map<string, unknown>): { id: number; uuid: string } | undefined {
    if (spec.table !== 'people' || values.get('deleted_at') != null || typeof values.get('name') !== 'string')
      return undefined;
    return preparedOnce(
      this.db,
      'SELECT id, uuid FROM people WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL',
    ).get(values.get('name')) as { id: number; uuid: string } | undefined;
  }

  /**
   * Inserts a row; returns its rowid and the rowid that owns its lists (another person's, when it was merged on
   * the way in: the file's row is kept as merged into `same`).
   */
  private insert(
    spec: TableSpec,
    values: Map<string, unknown>,
    same?: { id: number; uuid: string },
  ): { rowId: number; owner: number } {
    let owner: number | null = null;
    if (same) {
      values.set('merged_into', same.uuid);
      values.set('deleted_at', this.now.getTime());
      owner = same.id;
    }
    // The key was looked up and is free: the insert that also serves rows tried as new, one statement for both.
    const rowId = this.insertNew(spec, values, !same);
    if (rowId === null) throw new Error(`The ${spec.table} row looked up as new has a key already taken.`);
    return { rowId, owner: owner ?? rowId };
  }

  /**
   * The insert of these columns, which writes nothing when the row's key is taken. `asRead`: the values were set in
   * the layout's order, as a row is read (not changed since).
   */
  private insertStatement(spec: TableSpec, values: Map<string, unknown>, asRead: boolean): Database.Statement {
    // A row with every column (as connect exports them) has them in the layout's order: no key to build.
    const every = asRead && values.size === this.layoutOf(spec).plans.length;
    const columns = every ? null : [...values.keys()];
    const unkeyed = this.bulk?.unkeyedTable === spec.table;
    // Keyed by the columns alone: the statement's text is built once for each set of columns a file uses.
    const key = `${unkeyed ? '\u0001' : ''}${spec.table}${columns ? `\u0000${columns.join('\u0000')}` : ''}`;
    let statement = this.inserts.get(key);
    if (!statement) {
      const names = columns ?? [...values.keys()];
      statement = this.db.prepare(
        `INSERT INTO ${ident(spec.table)}(${names.map(ident).join(', ')}) VALUES (${names.map(() => '?').join(', ')})${unkeyed ? '' : ` ON CONFLICT(${ident(spec.key)}) DO NOTHING`}`,
      );
      this.inserts.set(key, statement);
    }
    return statement;
  }

  /** Writes a row's lists (aliases, tags, people) onto `owner`; an update replaces the old lists. */
  private writeChildren(
    spec: TableSpec,
    owner: number,
    record: Record<string, unknown>,
    where: string,
    replace = false,
    /** The parent's columns when they are at hand (a row just inserted), or else they are read. */
    parentValues?: Map<string, unknown>,
  ): void {
    for (const child of spec.children ?? []) {
      const list = record[child.field];
      if (list === undefined) continue;
      if (!Array.isArray(list)) this.fail(`${where}.${child.field}`, 'should be a list.');
      if (replace)
        preparedOnce(this.db, `DELETE FROM ${ident(child.table)} WHERE ${ident(child.parent)} = ?`).run(owner);
      const { refTable, copies, insert } = this.childPlan(child);
      const parentRow =
        copies.length === 0 || parentValues
          ? undefined
          : (preparedOnce(this.db, `SELECT * FROM ${ident(spec.table)} WHERE id = ?`).get(owner) as Record<
              string,
              unknown
            >);
      const copied = copies.map((column) => (parentValues ? parentValues.get(column) : parentRow?.[column]) ?? null);
      for (let position = 0; position < list.length; position++) {
        const item: unknown = list[position];
        const at = () => `${where}.${child.field}[${position}]`;
        let value: unknown = item;
        if (refTable) value = this.resolve(refTable, item, at);
        else if (typeof item !== 'string' || item.trim() === '')
          this.fail(at(), `should be text; got ${JSON.stringify(item)}.`);
        if (child.order) insert.run(owner, value, position, ...copied);
        else insert.run(owner, value, ...copied);
      }
    }
  }

  private readonly childPlans = new Map<
    string,
    { refTable: string | null; copies: string[]; insert: Database.Statement }
  >();

  /** A list's table, what its values point at, the parent columns it repeats and its insert, once per import. */
  private childPlan(child: ChildSpec) {
    let plan = this.childPlans.get(child.table);
    if (!plan) {
      const copies = Object.entries(child.copy ?? {});
      const columns = [child.parent, child.value, ...(child.order ? [child.order] : []), ...copies.map(([c]) => c)];
      plan = {
        refTable: this.refTable(child),
        copies: copies.map(([, parentColumn]) => parentColumn),
        insert: this.db.prepare(
          `INSERT OR IGNORE INTO ${ident(child.table)}(${columns.map(ident).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        ),
      };
      this.childPlans.set(child.table, plan);
    }
    return plan;
  }
}

/**
 * Merges an export read a piece at a time (export-file.ts), in one pass: each row is checked by `check` and
 * merged at once, so the first bad row stops the import and the caller's transaction takes all of it back. A
 * row may point at rows of an earlier list, so the lists must come in the order connect export writes them.
 */
export function importJournalPieces(
  db: Database.Database,
  now: Date,
  file: { header: Record<string, unknown>; pieces: Iterable<ExportPiece> },
  what: string,
  check: (section: string, row: unknown, index: number) => void,
  options: ImportOptions = { bulk: true },
): ImportTally {
  const plan = transferPlan(db);
  const bulk = options.bulk ? new BulkWrites(db, stampedTables(db, plan)) : undefined;
  const importer = new RowImporter(db, now, what, file.header.schemaVersion, bulk);
  db.pragma('defer_foreign_keys = ON');
  // A million new ids land all over the uuid index: a larger page cache keeps it from being read back and again.
  const cacheSize = db.pragma('cache_size', { simple: true });
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    const tally = importPieces(plan, importer, file.pieces, what, check);
    bulk?.writingOther();
    return tally;
  } finally {
    db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

/**
 * Before a large import's transaction: into a journal with no entries yet, every entry is a new row, written in
 * bulk, and the sorts that build their indexes afterwards may spill to a temporary file (as an export's do) rather
 * than hold a million ids in memory; BulkWrites.fillingEmpty builds the id index that way only then. A journal with
 * entries keeps temporary storage in memory, for the statement journals of the rows it updates one by one (on a
 * file, 100,000 updated entries took 66 s instead of 51 s).
 */
export function sortsMaySpill(db: Database.Database): void {
  if (!db.prepare('SELECT EXISTS (SELECT 1 FROM entries)').pluck().get()) db.pragma('temp_store = FILE');
}

/** How an import writes: `bulk`, new rows without their per-row triggers (bulk-writes.ts), with the same outcome. */
export interface ImportOptions {
  bulk: boolean;
}

/** The travelling tables whose changes sync stamps, in the order an import writes them, with their stamped lists. */
function stampedTables(db: Database.Database, plan: TableSpec[]): StampedTable[] {
  const stamped = new Set(
    db
      .prepare("SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger' AND name = 'sync_' || tbl_name || '_insert'")
      .pluck()
      .all() as string[],
  );
  return plan
    .filter((spec) => stamped.has(spec.table))
    .map((spec) => ({
      table: spec.table,
      key: spec.key,
      children: (spec.children ?? [])
        .filter((child) => stamped.has(child.table))
        .map((child) => ({ table: child.table, parent: child.parent })),
    }));
}

/** The page cache while an import runs: 16 MB (negative: KiB, not pages), small beside the memory an import may take. */
const IMPORT_CACHE_KIB = -16 * 1024;

function importPieces(
  plan: TableSpec[],
  importer: RowImporter,
  pieces: Iterable<ExportPiece>,
  what: string,
  check: (section: string, row: unknown, index: number) => void,
): ImportTally {
  const tally: ImportTally = {};
  let position = -1;
  for (const piece of pieces) {
    if (piece.kind === 'field') {
      if (HEADER_FIELDS.includes(piece.key)) continue;
      throw new UsageError(`${what}: "${piece.key}" should be a list.`, 'Nothing was imported.');
    }
    if (piece.kind === 'list') {
      const next = plan.findIndex((s) => s.section === piece.key);
      if (next < 0)
        throw new UsageError(
          `${what} holds "${piece.key}", which this connect does not know.`,
          'It may come from a newer connect: update connect, then import it.',
        );
      if (next <= position)
        throw new UsageError(
          `${what}: "${piece.key}" comes after "${plan[position].section}"; a file this large is read in one pass, with its lists in the order connect export writes them (${plan.map((s) => s.section).join(', ')}).`,
          'Nothing was imported.',
        );
      position = next;
      tally[piece.key] = { added: 0, updated: 0, unchanged: 0 };
      importer.startSection(plan[position]);
      continue;
    }
    const row = piece.value;
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new UsageError(`${what}: ${piece.key}[${piece.index}] should be an object.`, 'Nothing was imported.');
    check(piece.key, row, piece.index);
    importer.importRow(plan[position], row as Record<string, unknown>, piece.index, tally[piece.key]);
  }
  importer.endSection();
  return tally;
}

/** Merges a connect export into the journal: new rows are added, rows changed on both sides keep the newer. */
export function importJournal(
  db: Database.Database,
  now: Date,
  document: Record<string, unknown>,
  what: string,
  options: ImportOptions = { bulk: false },
): ImportTally {
  const plan = transferPlan(db);
  const sections = new Set(plan.map((s) => s.section));
  const bulk = options.bulk ? new BulkWrites(db, stampedTables(db, plan)) : undefined;
  const importer = new RowImporter(db, now, what, document.schemaVersion, bulk);
  for (const key of Object.keys(document)) {
    if (!HEADER_FIELDS.includes(key) && !sections.has(key)) {
      throw new UsageError(
        `${what} holds "${key}", which this connect does not know.`,
        'It may come from a newer connect: update connect, then import it.',
      );
    }
  }
  db.pragma('defer_foreign_keys = ON');
  const tally: ImportTally = {};
  for (const spec of plan) {
    const rows = document[spec.section];
    if (rows === undefined) continue;
    tally[spec.section] = importer.importSection(spec, rows as Record<string, unknown>[]);
  }
  bulk?.writingOther();
  return tally;
}

/** What an export of a journal that does not exist yet looks like: a new journal's, built in memory. */
export function exportEmptyJournal(): ExportDocument {
  return withEmptyJournal(exportJournal);
}

/** The same as JSON text. */
export function exportEmptyJournalText(): string {
  return withEmptyJournal((db) => [...exportJournalText(db)].join(''));
}

function withEmptyJournal<T>(read: (db: Database.Database) => T): T {
  const nativeBinding = nativeBindingPath();
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    for (const migration of MIGRATIONS) migration.up(db);
    return read(db);
  } finally {
    db.close();
  }
}
