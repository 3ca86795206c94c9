/**
 * Composition root of the desktop app (Electron main process): the only place that imports
 * Electron's runtime and hands its objects to the shell's classes (DESIGN §2, §3). Built to
 * dist/main/index.js by `npm run build`; `npm start` runs it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  type NativeImage,
} from 'electron';
import { createCoreServices, type CoreServices } from './core/api/services.js';
import { checkoutClientFile, DEFAULT_CLIENT_FILE } from './core/auth/sign-in-client.js';
import { FileTokenVault, moveTokens, type TokenVault } from './core/auth/token-vault.js';
import { toAppError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { resolveEndpoints } from './core/google/endpoints.js';
import { defaultDataDir, resolveDatabasePath, resolveTokenFile } from './core/paths.js';
import { readPhoto } from './core/photos/serve-photo.js';
import { appEnvironment } from './shell/environment.js';
import { IpcBridge } from './shell/ipc.js';
import { loginItemSettings, QuitController, shouldStartHidden } from './shell/lifecycle.js';
import { allowListedOpener, APP_SCHEME, hardenWebContents } from './shell/navigation.js';
import { NotificationHolder, Notifier } from './shell/notifications.js';
import { electronSettingsStore, openWithElectronStore } from './shell/settings-store.js';
import { powerEventsFrom } from './shell/power.js';
import { APP_SCHEME_PRIVILEGES, appProtocolHandler } from './shell/protocol.js';
import { allowUnencryptedFromEnv, SafeStorageTokenVault } from './shell/safe-storage-vault.js';
import { TrayController, TRAY_ICON_STATES, type TrayIconState } from './shell/tray.js';
import { TRAY_ICONS } from './shell/tray-icons.js';
import { MainWindow } from './shell/window.js';
import { WindowStateStore } from './shell/window-state.js';
import { saveDialogChooser } from './shell/save-dialog.js';

const log = createLogger('app');
/** dist/main after the build: the renderer and the preload sit beside it. */
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD = path.join(here, 'preload.cjs');

const { env, ignored } = appEnvironment(process.env, app.isPackaged);
if (ignored.length > 0) log.warn('the installed app ignores development settings', { ignored });

// One data folder for the app and the CLI, whatever Electron would derive from the package name.
app.setPath('userData', defaultDataDir(env));
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every web contents, not only the main window's: whatever gets created is locked down too.
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, (url) => shell.openExternal(url)),
);

/**
 * The OS keychain-backed vault; tokens the CLI left in its plain file move into it. Against a
 * fake Google server (CONTACTS_SYNC_GOOGLE_URL: the demo, tests) the tokens are fake and stay
 * in the CLI's file, where the demo seeds them.
 */
function tokenVault(databasePath: string): TokenVault {
  const plain = new FileTokenVault(resolveTokenFile(databasePath, env));
  if (env['CONTACTS_SYNC_GOOGLE_URL']) return plain;
  const vault = new SafeStorageTokenVault(
    safeStorage,
    path.join(path.dirname(databasePath), 'tokens.safe.json'),
    { allowUnencrypted: allowUnencryptedFromEnv(env) },
  );
  if (vault.encrypted) moveTokens(plain, vault);
  return vault;
}

async function start(): Promise<void> {
  const databasePath = resolveDatabasePath(undefined, env);
  // Google's sign-in page, or in development the fake server's.
  const signInOrigin = new URL(resolveEndpoints(env).authUrl).origin;
  const core: CoreServices = createCoreServices({
    databasePath,
    env,
    openSettings: electronSettingsStore,
    vault: tokenVault(databasePath),
    // The packager's default sign-in client (README "Google sign-in client"). GOOGLE_CLIENT_ID and
    // GOOGLE_CLIENT_SECRET reach `env` only in development or with CONTACTS_SYNC_DEVELOPER=1
    // (shell/environment.ts), so they never override the person's client in the packaged app.
    defaultClientFile: app.isPackaged
      ? path.join(process.resourcesPath, DEFAULT_CLIENT_FILE)
      : checkoutClientFile(here),
    opener: allowListedOpener((url) => shell.openExternal(url), [signInOrigin]),
    background: { power: powerEventsFrom(powerMonitor) },
    onSettingsChange: (settings) => app.setLoginItemSettings(loginItemSettings(settings)),
    chooseExportFile: saveDialogChooser(dialog, () => app.getPath('documents')),
  });
  const { api, settings } = core;

  protocol.handle(
    APP_SCHEME,
    appProtocolHandler(RENDERER_DIR, (urlPath) => readPhoto(core.photos.cache, urlPath)),
  );
  // The renderer needs no camera, notifications, geolocation…: refuse every permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const window = new MainWindow({
    createWindow: (options) => new BrowserWindow(options),
    stateStore: new WindowStateStore(
      path.join(path.dirname(databasePath), 'window-state.json'),
      openWithElectronStore,
    ),
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    preloadPath: PRELOAD,
    devTools: !app.isPackaged,
    isQuitting: () => quit.isQuitting,
  });
  const openWindow = () => window.show();
  const bridge = new IpcBridge({ ipcMain, endpoint: api, windows: () => window.webContents() });

  const initial = api.snapshot();
  const icons = Object.fromEntries(
    TRAY_ICON_STATES.map((state) => [state, nativeImage.createFromDataURL(TRAY_ICONS[state])]),
  ) as Record<TrayIconState, NativeImage>;
  const tray = new TrayController(
    {
      tray: new Tray(icons.idle),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      icons,
      canPause: true,
      now: () => new Date(),
      actions: {
        syncNow: () => void api.call('syncNow', {}),
        pause: (choice) => {
          settings.pause(choice);
          api.announce();
        },
        resume: () => {
          settings.resume();
          api.announce();
        },
        open: openWindow,
        quit: () => app.quit(),
      },
    },
    initial,
  );
  // "Last synced 5 min ago" must not go stale between events.
  const minute = setInterval(() => tray.render(), 60_000);
  const notifications = new NotificationHolder((content) => new Notification(content));
  const notifier = new Notifier(
    {
      show: (content, onClick) => {
        if (Notification.isSupported()) notifications.show(content, onClick);
      },
      preferences: () => {
        const current = settings.get();
        return { failures: current.notifyOnFailure, signInNeeded: current.notifyOnSignInNeeded };
      },
      open: openWindow,
    },
    initial,
  );
  api.subscribe((event) => {
    tray.onEvent(event);
    if (event.name === 'statusChanged') notifier.onStatus(event.payload);
  });

  const quit = new QuitController(app, async () => {
    clearInterval(minute);
    bridge.dispose();
    tray.destroy();
    await core.close();
  });
  app.on('second-instance', openWindow);
  app.on('activate', openWindow);
  // Closing the window hides it; the app lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  app.setLoginItemSettings(loginItemSettings(settings.get()));
  window.create({ show: !shouldStartHidden(process.argv) });
  core.start();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives 'second-instance' and shows its window.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const appError = toAppError(error);
      log.error('the app could not start', { code: appError.code });
      dialog.showErrorBox('Contacts Sync Agent could not start', appError.message);
      app.exit(1);
    });
}
