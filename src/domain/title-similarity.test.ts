import { describe, expect, it } from 'vitest';
import { datesOverlap, similarTitles, titleSimilarity, titleWords } from './title-similarity.ts';

describe('the words of a title', () => {
  it('lower case, ё as е, without punctuation, quotes, one-letter and function words', () => {
    expect(titleWords('«Ёлка» для детей, 2027!')).toEqual(['елка', 'детей', '2027']);
    expect(titleWords('Саябақты тазалау және көгалдандыру')).toEqual(['саябақты', 'тазалау', 'көгалдандыру']);
    expect(titleWords('Clean-up of the Park')).toEqual(['clean', 'up', 'park']);
    expect(titleWords(' — ')).toEqual([]);
  });
});

describe('the similarity of two titles', () => {
  it('is 1 for the same title written differently', () => {
    expect(titleSimilarity('Субботник в парке', 'СУББОТНИК  в  «парке»')).toBe(1);
    expect(titleSimilarity('Акция «Ёлка»', 'акция елка')).toBe(1);
  });

  it('meets the forms of a word (Russian and Kazakh endings)', () => {
    expect(similarTitles('Городской субботник', 'Субботника городского')).toBe(true);
    expect(similarTitles('Саябақты тазалау', 'Саябақтағы тазалау жұмыстары')).toBe(true);
  });

  it('counts the words of the shorter title: a short title inside a long one is alike', () => {
    expect(titleSimilarity('Субботник', 'Городской субботник в парке Победы')).toBe(1);
  });

  it('is low for different events, 0 with no word in common or no word at all', () => {
    expect(similarTitles('Донорская акция', 'Субботник в парке')).toBe(false);
    expect(titleSimilarity('Уборка парка', 'Сбор книг для библиотеки')).toBe(0);
    expect(titleSimilarity('и в на', 'Субботник')).toBe(0);
    expect(similarTitles('Помощь приюту для животных', 'Помощь пожилым людям на дому')).toBe(false);
  });
});

describe('overlapping dates', () => {
  it('share at least a day, ends included', () => {
    expect(
      datesOverlap({ start: '2027-02-01', end: '2027-02-05' }, { start: '2027-02-05', end: '2027-02-06' }),
    ).toBe(true);
    expect(
      datesOverlap({ start: '2027-02-01', end: '2027-02-04' }, { start: '2027-02-05', end: '2027-02-06' }),
    ).toBe(false);
  });
});
