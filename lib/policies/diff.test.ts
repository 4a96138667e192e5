import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';

describe('policy version diff', () => {
  it('marks added, removed and unchanged lines in order', () => {
    expect(diffLines('# Policy\nOld rule\nKeep', '# Policy\nNew rule\nKeep\nAdded')).toEqual([
      { kind: 'same', text: '# Policy' },
      { kind: 'removed', text: 'Old rule' },
      { kind: 'added', text: 'New rule' },
      { kind: 'same', text: 'Keep' },
      { kind: 'added', text: 'Added' },
    ]);
  });
  it('gives up on very long documents instead of hanging', () => {
    expect(diffLines('a\n'.repeat(4000), 'b')).toBeNull();
  });
});
