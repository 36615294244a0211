/**
 * Widely used sub-processors, for the one job the page text cannot do alone: telling where a
 * vendor name ends when a flattened table runs it into the purpose ("Amazon Web Services Cloud
 * Service Provider"). Not used to invent or rename entries.
 */
export const KNOWN_VENDORS: readonly string[] = [
  'Amazon Web Services', 'AWS', 'Amazon', 'Google Cloud Platform', 'Google Cloud', 'Google Workspace',
  'Google Analytics', 'Google', 'Microsoft Azure', 'Microsoft', 'Azure', 'Cloudflare', 'Fastly', 'Akamai',
  'DigitalOcean', 'Heroku', 'Vercel', 'Netlify', 'Render', 'Fly.io', 'Railway', 'Hetzner', 'OVHcloud', 'OVH',
  'Scaleway', 'Linode', 'Akamai Connected Cloud', 'Oracle', 'IBM', 'Salesforce', 'HubSpot', 'Zendesk',
  'Intercom', 'Freshdesk', 'Front', 'FrontApp', 'Help Scout', 'Crisp', 'Drift', 'LiveChat', 'Gorgias',
  'Stripe', 'PayPal', 'Braintree', 'Adyen', 'Paddle', 'Chargebee', 'Recurly', 'Avalara', 'Bill.com',
  'SendGrid', 'Twilio SendGrid', 'Twilio', 'Mailgun', 'Mailchimp', 'Mandrill', 'Postmark', 'Amazon SES',
  'SparkPost', 'Customer.io', 'Braze', 'Iterable', 'Klaviyo', 'Brevo', 'Sendinblue', 'ConvertKit',
  'OneSignal', 'Pusher', 'Ably', 'Vonage', 'MessageBird', 'Segment', 'Mixpanel', 'Amplitude', 'Heap',
  'PostHog', 'Pendo', 'FullStory', 'Hotjar', 'LogRocket', 'Plausible', 'Matomo', 'Snowflake', 'BigQuery',
  'Databricks', 'Fivetran', 'Census', 'Hightouch', 'dbt Labs', 'Looker', 'Tableau', 'Metabase',
  'Sentry', 'BugSnag', 'Rollbar', 'Datadog', 'New Relic', 'Honeycomb', 'Grafana', 'Grafana Labs',
  'Elastic', 'Elasticsearch', 'Logz.io', 'Papertrail', 'Sumo Logic', 'Splunk', 'PagerDuty', 'Opsgenie',
  'Statuspage', 'LaunchDarkly', 'Split', 'Optimizely', 'GrowthBook', 'Algolia', 'MongoDB Atlas', 'MongoDB',
  'Redis', 'Supabase', 'Neon', 'PlanetScale', 'Firebase', 'Auth0', 'Okta', 'OneLogin', 'JumpCloud',
  'GitHub', 'GitLab', 'Atlassian', 'Jira', 'Confluence', 'Slack', 'Zoom', 'Notion', 'Asana', 'Linear',
  'Miro', 'Figma', 'Loom', 'Calendly', 'DocuSign', 'PandaDoc', 'Dropbox', 'Box', 'OpenAI', 'Anthropic',
  'Cohere', 'Mistral AI', 'Google Gemini', 'Azure OpenAI', 'Hugging Face', 'Replicate', 'Together AI',
  'Groq', 'Pinecone', 'Weaviate', 'LangChain', 'Daily', 'daily.co', 'LiveKit', 'Agora', 'Mux', 'Upscope',
  'Ipstack', 'MaxMind', 'Typeform', 'SurveyMonkey', 'Qualtrics', 'Gong', 'Outreach', 'Apollo', 'ZoomInfo',
  'Clearbit', 'LinkedIn', 'Meta', 'Facebook', 'Unbounce', 'Webflow', 'WordPress', 'Wix', 'Squarespace',
  'Shopify', 'Zapier', 'Make', 'Workato', 'Tray.io', 'Temporal', 'ClickHouse', 'Confluent', 'Aiven',
  'Backblaze', 'Wasabi', 'Bunny.net', 'Imgix', 'Cloudinary', 'Vimeo', 'Wistia', 'YouTube', 'Gusto',
  'Rippling', 'Deel', 'BambooHR', 'Workday', 'NetSuite', 'QuickBooks', 'Xero', 'Expensify', 'Brex', 'Ramp',
  'Vanta', 'Drata', 'Secureframe', 'Tavily', 'Exa', 'Baseten', 'Modal', 'Exoscale', 'Flow.swiss',
];

const SORTED = [...KNOWN_VENDORS].sort((a, b) => b.length - a.length);

/** The longest known vendor name that `text` starts with, if any (case-insensitive). */
export function knownVendorPrefix(text: string): string | null {
  const lower = text.toLowerCase();
  for (const v of SORTED) {
    const l = v.toLowerCase();
    if (lower.startsWith(l) && (lower.length === l.length || /[\s,(:–—-]/.test(lower[l.length] ?? ''))) {
      return text.slice(0, v.length);
    }
  }
  return null;
}
