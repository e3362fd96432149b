import { useEffect, useRef, useState } from 'react';
import type { TaskEvent } from './types';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface TaskEventHandlers {
  /** A task the user may see opened, changed hands or closed. */
  onTask(event: TaskEvent): void;
  /** Changes may have been missed (the server lost its own feed for a while): read everything again. */
  onResync(): void;
}

/**
 * Listens to `GET /events` (Server-Sent Events, with the session cookie). The browser
 * reconnects by itself after a network cut; a refusal (signed out) ends the stream.
 */
export function useTaskEvents(handlers: TaskEventHandlers): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const listener = useRef(handlers);
  listener.current = handlers;

  useEffect(() => {
    const source = new EventSource('/events');
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    source.addEventListener('task', (message) => {
      try {
        listener.current.onTask(JSON.parse((message as MessageEvent<string>).data) as TaskEvent);
      } catch {
        // A malformed event is not worth breaking the page for; the next one refreshes it.
      }
    });
    source.addEventListener('resync', () => listener.current.onResync());
    return () => source.close();
  }, []);
  return state;
}
