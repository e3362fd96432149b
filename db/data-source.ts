import { DataSource } from 'typeorm';
import { Attachment } from './entities/attachment';
import { Comment } from './entities/comment';
import { Definition } from './entities/definition';
import { Delivery } from './entities/delivery';
import { Department } from './entities/department';
import { Instance } from './entities/instance';
import { Notification } from './entities/notification';
import { Preference } from './entities/preference';
import { Task } from './entities/task';
import { User } from './entities/user';
import { Webhook } from './entities/webhook';
import { InitialSchema1795996800000 } from './migrations/0001-initial-schema';
import { DefinitionsMayRepeatAChecksum1795996800001 } from './migrations/0002-definitions-may-repeat-a-checksum';
import { FullProcessLanguage1795996800002 } from './migrations/0003-full-process-language';
import { Reports1795996800003 } from './migrations/0004-reports';
import { StartsSurviveOutages1795996800004 } from './migrations/0005-starts-survive-outages';
import { RoundsCostTotals1795996800005 } from './migrations/0006-rounds-cost-totals';
import { PeopleAndChannels1795996800006 } from './migrations/0007-people-and-channels';
import { MailAttachments1795996800007 } from './migrations/0008-mail-attachments';
import { WebSessions1795996800008 } from './migrations/0009-web-sessions';
import { ApiTokens1795996800009 } from './migrations/0010-api-tokens';
import { AuditTrail1795996800010 } from './migrations/0011-audit-trail';

/** Append-only, in order. */
const MIGRATIONS = [
  InitialSchema1795996800000,
  DefinitionsMayRepeatAChecksum1795996800001,
  FullProcessLanguage1795996800002,
  Reports1795996800003,
  StartsSurviveOutages1795996800004,
  RoundsCostTotals1795996800005,
  PeopleAndChannels1795996800006,
  MailAttachments1795996800007,
  WebSessions1795996800008,
  ApiTokens1795996800009,
  AuditTrail1795996800010,
];

export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [
      Department,
      User,
      Definition,
      Instance,
      Task,
      Notification,
      Comment,
      Delivery,
      Webhook,
      Preference,
      Attachment,
    ],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    // A Postgres that accepts no connection (stopped, unreachable) fails a request in 5 s (a 503), not never.
    extra: { max: 20, connectionTimeoutMillis: 5_000 },
  });
  await dataSource.initialize();
  return dataSource;
}

export interface MigrateOptions {
  /** `BATON_TOKEN_TTL_DAYS`: the life of the tokens users already had when tokens began to expire (default 90). */
  readonly tokenTtlDays?: number;
}

export async function migrate(dataSource: DataSource, options: MigrateOptions = {}): Promise<void> {
  for (const migration of dataSource.migrations) {
    if (migration instanceof ApiTokens1795996800009 && options.tokenTtlDays !== undefined) {
      migration.tokenTtlDays = options.tokenTtlDays;
    }
  }
  await dataSource.runMigrations();
}
