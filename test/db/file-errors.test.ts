import { describe, expect, it } from 'vitest';
import { describeFileError } from '../../src/db/errors';

const fsError = (code: string, syscall = 'open', path = '/somewhere/journal.json') =>
  Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });

describe("describeFileError: the file system's refusals become a sentence with what to do (exit 1)", () => {
  it.each([
    ['EACCES', /not allowed to reach \/somewhere\/journal.json \(permission denied\)/, /ls -ld/],
    ['EPERM', /not allowed/, /yours/],
    ['ENOSPC', /disk holding \/somewhere\/journal.json is full/, /Free some space/],
    ['EDQUOT', /is full/, /Free some space/],
    ['EROFS', /read-only disk/, /place you can write/],
  ])('%s', (code, message, hint) => {
    const described = describeFileError(fsError(code));
    expect(described?.exitCode).toBe(1);
    expect(described?.message).toMatch(message);
    expect(described?.message).toMatch(/nothing was changed/);
    expect(described?.hint).toMatch(hint);
  });
  it('leaves other errors to the general report', () => {
    expect(describeFileError(fsError('EBADF'))).toBeNull();
    expect(describeFileError(new Error('plain'))).toBeNull();
  });
});
