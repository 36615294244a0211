import { describe, expect, it } from 'vitest';

import { countriesIn } from '../../../src-main/services/normalize/countries';

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
