// Generates resources/countries.json from the ISO 3166-1 list shipped in `i18n-iso-countries`
// (a devDependency: the app reads the committed JSON and never imports the package at run time).
// Run from the project root: `node resources/scripts/generate-countries.mjs`, then review the diff.
// Hand-kept aliases, demonyms and membership flags live below so a regeneration keeps them.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';

const require = createRequire(import.meta.url);
const isoCountries = require('i18n-iso-countries');
const isoPackage = require('i18n-iso-countries/package.json');

const CHECKED_ON = '2026-11-23';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'countries.json');

// EU member states (27 since the UK left on 2020-01-31). Source: TEU Art. 52 and
// https://european-union.europa.eu/principles-countries-history/eu-countries_en
const EU = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];
// EEA = EU + the three EFTA states party to the EEA Agreement (Switzerland is not).
const EEA_EFTA = ['IS', 'LI', 'NO'];

// Places with their own ISO code that are part of a member state's territory where EU law (and so
// the GDPR) applies: the outermost regions (TFEU Art. 349 and 355(1)) and Åland (TFEU Art. 355(4),
// Protocol 2 of the 1994 Act of Accession). A transfer there is not a third-country transfer.
// Overseas countries and territories (TFEU Annex II, e.g. GL, NC, PF, AW, CW) are NOT listed.
const EEA_TERRITORY_OF = {
  AX: 'FI',
  GF: 'FR',
  GP: 'FR',
  MQ: 'FR',
  RE: 'FR',
  YT: 'FR',
  MF: 'FR',
};

// A readable short name where ISO's first English name is the long formal one.
const SHORT_NAMES = {
  CN: 'China',
  CZ: 'Czechia',
  GM: 'Gambia',
  IR: 'Iran',
  MK: 'North Macedonia',
  PS: 'Palestine',
  RU: 'Russia',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Holy See (Vatican City)',
  VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands',
};

// Words sub-processor pages use for a country that are not ISO's names: abbreviations, demonyms
// and adjectives ("a German company"), local names and former names. Ambiguous words ("Korea",
// "Congo", "Virgin Islands", "Dominican") are deliberately absent.
const EXTRA_ALIASES = {
  AD: ['Andorran'],
  AE: ['U.A.E.', 'Emirati', 'Emirates'],
  AR: ['Argentine', 'Argentinian'],
  AT: ['Austrian', 'Österreich'],
  AU: ['Australian'],
  BA: ['Bosnia', 'Bosnian'],
  BD: ['Bangladeshi'],
  BE: ['Belgian', 'België', 'Belgique'],
  BG: ['Bulgarian'],
  BR: ['Brazilian', 'Brasil'],
  BY: ['Belarusian', 'Belarussian'],
  CA: ['Canadian'],
  CH: ['Swiss', 'Schweiz', 'Suisse', 'Svizzera', 'Swiss Confederation'],
  CL: ['Chilean'],
  CN: ['PRC', 'P.R.C.', 'Chinese', 'Mainland China'],
  CO: ['Colombian'],
  CR: ['Costa Rican'],
  CY: ['Cypriot'],
  CZ: ['Czech', 'Česko', 'Česká republika'],
  DE: ['German', 'Deutschland', 'Federal Republic of Germany'],
  DK: ['Danish', 'Danmark'],
  EE: ['Estonian', 'Eesti'],
  EG: ['Egyptian'],
  ES: ['Spanish', 'España', 'Kingdom of Spain'],
  FI: ['Finnish', 'Suomi'],
  FO: ['Faroe', 'Faroes', 'Faroese'],
  FR: ['French', 'French Republic'],
  GB: [
    'U.K.',
    'United Kingdom of Great Britain and Northern Ireland',
    'Britain',
    'British',
    'England',
    'Scotland',
    'Scottish',
    'Wales',
    'Welsh',
    'Northern Ireland',
  ],
  GE: ['Georgian'],
  GG: ['Bailiwick of Guernsey'],
  GR: ['Greek', 'Hellenic Republic', 'Hellas'],
  HK: ['HKSAR', 'Hong Kong SAR', 'Hong Kong SAR China'],
  HR: ['Croatian', 'Hrvatska'],
  HU: ['Hungarian', 'Magyarország'],
  ID: ['Indonesian'],
  IE: ['Irish', 'Republic of Ireland', 'Éire', 'Eire'],
  IL: ['Israeli', 'State of Israel'],
  IM: ['Manx'],
  IN: ['Indian', 'Bharat'],
  IR: ['Iranian'],
  IS: ['Icelandic', 'Ísland'],
  IT: ['Italian', 'Italia'],
  JE: ['Bailiwick of Jersey'],
  JP: ['Japanese', 'Nippon'],
  KE: ['Kenyan'],
  KP: ['DPRK', "Democratic People's Republic of Korea", 'North Korean'],
  KR: ['South Korean', 'ROK'],
  LI: ['Liechtensteiner', 'Principality of Liechtenstein'],
  LT: ['Lithuanian', 'Lietuva'],
  LU: ['Luxembourgish', 'Luxembourgian', 'Grand Duchy of Luxembourg'],
  LV: ['Latvian', 'Latvija'],
  MA: ['Moroccan'],
  MC: ['Monegasque', 'Monégasque'],
  MD: ['Moldovan', 'Republic of Moldova'],
  ME: ['Montenegrin'],
  MK: ['Macedonian', 'Macedonia'],
  MT: ['Maltese'],
  MX: ['Mexican', 'México'],
  MY: ['Malaysian'],
  NG: ['Nigerian'],
  NL: ['Holland', 'Dutch', 'Nederland'],
  NO: ['Norwegian', 'Norge'],
  NZ: ['N.Z.', 'Aotearoa'],
  PE: ['Peruvian'],
  PH: ['Philippine', 'Filipino', 'The Philippines'],
  PK: ['Pakistani'],
  PL: ['Polish', 'Polska'],
  PT: ['Portuguese'],
  RO: ['Romanian', 'România'],
  RS: ['Serbian', 'Srbija'],
  RU: ['Russian'],
  SA: ['Saudi', 'KSA', 'Kingdom of Saudi Arabia'],
  SE: ['Swedish', 'Sverige'],
  SG: ['Singaporean', 'Republic of Singapore'],
  SI: ['Slovenian', 'Slovene', 'Slovenija'],
  SK: ['Slovak', 'Slovak Republic', 'Slovensko'],
  SM: ['Sammarinese'],
  SY: ['Syrian'],
  TH: ['Thai'],
  TR: ['Turkish', 'Turkiye'],
  TW: ['Taiwanese', 'Republic of China'],
  UA: ['Ukrainian'],
  US: ['America', 'American', 'United States of America'],
  UY: ['Uruguayan'],
  VN: ['Vietnam', 'Viet Nam', 'Vietnamese'],
  ZA: ['South African', 'RSA'],
};

const fold = (s) => s.normalize('NFKC').toLowerCase().trim();

const names = isoCountries.getNames('en', { select: 'all' });
const codes = Object.keys(names).sort();

// Drop any alias that more than one country claims (ISO lists "Congo" for both CD and CG).
const claims = new Map();
for (const code of codes) {
  for (const alias of [...names[code], ...(EXTRA_ALIASES[code] ?? [])]) {
    const key = fold(alias);
    claims.set(key, new Set([...(claims.get(key) ?? []), code]));
  }
}
const ambiguous = [...claims].filter(([, owners]) => owners.size > 1).map(([key]) => key);
if (ambiguous.length > 0) {
  console.warn(`dropped ambiguous aliases: ${ambiguous.join(', ')}`);
}

const countries = codes.map((code) => {
  const iso = names[code];
  const name = SHORT_NAMES[code] ?? iso[0];
  const seen = new Set([fold(name)]);
  const aliases = [];
  for (const alias of [...iso, ...(EXTRA_ALIASES[code] ?? [])]) {
    const key = fold(alias);
    if (seen.has(key) || ambiguous.includes(key)) {
      continue;
    }
    seen.add(key);
    aliases.push(alias);
  }
  const eu = EU.includes(code);
  const entry = { code, name, aliases, eu, eea: eu || EEA_EFTA.includes(code) };
  if (EEA_TERRITORY_OF[code]) {
    entry.eeaTerritoryOf = EEA_TERRITORY_OF[code];
  }
  if (code === 'XK') {
    entry.note =
      'XK is a user-assigned code, not part of ISO 3166-1; the European Commission and many ' +
      'vendors use it for Kosovo, so it is kept.';
  }
  return entry;
});

const file = {
  version: 1,
  checkedOn: CHECKED_ON,
  sources: [
    `ISO 3166-1 alpha-2 codes and English names: npm package i18n-iso-countries ${isoPackage.version}`,
    'EU member states: Treaty on European Union Art. 52; https://european-union.europa.eu/principles-countries-history/eu-countries_en',
    'EEA: Agreement on the European Economic Area (EU + Iceland, Liechtenstein, Norway); https://www.efta.int/eea',
    'Territories where EU law applies: TFEU Art. 349 and 355 (outermost regions; Åland)',
  ],
  notes: [
    'Generated by resources/scripts/generate-countries.mjs; edit the script, not this file.',
    'eu/eea are true only for member states; eeaTerritoryOf marks territories with their own code that are part of a member state for GDPR purposes.',
    'Aliases claimed by more than one country are dropped rather than guessed.',
  ],
  countries,
};

// Formatted as `npx prettier --check .` expects, so a regeneration gives a clean diff.
writeFileSync(OUT, await format(JSON.stringify(file), { parser: 'json', printWidth: 100 }));
console.log(`wrote ${countries.length} countries to ${OUT}`);
