import type Database from 'better-sqlite3';
import { rederiveKeeping } from './touchpoints';

/** The summary tables' time buckets: 16 days of UTC time, so a range's partial ends hold few entries. */
export const SUMMARY_BUCKET_MS = 16 * 86_400_000;
export const SUMMARY_HOUR_MS = 3_600_000;
/** summary_eras adds up this many buckets of summary_groups (256 days): a journal's years are a few dozen rows. */
export const SUMMARY_ERA_BUCKETS = 16;

/** floor(at / size) in SQL, right for instants before 1970 as well. */
const floorDiv = (at: string, size: number) => `((${at}) - (((${at}) % ${size}) + ${size}) % ${size}) / ${size}`;

/** The figures each summary row adds up; summary_people has all but the minutes. */
export const PERSON_FIGURES = [
  'n',
  'lift_n',
  'lift_sum',
  'lift_squares',
  'quality_n',
  'quality_sum',
  'quality_squares',
  'safe',
  'nonjudgmental',
  'available',
];
export const GROUP_FIGURES = [...PERSON_FIGURES, 'minutes_n', 'minutes_sum'];
const HOUR_FIGURES = ['interactions', 'moods', 'mood_sum'];

const felt = (r: string, name: string) => `instr(',' || coalesce(${r}.felt, '') || ',', ',${name},') > 0`;
const live = (r: string) => `${r}.deleted_at IS NULL AND ${r}.type = 'interaction'`;

/** What the interaction in row r adds to each figure, times `sign` (1 or -1). */
function figures(r: string, sign: string, columns: string[]): string {
  const lift = `${r}.mood_after - ${r}.mood_before`;
  const exprs: Record<string, string> = {
    n: '1',
    lift_n: `${r}.mood_before IS NOT NULL AND ${r}.mood_after IS NOT NULL`,
    lift_sum: `coalesce(${lift}, 0)`,
    lift_squares: `coalesce((${lift}) * (${lift}), 0)`,
    quality_n: `${r}.quality IS NOT NULL`,
    quality_sum: `coalesce(${r}.quality, 0)`,
    quality_squares: `coalesce(${r}.quality * ${r}.quality, 0)`,
    safe: felt(r, 'safe'),
    nonjudgmental: felt(r, 'nonjudgmental'),
    available: felt(r, 'available'),
    minutes_n: `${r}.minutes IS NOT NULL`,
    minutes_sum: `coalesce(${r}.minutes, 0)`,
    interactions: `${r}.type = 'interaction'`,
    moods: `${r}.type = 'mood' AND ${r}.mood IS NOT NULL`,
    mood_sum: `CASE WHEN ${r}.type = 'mood' THEN coalesce(${r}.mood, 0) ELSE 0 END`,
  };
  return columns.map((c) => (sign === '1' ? `${exprs[c]} AS ${c}` : `(${exprs[c]}) * ${sign} AS ${c}`)).join(', ');
}

const bucketOf = (r: string) => floorDiv(`${r}.at`, SUMMARY_BUCKET_MS);

/**
 * The summary_groups subjects of the entry in r, one row each. OFFSET keeps SQLite from flattening the arms into
 * the statement around them, which would repeat every figure once per subject.
 */
function subjectRows(r: string, people: string): string {
  const interaction = `${r}.type = 'interaction'`;
  return `SELECT CASE ${r}.type WHEN 'interaction' THEN 'all' ELSE 'moods' END AS subject
    UNION ALL SELECT 'channel:' || ${r}.channel WHERE ${interaction} AND ${r}.channel <> ''
    UNION ALL SELECT 'activity:' || ${r}.activity WHERE ${interaction} AND ${r}.activity <> ''
    UNION ALL SELECT 'small' WHERE ${interaction} AND ${r}.small
    ${['safe', 'nonjudgmental', 'available']
      .map((name) => `UNION ALL SELECT 'felt:${name}' WHERE ${interaction} AND ${felt(r, name)}`)
      .join('\n    ')}
    UNION ALL SELECT 'with-people' WHERE ${interaction} AND EXISTS (SELECT 1 FROM ${people} x WHERE x.entry_id = ${r}.id)
    UNION ALL SELECT 'person:' || x.person_id FROM ${people} x WHERE ${interaction} AND x.entry_id = ${r}.id
    LIMIT -1 OFFSET 0`;
}

/** Adds rows of figures to a table's totals. */
const upsert = (table: string, key: string[], columns: string[], rows: string) =>
  `INSERT INTO ${table}(${[...key, ...columns].join(',')}) ${rows}
   ON CONFLICT DO UPDATE SET ${columns.map((c) => `${c}=${c}+excluded.${c}`).join(',')};`;

const groupsUpsert = (rows: string) => upsert('summary_groups', ['subject', 'bucket'], GROUP_FIGURES, rows);
const peopleUpsert = (rows: string) => upsert('summary_people', ['person_id', 'channel'], PERSON_FIGURES, rows);

/** Everything the entry in row r adds, times `sign`: its subjects, its people, its hour. */
const entryChange = (r: string, sign: string) =>
  [
    groupsUpsert(
      `SELECT s.subject, ${bucketOf(r)}, ${figures(r, sign, GROUP_FIGURES)}
       FROM (${subjectRows(r, 'entry_people')}) s WHERE ${r}.deleted_at IS NULL`,
    ),
    peopleUpsert(
      `SELECT x.person_id, coalesce(${r}.channel, ''), ${figures(r, sign, PERSON_FIGURES)}
       FROM entry_people x WHERE x.entry_id = ${r}.id AND ${live(r)}`,
    ),
    upsert(
      'summary_hours',
      ['hour'],
      HOUR_FIGURES,
      `SELECT ${floorDiv(`${r}.at`, SUMMARY_HOUR_MS)}, ${figures(r, sign, HOUR_FIGURES)} WHERE ${r}.deleted_at IS NULL`,
    ),
  ].join('\n');

/**
 * What one link between an entry and a person adds, times `sign`: that person's share of the entry, and the
 * entry's place among those with people when it is the entry's only link.
 */
const linkChange = (link: string, sign: string) =>
  [
    groupsUpsert(
      `SELECT s.subject, ${bucketOf('e')}, ${figures('e', sign, GROUP_FIGURES)}
       FROM entries e JOIN (SELECT 'person:' || ${link}.person_id AS subject
         UNION ALL SELECT 'with-people' WHERE (SELECT count(*) FROM entry_people x WHERE x.entry_id = ${link}.entry_id) = 1
         LIMIT -1 OFFSET 0) s
       WHERE e.id = ${link}.entry_id AND ${live('e')}`,
    ),
    peopleUpsert(
      `SELECT ${link}.person_id, coalesce(e.channel, ''), ${figures('e', sign, PERSON_FIGURES)}
       FROM entries e WHERE e.id = ${link}.entry_id AND ${live('e')}`,
    ),
  ].join('\n');

/** The entries columns the summaries read: updating only others (a note, a touchpoint kept, a stamp) fires nothing. */
const ENTRY_COLUMNS = [
  'id',
  'type',
  'at',
  'channel',
  'activity',
  'small',
  'minutes',
  'mood_before',
  'mood_after',
  'felt',
  'quality',
  'mood',
  'deleted_at',
];
const entryRow = (r: 'new' | 'old', sign: 1 | -1) =>
  `INSERT INTO summary_entry_changes VALUES (${ENTRY_COLUMNS.map((c) => `${r}.${c}`).join(', ')}, ${sign});`;
const linkRow = (r: 'new' | 'old', sign: 1 | -1) =>
  `INSERT INTO summary_link_changes VALUES (${r}.entry_id, ${r}.person_id, ${sign});`;

/**
 * The triggers that keep the summary tables equal to a sum over the live rows: before a row changes, what it
 * contributed is taken away; after, what it now contributes is added. Undo replays plain SQL, so they fire then too.
 * The work is written once, in the INSTEAD OF triggers of two views that only ever receive a changed row and a
 * sign: the journal's schema, which every run reads, stays short.
 */
const SUMMARY_TRIGGERS = `
  CREATE VIEW summary_entry_changes(${ENTRY_COLUMNS.join(', ')}, sign) AS
    SELECT ${ENTRY_COLUMNS.map(() => 'NULL').join(', ')}, NULL WHERE 0;
  CREATE TRIGGER summary_entry_change INSTEAD OF INSERT ON summary_entry_changes BEGIN
    ${entryChange('new', 'new.sign')} END;
  CREATE VIEW summary_link_changes(entry_id, person_id, sign) AS SELECT NULL, NULL, NULL WHERE 0;
  CREATE TRIGGER summary_link_change INSTEAD OF INSERT ON summary_link_changes BEGIN
    ${linkChange('new', 'new.sign')} END;
  CREATE TRIGGER summary_entry_insert AFTER INSERT ON entries BEGIN ${entryRow('new', 1)} END;
  CREATE TRIGGER summary_entry_delete BEFORE DELETE ON entries BEGIN ${entryRow('old', -1)} END;
  CREATE TRIGGER summary_entry_update_before BEFORE UPDATE OF ${ENTRY_COLUMNS.join(', ')} ON entries BEGIN
    ${entryRow('old', -1)} END;
  CREATE TRIGGER summary_entry_update_after AFTER UPDATE OF ${ENTRY_COLUMNS.join(', ')} ON entries BEGIN
    ${entryRow('new', 1)} END;
  CREATE TRIGGER summary_link_insert AFTER INSERT ON entry_people BEGIN ${linkRow('new', 1)} END;
  CREATE TRIGGER summary_link_delete BEFORE DELETE ON entry_people BEGIN ${linkRow('old', -1)} END;
  CREATE TRIGGER summary_link_update_before BEFORE UPDATE OF entry_id, person_id ON entry_people BEGIN
    ${linkRow('old', -1)} END;
  CREATE TRIGGER summary_link_update_after AFTER UPDATE OF entry_id, person_id ON entry_people BEGIN
    ${linkRow('new', 1)} END;
`;

/**
 * summary_eras is summary_groups added up per era of SUMMARY_ERA_BUCKETS buckets, kept by triggers on
 * summary_groups itself: whatever changes a bucket (a write's triggers, an import's set-wise sums) changes its era.
 */
function eraTriggers(): string {
  const era = (r: string) => floorDiv(`${r}.bucket`, SUMMARY_ERA_BUCKETS);
  const add = (subject: string, bucket: string, values: (c: string) => string) =>
    upsert(
      'summary_eras',
      ['subject', 'era'],
      GROUP_FIGURES,
      `VALUES (${subject}, ${era(bucket)}, ${GROUP_FIGURES.map(values).join(', ')})`,
    );
  return `
    CREATE TRIGGER summary_eras_add AFTER INSERT ON summary_groups BEGIN
      ${add('new.subject', 'new', (c) => `new.${c}`)} END;
    CREATE TRIGGER summary_eras_update AFTER UPDATE ON summary_groups
      WHEN new.subject = old.subject AND new.bucket = old.bucket BEGIN
      ${add('new.subject', 'new', (c) => `new.${c} - old.${c}`)} END;
    CREATE TRIGGER summary_eras_move AFTER UPDATE OF subject, bucket ON summary_groups
      WHEN new.subject <> old.subject OR new.bucket <> old.bucket BEGIN
      ${add('old.subject', 'old', (c) => `-old.${c}`)}
      ${add('new.subject', 'new', (c) => `new.${c}`)} END;
    CREATE TRIGGER summary_eras_remove AFTER DELETE ON summary_groups BEGIN
      ${add('old.subject', 'old', (c) => `-old.${c}`)} END;
  `;
}

/** The eras from summary_groups as they stand. */
const fillEras = (db: Database.Database) =>
  db.exec(`
    INSERT INTO summary_eras(subject, era, ${GROUP_FIGURES.join(', ')})
    SELECT subject, ${floorDiv('bucket', SUMMARY_ERA_BUCKETS)}, ${GROUP_FIGURES.map((c) => `sum(${c})`).join(', ')}
    FROM summary_groups WHERE true GROUP BY 1, 2
    ON CONFLICT DO UPDATE SET ${GROUP_FIGURES.map((c) => `${c}=${c}+excluded.${c}`).join(',')}`);

/** The summary tables: derived data, kept on this device only and never undone. */
export const SUMMARY_TABLES = ['summary_groups', 'summary_people', 'summary_hours', 'summary_eras'];
/** The summary tables the rows' own triggers keep. */
const ROW_SUMMARY_TABLES = SUMMARY_TABLES.slice(0, 3);

/**
 * The summary_groups subjects (other than each person's) of the rows of kinds k (entries added up by bucket,
 * type, channel, activity, small, felt and whether they have people), one arm each: subject, bucket, figures.
 */
function subjectArms(): string[] {
  const arm = (subject: string, only: string) =>
    `SELECT ${subject} AS subject, k.bucket AS bucket, ${GROUP_FIGURES.join(', ')} FROM kinds k WHERE true${only}`;
  const interaction = " AND k.type = 'interaction'";
  return [
    arm("CASE k.type WHEN 'interaction' THEN 'all' ELSE 'moods' END", ''),
    arm("'channel:' || k.channel", `${interaction} AND k.channel <> ''`),
    arm("'activity:' || k.activity", `${interaction} AND k.activity <> ''`),
    arm("'small'", `${interaction} AND k.small`),
    ...['safe', 'nonjudgmental', 'available'].map((name) =>
      arm(`'felt:${name}'`, `${interaction} AND ${felt('k', name)}`),
    ),
    arm("'with-people'", `${interaction} AND k.people`),
  ];
}

const hasPeople = 'EXISTS (SELECT 1 FROM entry_people x WHERE x.entry_id = e.id)';

/**
 * The summary_groups rows (subject, bucket, figures…) of the live entries that the condition `range` on e picks,
 * added up: what the triggers add one entry at a time. The entries are first added up per bucket and kind (type,
 * channel, activity, small, felt, with people or not), so each subject sums a few kinds, and their links per person
 * and bucket, so the last sort by subject holds sums, not a row per link. `read`: 'range' reads the entries through
 * their time index (a range's ends, a few days); 'table' reads every entry's links once, in the table's order
 * (a whole journal or an import's new rows, which the time index would visit at random).
 */
export function groupSumsIn(range: string, read: 'range' | 'table'): string {
  const sums = (columns: string[]) => columns.map((c) => `sum(${c}) AS ${c}`).join(', ');
  // Materialized: worked out once, not once per subject.
  const kinds = `kinds AS MATERIALIZED (SELECT bucket, type, channel, activity, small, felt, people, ${sums(GROUP_FIGURES)} FROM (
      SELECT ${bucketOf('e')} AS bucket, e.type AS type, e.channel AS channel, e.activity AS activity, e.small AS small,
        e.felt AS felt, ${hasPeople} AS people, ${figures('e', '1', GROUP_FIGURES)}
      FROM entries e WHERE e.deleted_at IS NULL AND ${range}
    ) GROUP BY bucket, type, channel, activity, small, felt, people)`;
  const arms = [
    ...subjectArms(),
    `SELECT 'person:' || person_id AS subject, bucket, ${sums(GROUP_FIGURES)} FROM (
      SELECT x.person_id AS person_id, ${bucketOf('e')} AS bucket, ${figures('e', '1', GROUP_FIGURES)}
      FROM entries e${read === 'table' ? ' NOT INDEXED' : ''} CROSS JOIN entry_people x ON x.entry_id = e.id
      WHERE e.deleted_at IS NULL AND ${range} AND e.type = 'interaction'
    ) GROUP BY person_id, bucket`,
  ];
  return `WITH ${kinds} SELECT subject, bucket, ${sums(GROUP_FIGURES)} FROM (${arms.join('\n    UNION ALL ')}) GROUP BY subject, bucket`;
}

/**
 * Empties the summary tables and works them out again from every live row; summary_eras (from version 12) from
 * summary_groups, whether or not its triggers were lifted meanwhile.
 */
export function fillSummaries(db: Database.Database): void {
  for (const table of ROW_SUMMARY_TABLES) db.exec(`DELETE FROM ${table}`);
  addSummaries(db, 'true');
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'summary_eras'").get()) {
    db.exec('DELETE FROM summary_eras');
    fillEras(db);
  }
}

/**
 * Adds to the summary tables what the live entries whose `e.id` the condition `range` on e picks contribute, with
 * their links: what the triggers add for those entries one at a time, added up at once. The entries are read by
 * their ids (NOT INDEXED): else SQLite walks every interaction in the (type, at) index for each range.
 */
export function addSummaries(db: Database.Database, range: string): void {
  const sums = (columns: string[]) => columns.map((c) => `sum(${c})`).join(', ');
  const added = (columns: string[]) =>
    `ON CONFLICT DO UPDATE SET ${columns.map((c) => `${c}=${c}+excluded.${c}`).join(',')}`;
  db.exec(`
    INSERT INTO summary_groups(subject, bucket, ${GROUP_FIGURES.join(', ')})
    SELECT * FROM (${groupSumsIn(range, 'table')}) WHERE true
    ${added(GROUP_FIGURES)};
    INSERT INTO summary_people(person_id, channel, ${PERSON_FIGURES.join(', ')})
    SELECT person_id, channel, ${sums(PERSON_FIGURES)} FROM (
      SELECT x.person_id AS person_id, coalesce(e.channel, '') AS channel, ${figures('e', '1', PERSON_FIGURES)}
      FROM entries e NOT INDEXED CROSS JOIN entry_people x ON x.entry_id = e.id WHERE ${live('e')} AND ${range}
    ) WHERE true GROUP BY 1, 2
    ${added(PERSON_FIGURES)};
    INSERT INTO summary_hours(hour, ${HOUR_FIGURES.join(', ')})
    SELECT hour, ${sums(HOUR_FIGURES)} FROM (
      SELECT ${floorDiv('e.at', SUMMARY_HOUR_MS)} AS hour, ${figures('e', '1', HOUR_FIGURES)}
      FROM entries e WHERE e.deleted_at IS NULL AND ${range}
    ) WHERE true GROUP BY hour
    ${added(HOUR_FIGURES)};
  `);
}

export interface Migration {
  version: number;
  up: (db: Database.Database) => void;
  /** The step makes a table anew (remakeTable): migrate() runs it with foreign keys off and checks them after. */
  remakesTables?: boolean;
}

/**
 * Makes `table` anew from its definition as `change` rewrites it, keeping every row, index and trigger: SQLite's
 * generalised ALTER TABLE, for what ALTER TABLE cannot do. The new table takes the old one's name under
 * legacy_alter_table, so that nothing else that names the table (other tables' triggers, views, references) is
 * rewritten or even read again; migrate() has foreign keys off meanwhile, so dropping the old table takes nothing
 * with it, and checks them before the step commits.
 */
function remakeTable(db: Database.Database, table: string, change: (sql: string) => string): void {
  const schema = (type: string) =>
    db
      .prepare('SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type = ? AND sql IS NOT NULL ORDER BY rowid')
      .pluck()
      .all(table, type) as string[];
  const [definition] = schema('table');
  const changed = change(definition);
  if (changed === definition) throw new Error(`Remaking ${table}: its definition did not change.`);
  const remade = `${table}_remade`;
  const attached = [...schema('index'), ...schema('trigger')];
  db.exec(changed.replace(/^CREATE TABLE\s+("?)\w+\1/, `CREATE TABLE "${remade}"`));
  db.exec(`INSERT INTO "${remade}" SELECT * FROM "${table}"; DROP TABLE "${table}";`);
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE "${remade}" RENAME TO "${table}"`);
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
  for (const sql of attached) db.exec(sql);
}

/**
 * The journal's schema, one step per version. Versions only increase; each step runs in its own
 * transaction together with the `user_version` it sets. Times are UTC milliseconds; every row that
 * may travel between devices has a UUID and created/updated times.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(`
        CREATE TABLE people (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          archived INTEGER NOT NULL DEFAULT 0,
          merged_into TEXT,
          deleted_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX people_live_name ON people(name COLLATE NOCASE) WHERE deleted_at IS NULL;

        CREATE TABLE person_aliases (
          person_id INTEGER NOT NULL REFERENCES people(id),
          alias TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (person_id, alias)
        );
        CREATE INDEX person_aliases_alias ON person_aliases(alias COLLATE NOCASE);

        CREATE TABLE person_tags (
          person_id INTEGER NOT NULL REFERENCES people(id),
          tag TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (person_id, tag)
        );

        CREATE TABLE entries (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL CHECK (type IN ('interaction', 'mood')),
          at INTEGER NOT NULL,
          channel TEXT,
          activity TEXT,
          small INTEGER NOT NULL DEFAULT 0,
          minutes INTEGER,
          mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
          mood_after INTEGER CHECK (mood_after BETWEEN 1 AND 5),
          felt TEXT,
          quality INTEGER CHECK (quality BETWEEN 1 AND 5),
          initiated TEXT,
          mood INTEGER CHECK (mood BETWEEN 1 AND 5),
          energy INTEGER CHECK (energy BETWEEN 1 AND 5),
          note TEXT,
          deleted_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX entries_live_at ON entries(at, type, channel) WHERE deleted_at IS NULL;

        -- "at" is repeated here so that each person's recent contacts are one index range away.
        CREATE TABLE entry_people (
          entry_id INTEGER NOT NULL REFERENCES entries(id),
          person_id INTEGER NOT NULL REFERENCES people(id),
          position INTEGER NOT NULL,
          at INTEGER NOT NULL,
          PRIMARY KEY (entry_id, person_id)
        );
        CREATE INDEX entry_people_person_at ON entry_people(person_id, at);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );

        -- connect undo: each write command is a group; triggers record the statements that revert it.
        CREATE TABLE undo_groups (
          id INTEGER PRIMARY KEY,
          label TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE TABLE undo_log (
          seq INTEGER PRIMARY KEY,
          grp INTEGER,
          statement TEXT NOT NULL
        );
        CREATE INDEX undo_log_grp ON undo_log(grp);
      `);
    },
  },
  {
    version: 2,
    up: (db) => {
      db.exec(`
        CREATE TABLE touchpoints (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          title TEXT NOT NULL,
          every TEXT NOT NULL,
          channel TEXT,
          activity TEXT,
          anchor TEXT NOT NULL,
          paused INTEGER NOT NULL DEFAULT 0,
          last_kept TEXT,
          next_due TEXT NOT NULL,
          deleted_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX touchpoints_live_due ON touchpoints(next_due) WHERE deleted_at IS NULL;

        CREATE TABLE touchpoint_people (
          touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id),
          person_id INTEGER NOT NULL REFERENCES people(id),
          PRIMARY KEY (touchpoint_id, person_id)
        );
        CREATE INDEX touchpoint_people_person ON touchpoint_people(person_id);

        ALTER TABLE entries ADD COLUMN touchpoint_id INTEGER REFERENCES touchpoints(id);
      `);
    },
  },
  {
    version: 3,
    up: (db) => {
      db.exec(`
        -- The three-item loneliness check-in; answers as "A,B,C" (each 1-3), score their sum.
        CREATE TABLE checkins (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          at INTEGER NOT NULL,
          answers TEXT NOT NULL CHECK (answers GLOB '[1-3],[1-3],[1-3]'),
          score INTEGER NOT NULL CHECK (score BETWEEN 3 AND 9),
          deleted_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX checkins_live_at ON checkins(at) WHERE deleted_at IS NULL;

        -- When the professional-help line was last shown (one row), so it appears at most once a week.
        CREATE TABLE help_line (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_shown INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    up: (db) => {
      db.exec(`
        -- What the shell start-up nudge may say, worked out at every write: a line applies from from_day
        -- (local YYYY-MM-DD) to until_day (or on and on); lower priority, then rank, speaks first. Derived
        -- data: rebuilt from touchpoints and people, never exported, never undone.
        CREATE TABLE nudge_plan (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('touchpoint', 'rhythm')),
          subject TEXT NOT NULL,
          from_day TEXT NOT NULL,
          until_day TEXT,
          priority INTEGER NOT NULL,
          rank REAL NOT NULL DEFAULT 0,
          text TEXT NOT NULL
        );
        CREATE INDEX nudge_plan_from ON nudge_plan(from_day);

        -- Which parts of the plan are worked out, and for touchpoints from which day on.
        CREATE TABLE nudge_basis (
          subject TEXT PRIMARY KEY,
          basis TEXT NOT NULL
        );

        -- Parts of the plan a change has made stale ('touchpoints', 'person:<id>'): each write redoes only
        -- these, so logging one call costs the same in a journal's tenth year as in its first week.
        CREATE TABLE nudge_dirty (subject TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER nudge_dirty_link_insert AFTER INSERT ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('person:' || new.person_id);
        END;
        CREATE TRIGGER nudge_dirty_link_delete AFTER DELETE ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('person:' || old.person_id);
        END;
        CREATE TRIGGER nudge_dirty_link_update AFTER UPDATE ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('person:' || old.person_id), ('person:' || new.person_id);
        END;
        CREATE TRIGGER nudge_dirty_entry_update AFTER UPDATE ON entries BEGIN
          INSERT OR IGNORE INTO nudge_dirty SELECT 'person:' || person_id FROM entry_people WHERE entry_id = new.id;
        END;
        CREATE TRIGGER nudge_dirty_person_update AFTER UPDATE ON people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('person:' || new.id);
        END;
        CREATE TRIGGER nudge_dirty_touchpoint_insert AFTER INSERT ON touchpoints BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('touchpoints');
        END;
        CREATE TRIGGER nudge_dirty_touchpoint_update AFTER UPDATE ON touchpoints BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('touchpoints');
        END;
        CREATE TRIGGER nudge_dirty_touchpoint_delete AFTER DELETE ON touchpoints BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('touchpoints');
        END;
        CREATE TRIGGER nudge_dirty_touchpoint_people_insert AFTER INSERT ON touchpoint_people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('touchpoints');
        END;
        CREATE TRIGGER nudge_dirty_touchpoint_people_delete AFTER DELETE ON touchpoint_people BEGIN
          INSERT OR IGNORE INTO nudge_dirty VALUES ('touchpoints');
        END;
      `);
    },
  },
  {
    version: 5,
    up: (db) => {
      db.exec(`
        -- How an entry that kept a touchpoint moved its schedule: JSON {"before": {"nextDue", "lastKept"},
        -- "after": {...}} (local YYYY-MM-DD days, lastKept may be null). Deleting the entry puts "before" back
        -- while the touchpoint still stands at "after"; entries from before this column keep null.
        ALTER TABLE entries ADD COLUMN keeping TEXT;
      `);
    },
  },
  {
    version: 6,
    up: (db) => {
      db.exec(`
        -- The nudge plan: touchpoint lines are worked out from nothing at every write; a person's rhythm line
        -- only when something about them changed (nudge_stale_people, filled by the triggers below).
        DROP TRIGGER nudge_dirty_link_insert;
        DROP TRIGGER nudge_dirty_link_delete;
        DROP TRIGGER nudge_dirty_link_update;
        DROP TRIGGER nudge_dirty_entry_update;
        DROP TRIGGER nudge_dirty_person_update;
        DROP TRIGGER nudge_dirty_touchpoint_insert;
        DROP TRIGGER nudge_dirty_touchpoint_update;
        DROP TRIGGER nudge_dirty_touchpoint_delete;
        DROP TRIGGER nudge_dirty_touchpoint_people_insert;
        DROP TRIGGER nudge_dirty_touchpoint_people_delete;
        DROP TABLE nudge_dirty;
        DROP TABLE nudge_basis;
        ALTER TABLE nudge_plan ADD COLUMN person_id INTEGER;
        UPDATE nudge_plan SET person_id = CAST(substr(subject, 8) AS INTEGER) WHERE subject LIKE 'person:%';
        ALTER TABLE nudge_plan DROP COLUMN subject;

        -- People whose rhythm line may no longer be right: their contacts, their name or archiving, or a
        -- touchpoint that speaks for them changed.
        CREATE TABLE nudge_stale_people (person_id INTEGER PRIMARY KEY);
        CREATE TRIGGER nudge_stale_link_insert AFTER INSERT ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (new.person_id);
        END;
        CREATE TRIGGER nudge_stale_link_delete AFTER DELETE ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (old.person_id);
        END;
        CREATE TRIGGER nudge_stale_link_update AFTER UPDATE ON entry_people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (old.person_id), (new.person_id);
        END;
        CREATE TRIGGER nudge_stale_entry_update AFTER UPDATE ON entries BEGIN
          INSERT OR IGNORE INTO nudge_stale_people SELECT person_id FROM entry_people WHERE entry_id = new.id;
        END;
        CREATE TRIGGER nudge_stale_person_update AFTER UPDATE ON people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (new.id);
        END;
        CREATE TRIGGER nudge_stale_touchpoint_update AFTER UPDATE ON touchpoints BEGIN
          INSERT OR IGNORE INTO nudge_stale_people SELECT person_id FROM touchpoint_people WHERE touchpoint_id = new.id;
        END;
        CREATE TRIGGER nudge_stale_touchpoint_delete AFTER DELETE ON touchpoints BEGIN
          INSERT OR IGNORE INTO nudge_stale_people SELECT person_id FROM touchpoint_people WHERE touchpoint_id = old.id;
        END;
        CREATE TRIGGER nudge_stale_touchpoint_people_insert AFTER INSERT ON touchpoint_people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (new.person_id);
        END;
        CREATE TRIGGER nudge_stale_touchpoint_people_delete AFTER DELETE ON touchpoint_people BEGIN
          INSERT OR IGNORE INTO nudge_stale_people VALUES (old.person_id);
        END;
      `);
    },
  },
  {
    version: 7,
    up: (db) => {
      db.exec(`
        -- The entries that kept each touchpoint, newest last: "last kept" is read from them, in the current zone.
        CREATE INDEX entries_touchpoint_at ON entries(touchpoint_id, at) WHERE deleted_at IS NULL AND touchpoint_id IS NOT NULL;
      `);
      // Which entry kept which occurrence, worked out again under the keeping rules of this version (quietly).
      rederiveKeeping(db);
      // The nudge's touchpoint lines are planned again at once (the afterMigrate hook).
      db.exec("DELETE FROM nudge_plan WHERE kind = 'touchpoint'");
    },
  },
  {
    // No new tables: reaching the newest version regenerates the undo triggers, which now keep text holding a NUL
    // byte whole instead of cutting it there.
    version: 8,
    up: () => {},
  },
  {
    version: 9,
    up: (db) => {
      db.exec(`
        -- What a range of days adds up to (a week's counts, the calendar's days), read from the index alone: a
        -- week or a year of a big journal is summed without visiting its rows. deleted_at is always NULL here,
        -- but SQLite counts an index as covering only when it holds every column the query names.
        CREATE INDEX entries_live_type_at ON entries(type, at, minutes, small, quality, activity, deleted_at)
          WHERE deleted_at IS NULL;
      `);
    },
  },
  {
    version: 10,
    up: (db) => {
      db.exec(`
        -- connect sync: this device's hybrid logical clock (physical ms, counter) and id ('' until its first sync),
        -- whether a merge is being written (its rows keep the stamps they came with), and its last file's number.
        CREATE TABLE sync_clock (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          device TEXT NOT NULL,
          physical INTEGER NOT NULL,
          counter INTEGER NOT NULL,
          merging INTEGER NOT NULL DEFAULT 0,
          sequence INTEGER NOT NULL DEFAULT 0,
          synced_at INTEGER
        );
        INSERT INTO sync_clock(id, device, physical, counter) VALUES (1, '', 0, 0);

        -- The newest change stamp of every travelling row (by section and id or key); gone = 1 when the row was
        -- removed outright (an undone insert); local = 1 while the change waits to be written to the sync folder.
        CREATE TABLE sync_stamps (
          tbl TEXT NOT NULL,
          key TEXT NOT NULL,
          physical INTEGER NOT NULL,
          counter INTEGER NOT NULL,
          device TEXT NOT NULL,
          gone INTEGER NOT NULL DEFAULT 0,
          local INTEGER NOT NULL DEFAULT 1,
          PRIMARY KEY (tbl, key)
        ) WITHOUT ROWID;
        CREATE INDEX sync_stamps_local ON sync_stamps(local) WHERE local = 1;

        -- Files from other devices already merged, by device and file name; a batch counts as merged by its
        -- device, number and checksum (a conflict copy with other contents is merged too), and size and mtime let
        -- a later sync pass over a file it has seen without reading it.
        CREATE TABLE sync_seen (
          device TEXT NOT NULL,
          name TEXT NOT NULL,
          size INTEGER NOT NULL,
          mtime INTEGER NOT NULL,
          sequence INTEGER NOT NULL,
          checksum TEXT NOT NULL,
          written_at INTEGER NOT NULL,
          merged_at INTEGER NOT NULL,
          PRIMARY KEY (device, name)
        ) WITHOUT ROWID;
        CREATE INDEX sync_seen_batch ON sync_seen(device, sequence, checksum);

        -- People known to be merged into someone, here or on another device (the newest such change): a merge of
        -- people is one-way, so a sync merges them again where an undo brought them back.
        CREATE TABLE sync_merged (
          uuid TEXT PRIMARY KEY,
          merged_into TEXT NOT NULL,
          deleted_at INTEGER NOT NULL,
          physical INTEGER NOT NULL,
          counter INTEGER NOT NULL,
          device TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
      // Every change to a travelling row (or to one of its lists) ticks the clock and stamps the row, unless a
      // merge is writing it. A child's change stamps its parent row.
      const stamp = (table: string, key: string, time: string, gone: number, from = '') => `
          UPDATE sync_clock SET counter = CASE WHEN physical >= coalesce(${time}, 0) THEN counter + 1 ELSE 0 END,
            physical = max(physical, coalesce(${time}, 0));
          INSERT INTO sync_stamps(tbl, key, physical, counter, device, gone, local)
            SELECT '${table}', ${key}, c.physical, c.counter, c.device, ${gone}, 1 FROM sync_clock c ${from} WHERE ${key} IS NOT NULL
            ON CONFLICT(tbl, key) DO UPDATE SET physical = excluded.physical, counter = excluded.counter,
              device = excluded.device, gone = excluded.gone, local = 1;`;
      const when = 'WHEN (SELECT merging FROM sync_clock) = 0';
      const parents: [string, string][] = [
        ['people', 'uuid'],
        ['entries', 'uuid'],
        ['touchpoints', 'uuid'],
        ['checkins', 'uuid'],
        ['settings', 'key'],
      ];
      for (const [table, key] of parents) {
        db.exec(`
          CREATE TRIGGER sync_${table}_insert AFTER INSERT ON ${table} ${when} BEGIN ${stamp(table, `new.${key}`, 'new.updated_at', 0)} END;
          CREATE TRIGGER sync_${table}_update AFTER UPDATE ON ${table} ${when} BEGIN ${stamp(table, `new.${key}`, 'new.updated_at', 0)} END;
          CREATE TRIGGER sync_${table}_delete AFTER DELETE ON ${table} ${when} BEGIN ${stamp(table, `old.${key}`, 'NULL', 1)} END;
        `);
      }
      const children: [string, string, string][] = [
        ['person_aliases', 'people', 'person_id'],
        ['person_tags', 'people', 'person_id'],
        ['entry_people', 'entries', 'entry_id'],
        ['touchpoint_people', 'touchpoints', 'touchpoint_id'],
      ];
      for (const [child, parent, column] of children) {
        for (const [kind, row] of [
          ['insert', 'new'],
          ['update', 'new'],
          ['delete', 'old'],
        ]) {
          db.exec(`
            CREATE TRIGGER sync_${child}_${kind} AFTER ${kind.toUpperCase()} ON ${child} ${when} BEGIN
              ${stamp(parent, 'p.uuid', `(SELECT updated_at FROM ${parent} WHERE id = ${row}.${column})`, 0, `JOIN ${parent} p ON p.id = ${row}.${column}`)}
            END;
          `);
        }
      }
    },
  },
  {
    // Running totals for patterns and people, kept by triggers inside every write's own transaction (log, edit,
    // delete, undo, import, merge): reading ten years then costs about as much as reading one. Derived data,
    // never exported or undone; see SUMMARY_TABLES.
    version: 11,
    up: (db) => {
      db.exec(`
        -- Interactions per 16-day stretch of UTC time (bucket = floor(at / 16 days)) and subject:
        -- 'all', 'moods' (mood entries, n only), 'with-people' (n and minutes only), 'person:<id>',
        -- 'channel:<channel>', 'activity:<activity as typed>', 'small', 'felt:<felt>'.
        CREATE TABLE summary_groups (
          subject TEXT NOT NULL,
          bucket INTEGER NOT NULL,
          n INTEGER NOT NULL,
          lift_n INTEGER NOT NULL,
          lift_sum INTEGER NOT NULL,
          lift_squares INTEGER NOT NULL,
          quality_n INTEGER NOT NULL,
          quality_sum INTEGER NOT NULL,
          quality_squares INTEGER NOT NULL,
          safe INTEGER NOT NULL,
          nonjudgmental INTEGER NOT NULL,
          available INTEGER NOT NULL,
          minutes_n INTEGER NOT NULL,
          minutes_sum INTEGER NOT NULL,
          PRIMARY KEY (subject, bucket)
        ) WITHOUT ROWID;

        -- Each person's interactions over all time, per channel ('' for none).
        CREATE TABLE summary_people (
          person_id INTEGER NOT NULL,
          channel TEXT NOT NULL,
          n INTEGER NOT NULL,
          lift_n INTEGER NOT NULL,
          lift_sum INTEGER NOT NULL,
          lift_squares INTEGER NOT NULL,
          quality_n INTEGER NOT NULL,
          quality_sum INTEGER NOT NULL,
          quality_squares INTEGER NOT NULL,
          safe INTEGER NOT NULL,
          nonjudgmental INTEGER NOT NULL,
          available INTEGER NOT NULL,
          PRIMARY KEY (person_id, channel)
        ) WITHOUT ROWID;

        -- Live entries per UTC hour (floor(at / 1 hour)): zone-free, so local days are put together at read time
        -- in whatever zone the reader is in.
        CREATE TABLE summary_hours (
          hour INTEGER PRIMARY KEY,
          interactions INTEGER NOT NULL,
          moods INTEGER NOT NULL,
          mood_sum INTEGER NOT NULL
        );

      `);
      db.exec(SUMMARY_TRIGGERS);
      fillSummaries(db);
    },
  },
  {
    version: 12,
    up: (db) => {
      // connect undo keeps a changed or deleted row's old values as they are, in columns of its own log row
      // (no type, so nothing is converted), instead of spelling each one out as SQL text: the triggers that
      // spelled them out were half of the schema SQLite reads at every open. Entries, the widest, have 21 columns.
      // The table is made anew rather than given 21 columns one by one (each would check the whole schema
      // again); the undo triggers go first, and the newest schema's are installed after every upgrade.
      const triggers = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\'")
        .pluck()
        .all() as string[];
      for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
      const values = Array.from({ length: 21 }, (_, i) => `v${i + 1}`).join(', ');
      db.exec(`
        CREATE TABLE undo_log_new (
          seq INTEGER PRIMARY KEY,
          grp INTEGER,
          statement TEXT NOT NULL,
          ${values}
        );
        INSERT INTO undo_log_new(seq, grp, statement) SELECT seq, grp, statement FROM undo_log;
        DROP TABLE undo_log;
        ALTER TABLE undo_log_new RENAME TO undo_log;
        CREATE INDEX undo_log_grp ON undo_log(grp);
      `);
    },
  },
  {
    // summary_groups added up per 256 days as well, so that `patterns` over ten years adds up a few hundred rows
    // instead of twelve thousand.
    version: 13,
    up: (db) => {
      db.exec(`
        -- summary_groups per era = floor(bucket / ${SUMMARY_ERA_BUCKETS}), the same subjects and figures.
        CREATE TABLE summary_eras (
          subject TEXT NOT NULL,
          era INTEGER NOT NULL,
          ${GROUP_FIGURES.map((c) => `${c} INTEGER NOT NULL,`).join('\n          ')}
          PRIMARY KEY (subject, era)
        ) WITHOUT ROWID;
      `);
      db.exec(eraTriggers());
      fillEras(db);
    },
  },
  {
    // An entry's id is kept unique by an index of its own, entries_uuid, instead of by its column's UNIQUE, which
    // no statement can drop: an import that fills an empty journal leaves the index out while its rows go in and
    // builds it once, sorted, after them (bulk-writes.ts), instead of putting a million random ids into place one
    // at a time.
    version: 14,
    remakesTables: true,
    up: (db) => {
      remakeTable(db, 'entries', (sql) => sql.replace(/\buuid TEXT NOT NULL UNIQUE,/, 'uuid TEXT NOT NULL,'));
      db.exec('CREATE UNIQUE INDEX entries_uuid ON entries(uuid)');
    },
  },
];

/** Tables whose changes `connect undo` can revert. */
export const UNDOABLE_TABLES = [
  'people',
  'person_aliases',
  'person_tags',
  'entries',
  'entry_people',
  'settings',
  'touchpoints',
  'touchpoint_people',
  'checkins',
];
