/**
 * A dispatcher that dies (SIGKILL) right after its first mail was accepted by the SMTP server and
 * before it could record it: `tsx crash-after-send.ts <database url> <smtp url> <lease ms>`.
 */
import { startDispatcher } from '../../channels/dispatcher';
import { createMailer } from '../../channels/smtp';
import { openDatabase } from '../../db/data-source';

async function main(): Promise<void> {
  const [databaseUrl = '', smtpUrl = '', leaseMs = '1000'] = process.argv.slice(2);
  const db = await openDatabase(databaseUrl);
  const mailer = createMailer({ smtpUrl, from: 'baton@example.com' });
  startDispatcher({
    db,
    leaseMs: Number(leaseMs),
    publicUrl: 'https://baton.example.com',
    mailer: {
      async send(mail) {
        const outcome = await mailer.send(mail);
        process.kill(process.pid, 'SIGKILL');
        return outcome;
      },
      close: () => mailer.close(),
    },
  });
}

void main();
