import { describe, expect, it } from '@jest/globals';
import { containsPattern, escapeLike } from './sql';

describe('LIKE patterns from user input', () => {
  it.each([
    ['信阳', '信阳'],
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['c:\\x', 'c:\\\\x'],
  ])('escapes %s', (input, escaped) => {
    expect(escapeLike(input)).toBe(escaped);
  });

  it('wraps a contains-search', () => {
    expect(containsPattern('%')).toBe('%\\%%');
  });
});
