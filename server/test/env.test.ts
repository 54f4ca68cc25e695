import { loadConfig } from '../src/env';
import { PRODUCTION_ENV } from './production-env';

/** The message loadConfig throws for `env`, or '' when it accepts it. */
const refusal = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('env: production refuses development settings (issue 12 item 3)', () => {
  it('accepts a complete production configuration, with docs off and no proxy trusted', () => {
    const config = loadConfig(PRODUCTION_ENV);
    expect(config).toMatchObject({ production: true, enableDocs: false, trustProxy: false, enableTestEndpoints: false, publicBaseUrl: 'https://tj.example.org' });
  });

  it('development defaults pass outside production, docs on', () => {
    expect(loadConfig({})).toMatchObject({ production: false, enableDocs: true, trustProxy: false, smsAdapter: 'simulator' });
  });

  it.each([
    ['the dev JWT_SECRET', { JWT_SECRET: undefined }, 'JWT_SECRET'],
    ['the dev PII_SECRET', { PII_SECRET: undefined }, 'PII_SECRET'],
    ['the SMS simulator', { SMS_ADAPTER: 'simulator' }, 'SMS_ADAPTER'],
    ['the WeChat simulator', { WECHAT_ADAPTER: 'simulator' }, 'WECHAT_ADAPTER'],
    ['the real-name simulator', { REALNAME_ADAPTER: undefined }, 'REALNAME_ADAPTER'],
    ['the notification simulator', { NOTIFY_ADAPTER: 'simulator' }, 'NOTIFY_ADAPTER'],
    ['the external-system simulator', { EXTERNAL_SYSTEM_ADAPTER: 'simulator' }, 'EXTERNAL_SYSTEM_ADAPTER'],
    ['test endpoints', { ENABLE_TEST_ENDPOINTS: 'true' }, 'ENABLE_TEST_ENDPOINTS'],
    ['no PUBLIC_BASE_URL', { PUBLIC_BASE_URL: undefined }, 'PUBLIC_BASE_URL'],
    ['an SMS resend wait under a minute (the E2E setting)', { SMS_RESEND_SECONDS: '2' }, 'SMS_RESEND_SECONDS'],
    ['a password hash cost under scrypt N = 2^15 (the test suites’ setting)', { PASSWORD_SCRYPT_LOG_N: '10' }, 'PASSWORD_SCRYPT_LOG_N'],
  ])('refuses %s', (_what, change, key) => {
    const message = refusal({ ...PRODUCTION_ENV, ...change });
    expect(message).toMatch(new RegExp(`^  ${key}: production: `, 'm'));
    // the very same setting is fine in development
    expect(refusal({ ...PRODUCTION_ENV, ...change, NODE_ENV: 'development' })).toBe('');
  });

  it('lists every problem at once', () => {
    const message = refusal({ NODE_ENV: 'production' });
    for (const key of ['JWT_SECRET', 'PII_SECRET', 'SMS_ADAPTER', 'WECHAT_ADAPTER', 'REALNAME_ADAPTER', 'NOTIFY_ADAPTER', 'EXTERNAL_SYSTEM_ADAPTER', 'PUBLIC_BASE_URL']) {
      expect(message).toContain(`  ${key}: production: `);
    }
  });

  it('ENABLE_DOCS=true opens /docs in production; false closes it in development', () => {
    expect(loadConfig({ ...PRODUCTION_ENV, ENABLE_DOCS: 'true' }).enableDocs).toBe(true);
    expect(loadConfig({ ENABLE_DOCS: 'false' }).enableDocs).toBe(false);
  });

  it('PUBLIC_BASE_URL must be a URL', () => {
    expect(refusal({ PUBLIC_BASE_URL: 'tj.example.org' })).toMatch(/PUBLIC_BASE_URL/);
  });
});

describe('env: TRUST_PROXY (issue 12 item 4)', () => {
  it.each([
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 172.16.0.1 ,::1', ['10.0.0.0/8', '172.16.0.1', '::1']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('%j → %j', (value, expected) => expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected));

  it.each(['true', '*', 'example.com', '10.0.0.0/33', '10.0.0.1/8/1', '300.1.1.1'])('refuses %j', (value) => {
    expect(refusal({ TRUST_PROXY: value })).toMatch(/TRUST_PROXY/);
  });
});
