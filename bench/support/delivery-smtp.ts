import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One mail the SMTP server accepted. */
export interface Acceptance {
  /** Its `X-Baton-Notification` header; null if it had none. */
  readonly notificationId: string | null;
  /** `process.hrtime.bigint()` when its DATA was accepted (the same clock in every thread). */
  readonly acceptedAt: bigint;
  readonly bytes: number;
}

export type SmtpRequest = { readonly type: 'take' } | { readonly type: 'close' };
export type SmtpReply =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'taken'; readonly accepted: Acceptance[] }
  | { readonly type: 'closed' };

/** A real SMTP server (smtp-server, no auth, no STARTTLS) on 127.0.0.1 in a worker thread. */
export class BenchSmtpServer {
  /** Requests answered in order: one resolver per request sent. */
  private readonly waiting: Array<{ resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }> = [];

  private constructor(
    private readonly thread: Worker,
    readonly url: string,
  ) {
    thread.on('message', (reply: SmtpReply) => this.waiting.shift()?.resolve(reply));
    thread.on('error', (error) => {
      for (const request of this.waiting.splice(0)) request.reject(error);
    });
  }

  static async start(): Promise<BenchSmtpServer> {
    // Worker threads do not inherit tsx's loader: register it before loading the TypeScript file.
    const entry = path.join(__dirname, 'delivery-smtp-thread.ts');
    const thread = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
    const port = await new Promise<number>((resolve, reject) => {
      thread.once('error', reject);
      thread.once('message', (reply: SmtpReply) => {
        if (reply.type === 'listening') resolve(reply.port);
        else reject(new Error(`the SMTP thread answered ${reply.type} before listening`));
      });
    });
    return new BenchSmtpServer(thread, `smtp://127.0.0.1:${port}`);
  }

  /** The mails accepted since the last call, in the order accepted. */
  take(): Promise<Acceptance[]> {
    return this.ask({ type: 'take' }).then((reply) => (reply.type === 'taken' ? reply.accepted : []));
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' });
    await this.thread.terminate();
  }

  private ask(request: SmtpRequest): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.thread.postMessage(request);
    });
  }
}
