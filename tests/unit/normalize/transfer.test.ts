import { describe, expect, it } from 'vitest';

import { pageWideTransfers, transfersIn } from '../../../src-main/services/normalize/transfer';

describe('transfersIn', () => {
  it.each([
    ['SCCs', ['SCC']],
    ['Standard Contractual Clauses (2021/914)', ['SCC']],
    ['EU-U.S. Data Privacy Framework', ['DPF']],
    ['Google LLC is a EU-US DPF participant.', ['DPF']],
    ['Binding Corporate Rules', ['BCR']],
    ['Adequacy decision (Art. 45 GDPR)', ['ADEQUACY']],
    ['UK International Data Transfer Addendum to the EU SCCs', ['UK_ADDENDUM', 'SCC']],
    ['IDTA', ['IDTA']],
    ['No adequacy decision', []],
    ['Cloud Service Provider', []],
    // every wording of every mechanism, so a quick pre-check can never hide one
    ['UK SCC', ['UK_ADDENDUM']],
    ['UK Standard Contractual Clauses', ['UK_ADDENDUM']],
    ['UK Extension', ['UK_ADDENDUM']],
    ['International Data Transfer Agreement', ['IDTA']],
    ['Standard Data Protection Clauses', ['SCC']],
    ['Model Contract Clauses', ['SCC']],
    ['EU Model Contracts', ['SCC']],
    ['Swiss-U.S. Data Privacy Framework', ['DPF']],
    ['BCRs', ['BCR']],
    ['an adequate level of data protection', ['ADEQUACY']],
    ['ARTICLE 45', ['ADEQUACY']],
  ])('%s -> %j', (text, expected) => {
    expect(transfersIn(text)).toEqual(expected);
  });
});

describe('pageWideTransfers', () => {
  it.each([
    ['All transfers of personal data outside the EEA rely on SCCs.', ['SCC']],
    ['Data transfers outside EEA are secured using GDPR-compliant safeguards (e.g., SCCs).', []],
    ['We love SCCs.', []],
  ])('%s -> %j', (text, expected) => {
    expect(pageWideTransfers(text)).toEqual(expected);
  });
});
