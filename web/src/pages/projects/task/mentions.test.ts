import { describe, expect, it } from 'vitest';
import type { ProjectMemberView } from '../../../api/schema';
import { mentionedIn, mentionOf } from './mentions';

const member = (userId: string, name: string): ProjectMemberView => ({
  userId,
  name,
  email: `${userId}@example.com`,
  role: 'editor',
  addedAt: '2026-01-01T00:00:00Z',
});

const ann = member('ann', 'Ann');
const anna = member('anna', 'Anna');
const team = [ann, anna];

describe('mentionedIn', () => {
  it('finds a name followed by a space, punctuation or the end', () => {
    expect(mentionedIn('@Ann please look', team)).toEqual(['ann']);
    expect(mentionedIn('thanks @Ann.', team)).toEqual(['ann']);
    expect(mentionedIn('(cc @Ann)', team)).toEqual(['ann']);
    expect(mentionedIn('over to @Ann', team)).toEqual(['ann']);
    expect(mentionedIn('@Ann\nnext line', team)).toEqual(['ann']);
  });

  it('does not take a longer name for a shorter one', () => {
    expect(mentionedIn('@Anna please look', team)).toEqual(['anna']);
    expect(mentionedIn('@Anna', team)).toEqual(['anna']);
    expect(mentionedIn('@Ann_x and @Ann2', team)).toEqual([]);
  });

  it('finds both when both are mentioned', () => {
    expect(mentionedIn('@Anna and @Ann', team)).toEqual(['ann', 'anna']);
  });

  it('treats letters, marks and digits of any script as part of the name', () => {
    const zoe = member('zoe', 'Zoe');
    const lea = member('lea', 'Léa');
    expect(mentionedIn('@Zoeé', [zoe])).toEqual([]);
    expect(mentionedIn('@Zoe\u0301', [zoe])).toEqual([]); // a combining accent continues the name
    expect(mentionedIn('@Zoe—done', [zoe])).toEqual(['zoe']);
    expect(mentionedIn('@Léa, merci', [lea])).toEqual(['lea']);
    expect(mentionedIn('@Léa٣', [lea])).toEqual([]); // an Arabic-Indic digit
    expect(mentionedIn('@Лея', [member('leya', 'Лея')])).toEqual(['leya']);
    expect(mentionedIn('@Леяна', [member('leya', 'Лея')])).toEqual([]);
  });

  it('reads a name with spaces or characters special to regular expressions literally', () => {
    const long = member('jd', 'J. (Dee) Doe+');
    expect(mentionedIn('ask @J. (Dee) Doe+ today', [long])).toEqual(['jd']);
    expect(mentionedIn('ask @JX (Dee) Doe+ today', [long])).toEqual([]);
  });

  it('needs the @', () => {
    expect(mentionedIn('Ann and Anna', team)).toEqual([]);
  });

  it('finds what mentionOf writes', () => {
    expect(mentionedIn(`${mentionOf(ann)}and ${mentionOf(anna)}`, team)).toEqual(['ann', 'anna']);
  });
});
