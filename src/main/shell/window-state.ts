/**
 * The window remembers its size and position between runs, in window-state.json beside the
 * database (the data folder, as the README says). A saved position on a display that is gone is dropped, so the window never opens
 * off screen.
 */
import path from 'node:path';
import type { Rectangle } from 'electron';
import { z } from 'zod';
import { createLogger } from '../core/logger.js';
import { openWithConf, type OpenSettingsFile } from '../core/settings/conf-store.js';

const log = createLogger('window');

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1000, height: 720, maximized: false };
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const;
/** How much of the window must show on some display for its saved position to be kept. */
const MIN_VISIBLE = { width: 100, height: 50 } as const;

const savedShape = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** A usable state from whatever was saved (or nothing), for the displays there are now. */
export function fitWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const parsed = savedShape.safeParse(saved);
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
  const { x, y, maximized } = parsed.data;
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(parsed.data.width, MIN_WINDOW_SIZE.width), maxWidth);
  const height = Math.min(Math.max(parsed.data.height, MIN_WINDOW_SIZE.height), maxHeight);
  const state: WindowState = { width, height, maximized };
  if (x === undefined || y === undefined) return state;
  const visible = workAreas.some((area) => {
    const o = overlap({ x, y, width, height }, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  return visible ? { ...state, x, y } : state;
}

/** The window state file, opened as settings.json is (conf, or electron-store in the app). */
export class WindowStateStore {
  constructor(
    readonly file: string,
    private readonly openFile: OpenSettingsFile = openWithConf,
  ) {}

  private open() {
    return this.openFile({
      cwd: path.dirname(this.file),
      configName: path.basename(this.file),
      fileExtension: '',
      accessPropertiesByDotNotation: false,
      // A damaged file is only a lost window position: start over rather than fail.
      clearInvalidConfig: true,
      configFileMode: 0o600,
    });
  }

  load(workAreas: readonly Rectangle[]): WindowState {
    try {
      return fitWindowState(this.open().store, workAreas);
    } catch {
      // An unreadable file: the default size, centred.
      return fitWindowState(undefined, workAreas);
    }
  }

  save(state: WindowState): void {
    try {
      this.open().store = { ...state };
    } catch (caught) {
      log.warn('could not save the window position', {
        code: (caught as NodeJS.ErrnoException).code,
      });
    }
  }
}
