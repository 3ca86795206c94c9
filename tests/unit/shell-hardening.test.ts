import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../../src/main/core/logger.js';
import {
  appEnvironment,
  DEVELOPER_ENV,
  DEVELOPMENT_VARIABLES,
} from '../../src/main/shell/environment.js';
import { allowListedOpener, describeRefusedUrl } from '../../src/main/shell/navigation.js';

const DEV_ENV = {
  HOME: '/home/ada',
  CONTACTS_SYNC_GOOGLE_URL: 'http://127.0.0.1:9/',
  CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS: '1',
  CONTACTS_SYNC_TOKENS: '/tmp/t.json',
  GOOGLE_CLIENT_ID: 'id',
  GOOGLE_CLIENT_SECRET: 'secret',
  CONTACTS_SYNC_LOG_LEVEL: 'debug',
};

describe('the environment of the installed app', () => {
  it('drops the development variables when packaged, and names (not values) what it dropped', () => {
    const { env, ignored } = appEnvironment(DEV_ENV, true);
    expect(env).toEqual({ HOME: '/home/ada', CONTACTS_SYNC_LOG_LEVEL: 'debug' });
    expect([...ignored].sort()).toEqual([...DEVELOPMENT_VARIABLES].sort());
  });

  it('keeps them in development, and in a packaged build with the developer flag', () => {
    expect(appEnvironment(DEV_ENV, false)).toEqual({ env: DEV_ENV, ignored: [] });
    const developer = { ...DEV_ENV, [DEVELOPER_ENV]: '1' };
    expect(appEnvironment(developer, true)).toEqual({ env: developer, ignored: [] });
    expect(appEnvironment({ ...DEV_ENV, [DEVELOPER_ENV]: 'yes' }, true).ignored).not.toEqual([]);
  });
});

describe('opening links outside the app', () => {
  const lines: string[] = [];
  configureLogging({ sink: (line) => lines.push(line) });
  afterEach(() => {
    lines.length = 0;
  });

  it('opens allow-listed links and the sign-in origin it is given', async () => {
    const opened: string[] = [];
    const open = allowListedOpener((url) => void opened.push(url), ['http://127.0.0.1:4000']);
    await open('https://myaccount.google.com/permissions');
    await open('http://127.0.0.1:4000/o/oauth2/v2/auth?state=s');
    await open('http://127.0.0.1:4001/o/oauth2/v2/auth');
    expect(opened).toEqual([
      'https://myaccount.google.com/permissions',
      'http://127.0.0.1:4000/o/oauth2/v2/auth?state=s',
    ]);
  });

  it('refuses the rest and logs it without path, query or fragment', async () => {
    const opened: string[] = [];
    const open = allowListedOpener((url) => void opened.push(url));
    await open('https://evil.example/steal/ada@example.com?code=SECRET#frag');
    await open('sms:+441234567890');
    expect(opened).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('https://evil.example');
    for (const secret of ['SECRET', 'ada@example.com', 'steal', 'frag', '441234567890']) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('describes a refused URL by scheme and host only', () => {
    expect(describeRefusedUrl('https://a.example:8443/p?q=1')).toBe('https://a.example:8443');
    expect(describeRefusedUrl('javascript:alert(1)')).toBe('javascript:');
    expect(describeRefusedUrl('not a url')).toBe('an unreadable URL');
  });
});
