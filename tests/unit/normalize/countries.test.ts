import { describe, expect, it } from 'vitest';

import { countriesIn, findPlaces } from '../../../src-main/services/normalize/countries';

describe('countriesIn', () => {
  it.each([
    ['United States', ['US']],
    ['USA, Germany, Ireland', ['US', 'DE', 'IE']],
    ['U.S.', ['US']],
    ['UK', ['GB']],
    ['United Kingdom,<br>United States', ['GB', 'US']],
    ['EU/USA', ['EU', 'US']],
    ['EU, Germany', ['EU', 'DE']],
    ['Germany (EU)', ['DE']],
    ['EU regions (Sweden Central or France Central) when configured.', ['SE', 'FR']],
    [
      'Helsinki (HEL1) by default for EEA tenants; alternative locations (Falkenstein FSN1, Nuremberg NBG1)',
      ['FI', 'DE'],
    ],
    ['aws eu-west-1', ['IE']],
    ['Worldwide', ['GLOBAL']],
    ['Europe', ['EU']],
    ['EEA', ['EEA']],
    ['North America', ['US', 'CA']],
    ['Asia', []],
    ['United States; Google LLC is a EU-US DPF participant.', ['US']],
    ['United States and Ireland (Stripe Payments Europe Ltd. for EEA Customers).', ['US', 'IE']],
    ['Canada / United States.', ['CA', 'US']],
    ['China (PRC)', ['CN']],
    ['France (Paris).', ['FR']],
    ['Virginia, Oregon', ['US']],
    ['IT Management for us', []],
    ['Flow.swiss hosting', []],
  ])('%s -> %j', (text, codes) => {
    expect(countriesIn(text).codes).toEqual(codes);
  });
});

describe('findPlaces', () => {
  it('reads whitespace runs and any case inside a name as the name', () => {
    expect(findPlaces('UNITED\n  STATES of\tAmerica')).toEqual([
      { codes: ['US'], start: 0, end: 26, isRegion: false },
    ]);
  });

  it('falls back to the shorter name when the longer one runs on into a word', () => {
    // "south korea" is a key, but "Koreana" is not Korea
    expect(findPlaces('South Koreana').map((p) => p.codes)).toEqual([]);
    expect(findPlaces('United States of Americana').map((p) => [p.codes, p.end])).toEqual([
      [['US'], 13],
    ]);
  });

  it('does not start inside a word, an address or a domain', () => {
    expect(findPlaces('Flow.swiss, x@eu, MegaIreland, us-east-1.amazonaws.com')).toEqual([]);
  });

  it('keeps short codes only in upper case', () => {
    expect(findPlaces('for us and US, EU, eu').map((p) => p.codes)).toEqual([['US'], ['EU']]);
  });
});
