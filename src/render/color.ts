import { Chalk, type ChalkInstance } from 'chalk';

type ColorLevel = 0 | 1 | 2 | 3;

/** --no-color and NO_COLOR win; then FORCE_COLOR; otherwise colour only on a terminal (asked last: it costs). */
export function colorLevel(options: {
  flag: boolean;
  json: boolean;
  isTTY: () => boolean;
  env: Record<string, string | undefined>;
}): ColorLevel {
  const { env } = options;
  if (options.json || !options.flag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (env.TERM === 'dumb' || !options.isTTY()) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /-256(color)?$/i.test(env.TERM ?? '') ? 2 : 1;
}

export function makeChalk(level: ColorLevel): ChalkInstance {
  return new Chalk({ level });
}
