import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../../src/main/core/logger.js';
import { ConfSettingsStore } from '../../src/main/core/settings/conf-store.js';
import { defaultSettings } from '../../src/main/core/settings/schema.js';
import { parseSettings, SettingsService } from '../../src/main/core/settings/settings-service.js';

let dir: string;
let file: string;
let logs: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-settings-'));
  file = path.join(dir, 'settings.json');
  logs = [];
  configureLogging({ sink: (line) => logs.push(line), level: 'warn' });
});
afterEach(() => {
  configureLogging({ sink: (line) => process.stderr.write(line + '\n') });
  fs.rmSync(dir, { recursive: true, force: true });
});

const service = () => new SettingsService(new ConfSettingsStore(file));

describe('settings behind the conf store', () => {
  it('without a file gives the defaults (daily at 02:00) and writes nothing', () => {
    const settings = service().get();
    expect(settings).toEqual(defaultSettings());
    expect(settings.schedule).toMatchObject({ enabled: true, at: '02:00', everyHours: 24 });
    expect(settings.policies.adaptiveCapHours).toBe(96);
    expect(fs.existsSync(file)).toBe(false);
    expect(logs).toEqual([]);
  });

  it('persists an update and reads it back, per account', () => {
    service().update((s) => {
      s.schedule.at = '03:15';
      s.accounts['me@example.com'] = { everyHours: 6, pausedUntil: 'indefinitely' };
    });
    const again = service();
    expect(again.get().schedule.at).toBe('03:15');
    expect(again.scheduleFor('Me@Example.com')).toMatchObject({
      at: '03:15',
      everyHours: 6,
      pausedUntil: 'indefinitely',
      enabled: true,
    });
    expect(again.scheduleFor('other@example.com')).toMatchObject({ everyHours: 24 });
  });

  it.each([
    ['not JSON', '{"schedule": {"at": "03:00"'],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u0001\u00ff'],
  ])('a corrupt file (%s) loads as defaults with a warning, and saving repairs it', (_n, text) => {
    fs.writeFileSync(file, text);
    const settings = service();
    expect(settings.get()).toEqual(defaultSettings());
    expect(logs.join('\n')).toMatch(/WARN \[settings\].*defaults are used/);
    settings.update((s) => {
      s.schedule.everyHours = 12;
    });
    expect(service().get().schedule.everyHours).toBe(12);
  });

  it('an invalid field falls back to its own default; valid neighbours are kept', () => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        schedule: { at: '25:99', everyHours: 5, enabled: false },
        accounts: { 'me@example.com': { at: '04:00', timeZone: 'Mars/Olympus_Mons' } },
        policies: { adaptiveCapHours: 24 * 30, circuitFailures: 4 },
      }),
    );
    const loaded = parseSettings(new ConfSettingsStore(file).read());
    expect(loaded.settings.schedule).toMatchObject({ at: '02:00', everyHours: 24, enabled: false });
    expect(loaded.settings.accounts['me@example.com']).toEqual({ at: '04:00' });
    // A cap of 30 days would outlive Google's 7-day sync tokens: back to the default.
    expect(loaded.settings.policies).toMatchObject({ adaptiveCapHours: 96, circuitFailures: 4 });
    expect(loaded.warnings.map((w) => w.split(':')[0])).toEqual(
      expect.arrayContaining([
        'schedule.at',
        'schedule.everyHours',
        'accounts.me@example.com.timeZone',
        'policies.adaptiveCapHours',
      ]),
    );
  });

  it('a file holding something other than an object gives the defaults', () => {
    expect(parseSettings([1, 2]).settings).toEqual(defaultSettings());
    expect(parseSettings('text').warnings).toHaveLength(1);
  });
});
