/**
 * The app window: secure web preferences (DESIGN §9), hidden rather than closed (background sync
 * goes on in the tray), remembers where it was.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { PRODUCT_NAME } from '../core/paths.js';
import { APP_URL } from './navigation.js';
import type { BrowserWindowLike, WebContentsLike } from './ports.js';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state.js';

export function windowOptions(
  state: WindowState,
  preloadPath: string,
  options: { devTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show (no white flash), or not at all when starting hidden.
    show: false,
    title: PRODUCT_NAME,
    backgroundColor: '#f5f6f8',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

export interface MainWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindowLike;
  stateStore: {
    load(workAreas: readonly Rectangle[]): WindowState;
    save(state: WindowState): void;
  };
  workAreas(): Rectangle[];
  preloadPath: string;
  devTools: boolean;
  /** True once the person chose Quit: then closing really closes. */
  isQuitting(): boolean;
}

/** One window's way to the screen: never before its page is ready, maximized at its first show. */
interface Reveal {
  ready: boolean;
  wanted: boolean;
  maximize: boolean;
}

export class MainWindow {
  private window: BrowserWindowLike | null = null;
  private reveal: Reveal = { ready: false, wanted: false, maximize: false };

  constructor(private readonly deps: MainWindowDeps) {}

  /** Creates the window and loads the app; shows it when ready unless starting hidden. */
  create(options: { show: boolean }): BrowserWindowLike {
    const state = this.deps.stateStore.load(this.deps.workAreas());
    const window = this.deps.createWindow(
      windowOptions(state, this.deps.preloadPath, { devTools: this.deps.devTools }),
    );
    this.window = window;
    // maximize() shows a hidden window in Electron: a start in the tray must wait for its first show.
    const reveal: Reveal = { ready: false, wanted: options.show, maximize: state.maximized };
    this.reveal = reveal;
    window.on('close', (event) => {
      this.saveState(window);
      if (this.deps.isQuitting()) return;
      event.preventDefault();
      // Closed before its page was ready: it must not pop up when the page is.
      reveal.wanted = false;
      window.hide();
    });
    window.once('ready-to-show', () => {
      reveal.ready = true;
      if (reveal.wanted) this.bringUp(window, reveal);
    });
    void window.loadURL(APP_URL);
    return window;
  }

  /** Brings the window up (creating it if needed): tray "Open", a second launch, a click. */
  show(): void {
    const window = this.window && !this.window.isDestroyed() ? this.window : null;
    if (!window) {
      this.create({ show: true });
      return;
    }
    this.reveal.wanted = true;
    // Before its page is ready the window would show blank; ready-to-show brings it up.
    if (this.reveal.ready) this.bringUp(window, this.reveal);
  }

  private bringUp(window: BrowserWindowLike, reveal: Reveal): void {
    if (reveal.maximize) {
      reveal.maximize = false;
      window.maximize();
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** The web contents that may call the API and receive its events. */
  webContents(): WebContentsLike[] {
    return this.window && !this.window.isDestroyed() ? [this.window.webContents] : [];
  }

  private saveState(window: BrowserWindowLike): void {
    const bounds = window.getNormalBounds();
    this.deps.stateStore.save({ ...bounds, maximized: window.isMaximized() });
  }
}
