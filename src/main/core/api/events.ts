/** Fans every API event out to every connected client (windows, WebSocket clients, the tray). */
import type { ApiEvent } from '../../../shared/api/contract.js';
import { createLogger } from '../logger.js';

const log = createLogger('api');

export type EventListener = (event: ApiEvent) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** One client failing (a closed socket, a destroyed window) must not starve the others. */
  publish(event: ApiEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (caught) {
        log.warn('an event listener failed', {
          event: event.name,
          error: caught instanceof Error ? caught.name : typeof caught,
        });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
