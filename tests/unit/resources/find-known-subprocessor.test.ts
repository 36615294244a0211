import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findKnownSubprocessor,
  loadResources,
  nameKey,
  type KnownSubprocessor,
} from '../../../src-main/services/resources';

const catalog = loadResources(join(__dirname, '..', '..', '..', 'resources')).subprocessors;

describe('findKnownSubprocessor on the shipped catalog', () => {
  it.each([
    // Brand abbreviations and product names.
    ['AWS', 'amazon-web-services'],
    ['Amazon Web Services (AWS)', 'amazon-web-services'],
    ['amazon web services', 'amazon-web-services'],
    ['Amazon SES', 'amazon-ses'],
    ['AWS Bedrock', 'amazon-bedrock'],
    ['GCP', 'google-cloud'],
    ['Vertex AI', 'google-gemini'],
    ['Azure OpenAI', 'azure-openai'],
    ['Office 365', 'microsoft-365'],
    ['ChatGPT Enterprise', 'openai'],
    // Legal entities, with and without their legal suffix and punctuation.
    ['Functional Software, Inc.', 'sentry'],
    ['Functional Software Inc', 'sentry'],
    ['FUNCTIONAL SOFTWARE', 'sentry'],
    ['Amazon Web Services EMEA SARL', 'amazon-web-services'],
    ['Amazon Web Services, Inc.', 'amazon-web-services'],
    ['The Rocket Science Group, LLC', 'mailchimp'],
    ['Rocket Science Group LLC', 'mailchimp'],
    ['Hetzner Online GmbH', 'hetzner'],
    ['Adyen N.V.', 'adyen'],
    ['Adyen NV', 'adyen'],
    ['Weaviate BV', 'weaviate'],
    ['PayPal (Europe) S.à r.l. et Cie, S.C.A.', 'paypal'],
    ['Anthropic, PBC', 'anthropic'],
    ['Mistral AI SAS', 'mistral-ai'],
    ['Pipedrive OU', 'pipedrive'],
    ['Catamorphic Co.', 'launchdarkly'],
    ['Google LLC', 'google'],
    ['Google Cloud EMEA Ltd', 'google-cloud'],
    ['Microsoft Ireland Operations Ltd.', 'microsoft'],
    ['Zoho Corporation Private Limited', 'zoho'],
    // Spelling variants.
    ['Send Grid', 'sendgrid'],
    ['SendGrid', 'sendgrid'],
    ['Twilio SendGrid', 'sendgrid'],
    ['Customer IO', 'customer-io'],
    ['customer.io', 'customer-io'],
    ['Hub-Spot', 'hubspot'],
    ['open ai', 'openai'],
    // Compound names as pages print them.
    ['Raintank, Inc. d/b/a Grafana Labs', 'grafana-labs'],
    ['Mailchimp / The Rocket Science Group', 'mailchimp'],
    ['Twilio Inc. (SendGrid)', 'twilio'],
    ['Sentry (Functional Software, Inc.)', 'sentry'],
    // A group's regional entity not listed by name.
    ['Zendesk International Ltd', 'zendesk'],
    ['Datadog Ireland Limited', 'datadog'],
    ['Cloudflare Europe', 'cloudflare'],
  ])('%s -> %s', (name, id) => {
    expect(findKnownSubprocessor(catalog, name)?.id).toBe(id);
  });

  it.each(['Nonexistent Corp', '', '   ', 'Inc.', 'Amazonia Web Solutions', 'Stripes'])(
    '%j -> undefined',
    (name) => {
      expect(findKnownSubprocessor(catalog, name)).toBeUndefined();
    },
  );
});

describe('nameKey', () => {
  it.each([
    ['Amazon Web Services, Inc.', 'amazonwebservices'],
    ['Raintank, L.L.C.', 'raintank'],
    ['Example Holdings B.V.', 'exampleholdings'],
    ['Björn & Söhne GmbH & Co. KG', 'bjornandsohne'],
    ['Example Sp. z o.o.', 'example'],
    ['The Example Company Ltd', 'example'],
    ['Limited', 'limited'],
  ])('%s -> %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('findKnownSubprocessor on a hand-made catalog', () => {
  const entry = (
    id: string,
    canonicalName: string,
    legalEntities: string[],
  ): KnownSubprocessor => ({
    id,
    canonicalName,
    aliases: [],
    legalEntities,
    category: 'other',
    headquarters: null,
    isAiProvider: false,
    dpfCertified: null,
  });
  const small = [entry('acme', 'Acme', ['Acme Europe B.V.']), entry('acme-eu', 'Acme EU', [])];

  it('prefers an exact match over stripping a regional word', () => {
    expect(findKnownSubprocessor(small, 'Acme EU')?.id).toBe('acme-eu');
    expect(findKnownSubprocessor(small, 'Acme Europe BV')?.id).toBe('acme');
    expect(findKnownSubprocessor(small, 'Acme Ireland Ltd')?.id).toBe('acme');
  });
});
