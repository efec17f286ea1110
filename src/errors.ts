/** A mistake in what was typed: exit code 2, nothing changed. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Something went wrong while running (unreadable journal, disk full…): exit code 1. */
export class RuntimeError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** The person pressed Ctrl-C at a prompt: nothing is saved. */
export class CancelledError extends Error {
  readonly exitCode = 130;
  constructor() {
    super('Cancelled — nothing was saved.');
    this.name = 'CancelledError';
  }
}
