import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts, parsed. */
export class MailInbox {
  readonly mails: ParsedMail[] = [];
  private refuseNext = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async open(): Promise<MailInbox> {
    let inbox: MailInbox | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (inbox && inbox.refuseNext > 0) {
          inbox.refuseNext -= 1;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            inbox?.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    inbox = new MailInbox(server, `smtp://127.0.0.1:${port}`);
    return inbox;
  }

  /** The next `count` recipients are refused with a temporary error (451). */
  refuse(count: number): void {
    this.refuseNext = count;
  }

  /** The mails sent to an address (case-insensitive). */
  to(address: string): ParsedMail[] {
    return this.mails.filter((mail) =>
      [mail.to ?? []]
        .flat()
        .some((to) => to.value.some((entry) => entry.address?.toLowerCase() === address.toLowerCase())),
    );
  }

  /** Waits until `address` received `count` mails (15 s at most) and returns them. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `${address} received ${this.to(address).length} of ${count} mails; all received: ${this.mails
            .map(
              (mail) =>
                `${
                  mail.to
                    ? [mail.to]
                        .flat()
                        .map((to) => to.text)
                        .join(',')
                    : '?'
                }: ${mail.subject}`,
            )
            .join('; ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.to(address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
