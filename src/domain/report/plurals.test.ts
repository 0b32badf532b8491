// Counted sentences of the reports take the plural form of their language (i18next's _one/_few/
// _many/_other names): "по 1 региону" but "по 2 регионам", "in 1 region" but "in 17 regions".
import { describe, expect, it } from 'vitest';
import { say } from './narrative.ts';

describe('plural forms in the reports', () => {
  it('picks the form the count needs, the plain sentence for the others', () => {
    expect(say('ru', 'render.shareBasis', { count: 1 })).toContain('по 1 региону,');
    expect(say('ru', 'render.shareBasis', { count: 21 })).toContain('по 21 региону,');
    expect(say('ru', 'render.shareBasis', { count: 2 })).toContain('по 2 регионам,');
    expect(say('ru', 'render.shareBasis', { count: 17 })).toContain('по 17 регионам,');
    expect(say('ru', 'narrative.monthlyMissing', { count: 1, regions: 'Абай' })).toMatch(/^У 1 региона /);
    expect(say('ru', 'narrative.monthlyMissing', { count: 5, regions: 'Абай' })).toMatch(/^У 5 регионов /);
    expect(say('en', 'narrative.femalePrevailing', { count: 1, region: 'Abai', value: 52 })).toMatch(
      /^Women prevail in 1 region,/,
    );
    expect(say('en', 'narrative.femalePrevailing', { count: 3, region: 'Abai', value: 52 })).toMatch(
      /^Women prevail in 3 regions,/,
    );
    expect(say('kk', 'render.shareBasis', { count: 1 })).toContain('1 өңір бойынша');
    // no count: the plain sentence
    expect(say('ru', 'render.shareBasis')).toContain('регионам');
  });
});
