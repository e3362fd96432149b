import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { type Listener, listen } from '../db/listen';
import type { Actor } from '../engine/context';
import { ServiceUnavailableError } from '../errors';

/** What the `tasks` trigger of migration 0009 announces on this channel. */
const TASKS_CHANNEL = 'baton_tasks';
/** Proxies close an idle stream; a comment line keeps it open. */
const HEARTBEAT_MS = 25_000;
/** Each open page holds a connection: past this many, a page is asked to try again later. */
const MAXIMUM_STREAMS = 1_000;

interface TaskChange {
  readonly id: string;
  readonly instanceId: string;
  readonly department: string;
  readonly assigneeId: string | null;
  readonly status: string;
}

interface Stream {
  readonly actor: Actor;
  readonly response: Response;
}

/**
 * Relays task changes to open pages as Server-Sent Events (`GET /events`): one Postgres
 * listener per API process, fanned out to each page that may see the task (staff: their
 * department's and their own; owners, managers and admins: all).
 */
export class TaskEventHub {
  private readonly streams = new Set<Stream>();
  private listener: Listener | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly db: DataSource) {}

  start(): void {
    this.listener ??= listen(this.db, TASKS_CHANNEL, {
      onNotify: (payload) => this.relay(payload),
      // Changes while the connection was lost were missed: pages reload what they show.
      onListening: () => this.broadcast('resync', '{}'),
    });
    this.heartbeat ??= setInterval(() => {
      for (const stream of this.streams) stream.response.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const stream of this.streams) stream.response.end();
    this.streams.clear();
    await this.listener?.close();
    this.listener = null;
  }

  /** Holds the request open as an event stream until the page goes. */
  open(request: Request, response: Response, actor: Actor): void {
    if (this.listener === null)
      throw new ServiceUnavailableError('live updates are off in this API process', 'postgres');
    if (this.streams.size >= MAXIMUM_STREAMS) {
      throw new ServiceUnavailableError(`this API process serves ${MAXIMUM_STREAMS} live pages already`, 'postgres');
    }
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx and its kind buffer responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write('retry: 5000\n\n');
    const stream = { actor, response };
    this.streams.add(stream);
    request.on('close', () => this.streams.delete(stream));
  }

  private relay(payload: string): void {
    let change: TaskChange;
    try {
      change = JSON.parse(payload) as TaskChange;
    } catch {
      return;
    }
    const data = JSON.stringify({
      id: change.id,
      instanceId: change.instanceId,
      department: change.department,
      assigneeId: change.assigneeId,
      status: change.status,
    });
    for (const stream of this.streams) {
      if (maySee(stream.actor, change)) stream.response.write(`event: task\ndata: ${data}\n\n`);
    }
  }

  private broadcast(event: string, data: string): void {
    for (const stream of this.streams) stream.response.write(`event: ${event}\ndata: ${data}\n\n`);
  }
}

function maySee(actor: Actor, change: TaskChange): boolean {
  if (actor.role === 'admin' || actor.role === 'owner' || actor.role === 'manager') return true;
  if (actor.role === 'staff') return change.department === actor.department || change.assigneeId === actor.id;
  return false;
}
