/**
 * A stand-in for the `electron` module, for running the built composition root
 * (dist/main/index.js) under plain Node in tests, where Electron's binary cannot be installed
 * (DESIGN §2). tests/integration/electron-app.test.ts builds it and maps `electron` to it with a
 * module-resolution hook. It records what the app does and follows Electron's documented
 * behaviour where the app depends on it; a parent process drives it (see driver.ts).
 */
import { app } from './app.js';
import { startDriver } from './driver.js';
import * as modules from './modules.js';
import { record } from './record.js';
import { announceWebContents, StandinWindow } from './windows.js';

announceWebContents((contents) => {
  record.webContentsCreated += 1;
  app.emit('web-contents-created', { preventDefault: () => undefined }, contents);
});
startDriver();

export { app };
export const BrowserWindow = StandinWindow;
/** Electron's module is CommonJS: `import electron from 'electron'` (electron-store) works too. */
export default { ...modules, app, BrowserWindow };
export {
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
} from './modules.js';
