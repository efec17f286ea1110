// Rules for the rows of a file, checked one value at a time: what every way into the journal holds a row to.
// A rule answers with the first problem it finds ("should be …" and where), or null; its type is what a value that
// passes is, so the rows that pass are typed by the rules themselves.

/** A problem with a value: the message, and the path to the part it is about (field names, list positions). */
export interface Issue {
  message: string;
  path: (string | number)[];
  /** The value at the path was missing (a field a row needs). */
  missing?: true;
}

/** A rule for one value; `T` is what a value that passes is. An optional rule also lets the value be absent. */
export interface Rule<T, Optional extends boolean = false> {
  readonly check: (value: unknown) => Issue | null;
  readonly optional: Optional;
  /** Only the type: never set. */
  readonly type?: T;
}

type AnyRule = Rule<unknown, boolean>;
type TypeOf<R> = R extends Rule<infer T, boolean> ? T : never;

/** The row a set of field rules lets pass: optional rules give optional fields. */
export type RowOf<F extends Record<string, AnyRule>> = {
  [K in keyof F as F[K] extends Rule<unknown, true> ? never : K]: TypeOf<F[K]>;
} & { [K in keyof F as F[K] extends Rule<unknown, true> ? K : never]?: TypeOf<F[K]> };

const issue = (message: string): Issue => ({ message, path: [] });

/** A rule from a test of the value: its problem ("should be …") or null. */
export function rule<T>(problem: (value: unknown) => string | null): Rule<T> {
  return {
    check: (value) => {
      const message = problem(value);
      return message === null ? null : issue(message);
    },
    optional: false,
  };
}

/** A value of the type `is` tells (else `message`), then each of `then` in turn on it: the first problem found. */
function typed<T>(is: (value: unknown) => value is T, message: string, then: ((value: T) => string | null)[]): Rule<T> {
  return rule((value) => {
    if (!is(value)) return message;
    for (const problem of then) {
      const found = problem(value);
      if (found !== null) return found;
    }
    return null;
  });
}

/** Text, then each of `then` in turn on it. */
export const text = (message: string, ...then: ((value: string) => string | null)[]): Rule<string> =>
  typed((value): value is string => typeof value === 'string', message, then);

/** A number (not NaN), then each of `then` in turn on it. */
export const number = (message: string, ...then: ((value: number) => string | null)[]): Rule<number> =>
  typed((value): value is number => typeof value === 'number' && !Number.isNaN(value), message, then);

export const boolean = (message: string): Rule<boolean> =>
  rule((value) => (typeof value === 'boolean' ? null : message));

/** One of `values`, exactly. */
export function oneOf<const T extends readonly string[]>(values: T, message: string): Rule<T[number]> {
  const known = new Set<unknown>(values);
  return rule((value) => (known.has(value) ? null : message));
}

/** null, or what `inner` lets pass. */
export function nullable<T, O extends boolean>(inner: Rule<T, O>): Rule<T | null, O> {
  return { check: (value) => (value === null ? null : inner.check(value)), optional: inner.optional };
}

/** The value may be absent (undefined); when present, `inner` holds. */
export function optional<T>(inner: Rule<T, boolean>): Rule<T, true> {
  return { check: inner.check, optional: true };
}

/** A list, each item held to `item`; a problem names the item's position. */
export function list<T>(item: Rule<T, boolean>, message: string): Rule<T[]> {
  return {
    check: (value) => {
      if (!Array.isArray(value)) return issue(message);
      for (let at = 0; at < value.length; at++) {
        const found = item.check(value[at]);
        if (found !== null) {
          found.path.unshift(at);
          return found;
        }
      }
      return null;
    },
    optional: false,
  };
}

/**
 * An object whose fields are held to `fields`, in their order (fields not named are left alone), then, once they
 * all pass, the row as a whole to `whole`. The first problem is the answer.
 */
export function row<F extends Record<string, AnyRule>>(
  fields: F,
  message: string,
  whole?: (row: RowOf<F>) => string | null,
): Rule<RowOf<F>> {
  const names = Object.keys(fields);
  const checks = names.map((name) => fields[name].check);
  const optionals = names.map((name) => fields[name].optional);
  // A name Object.prototype also has is read only from the row's own fields.
  const inherited = names.map((name) => name in Object.prototype);
  return {
    check: (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return issue(message);
      const record = value as Record<string, unknown>;
      for (let at = 0; at < names.length; at++) {
        const field = names[at];
        const item = inherited[at] && !Object.hasOwn(record, field) ? undefined : record[field];
        if (item === undefined) {
          if (optionals[at]) continue;
          return { message: `needs "${field}"`, path: [field], missing: true };
        }
        const found = checks[at](item);
        if (found !== null) {
          found.path.unshift(field);
          return found;
        }
      }
      const problem = whole?.(record as RowOf<F>) ?? null;
      return problem === null ? null : issue(problem);
    },
    optional: false,
  };
}
