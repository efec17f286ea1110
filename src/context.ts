import type { ChalkInstance } from 'chalk';
import { rmSync } from 'node:fs';
import {
  type Journal,
  makeWritable,
  openForReading,
  openForWriting,
  type OpenOptions,
  type ReadingOptions,
} from './db/journal';
import { resolveJournalPath } from './db/paths';
import { escapeJsonControls, showControls } from './core/control-chars';
import { UsageError } from './errors';
import { colorLevel, makeChalk } from './render/color';
import type * as PromptsModule from './prompts';
import type * as WrapModule from './render/wrap';

export type Prompts = typeof PromptsModule;
export type Wrap = typeof WrapModule;

export interface Output {
  write(text: string): void;
  /** Asked only when it matters (colour, questions): finding out can cost a few milliseconds. */
  isTTY(): boolean;
  /** The terminal's width in columns, when it is one and says so; asked only when printing text to a terminal. */
  columns?(): number | undefined;
}

/** Everything the outside world gives a run of connect; cli.ts builds the real one, tests their own. */
export interface Deps {
  env: Record<string, string | undefined>;
  now: Date;
  stdout: Output;
  stderr: Output;
  stdinIsTTY: () => boolean;
  loadPrompts: () => Prompts;
  /** Wrapping to the terminal's width: its own bundle, loaded only when text goes to a terminal. */
  loadWrap: () => Wrap;
  journal?: OpenOptions;
}

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
  input?: boolean;
}

/** One run's view of the world: clock, output, journal, prompts. Commands take what they need from it. */
export class Context {
  readonly now: Date;
  readonly env: Record<string, string | undefined>;
  readonly json: boolean;
  readonly journalPath: string;
  private opened: Journal[] = [];
  private createdJournal = false;
  private interactiveRun: boolean | undefined;
  private chalk: ChalkInstance | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly options: GlobalOptions,
  ) {
    this.now = deps.now;
    this.env = deps.env;
    this.json = Boolean(options.json);
    this.journalPath = resolveJournalPath(options.db, deps.env);
  }

  /** Prompts may be shown: stdin and stdout are terminals and --no-input was not given. */
  get interactive(): boolean {
    this.interactiveRun ??=
      this.options.input !== false && !this.json && this.deps.stdinIsTTY() && this.deps.stdout.isTTY();
    return this.interactiveRun;
  }

  /** Colours for text output (none under --json, --no-color, NO_COLOR or off a terminal). */
  get color(): ChalkInstance {
    this.chalk ??= makeChalk(
      colorLevel({
        flag: this.options.color !== false,
        json: this.json,
        isTTY: () => this.deps.stdout.isTTY(),
        env: this.deps.env,
      }),
    );
    return this.chalk;
  }

  /** The journal if there is one; read commands print an empty result when there is not. */
  openRead(reading?: ReadingOptions): Journal | null {
    const journal = openForReading(this.journalPath, this.deps.journal, reading);
    if (journal) this.opened.push(journal);
    return journal;
  }

  /** The journal, created on first use. */
  openWrite(): Journal {
    // A journal this run already opened for reading (a name looked up first) serves for writing too.
    const open = this.opened.find((journal) => journal.db.open && !journal.db.readonly);
    if (open) return makeWritable(open);
    const { journal, created } = openForWriting(this.journalPath, this.deps.journal);
    this.createdJournal ||= created;
    this.opened.push(journal);
    return journal;
  }

  prompts(): Prompts {
    return this.deps.loadPrompts();
  }

  /** Stops with a usage error when a value is missing and there is no one to ask. */
  requireInteractive(whatToPass: string): void {
    if (!this.interactive) throw new UsageError(`Nothing to go on here without a terminal: ${whatToPass}`);
  }

  /**
   * Human text: any control character in it is shown as a picture of itself (connect's own colours pass), and
   * on a terminal it is wrapped to the width (80 columns when it does not say); never in a pipe or under --json.
   */
  print(lines: string | string[]): void {
    const text = this.shown(Array.isArray(lines) ? lines.join('\n') : lines);
    this.deps.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Long text as `print` shows it, written line-whole chunk by chunk as it arrives, so it never sits in memory whole. */
  printChunks(chunks: Iterable<string>): void {
    let rest = '';
    for (const chunk of chunks) {
      const text = rest + chunk;
      const end = text.lastIndexOf('\n') + 1;
      if (end > 0) this.deps.stdout.write(this.shown(text.slice(0, end)));
      rest = text.slice(end);
    }
    if (rest !== '') this.print(rest);
  }

  private shown(text: string): string {
    const safe = showControls(text, (this.chalk?.level ?? 0) > 0);
    if (this.json || !this.deps.stdout.isTTY()) return safe;
    return this.deps.loadWrap().wrapToWidth(safe, this.deps.stdout.columns?.() || 80);
  }

  /** One JSON document; characters a terminal could act on are \u escapes, so the value is exact and safe to show. */
  printJson(value: unknown): void {
    this.deps.stdout.write(`${escapeJsonControls(JSON.stringify(value, null, 2))}\n`);
  }

  close(): void {
    for (const journal of this.opened) journal.close();
    this.opened = [];
  }

  /** A command that failed on a journal it had just created leaves no file behind. */
  discardNewJournal(): void {
    this.close();
    if (!this.createdJournal) return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.journalPath + suffix, { force: true });
  }
}
