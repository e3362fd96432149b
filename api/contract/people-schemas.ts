import { Type } from '@sinclair/typebox';
import { DELIVERY_MODES } from '../../db/entities/preference';
import { LOCALES, ROLES } from '../../db/entities/user';
import { MAXIMUM_TOKEN_TTL_DAYS } from '../../infra/config';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../plan/recipient';
import { DateTime, Department, Nullable, OneOf, Page, Token, User } from './schemas';

/**
 * People, their tokens and sessions, and departments: what `/users`, `/auth` and `/departments`
 * accept and answer (the entities themselves, `User`, `Token` and `Department`, are shared in
 * schemas.ts).
 */

const Email = Type.String({ format: 'email', maxLength: 320 });

/** What a person may change about themselves. */
const PersonFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Nullable(Email),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone, e.g. Europe/Paris' }),
  locale: OneOf(LOCALES),
};

/** What only an admin changes: where a person stands in the organisation. */
const OrganisationFields = {
  role: OneOf(ROLES),
  department: Nullable(Type.String({ maxLength: 64, description: "a department's id; required for staff" })),
};

export const NewUserBody = Type.Object(
  {
    name: PersonFields.name,
    role: OrganisationFields.role,
    email: Type.Optional(PersonFields.email),
    timeZone: Type.Optional(PersonFields.timeZone),
    locale: Type.Optional(PersonFields.locale),
    department: Type.Optional(OrganisationFields.department),
  },
  { additionalProperties: false },
);

export const UserChangesBody = Type.Partial(Type.Object({ ...PersonFields, ...OrganisationFields }), {
  additionalProperties: false,
  minProperties: 1,
});

export const OwnChangesBody = Type.Partial(Type.Object(PersonFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAXIMUM_TOKEN_TTL_DAYS,
        description: 'how long it works; the configured life (`BATON_TOKEN_TTL_DAYS`) when absent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UserPage = Page(User, 'UserPage');
export const TokenPage = Page(Token, 'TokenPage');

export const NewToken = Type.Object(
  { ...Token.properties, token: Type.String({ description: 'the secret, shown this once: only its hash is kept' }) },
  { $id: 'NewToken', description: 'A token just made, with its secret.' },
);

export const UserWithToken = Type.Object(
  {
    ...User.properties,
    token: Type.String({ description: 'a bearer token, shown this once: only its hash is kept' }),
    tokenExpiresAt: DateTime,
  },
  { $id: 'UserWithToken', description: 'A user with the token just issued to them.' },
);

const DeliveryMode = OneOf(DELIVERY_MODES, { description: 'at once, or in the daily digest' });

type ModeByKind = Record<NotificationKind, typeof DeliveryMode>;
const modeByKind = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, DeliveryMode])) as ModeByKind;

export const Preferences = Type.Object(modeByKind, {
  $id: 'Preferences',
  description: 'How a person receives each kind of notification (`immediate` unless they chose `digest`).',
});

export const PreferencesBody = Type.Partial(Type.Object(modeByKind), { additionalProperties: false });

export const DepartmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Email)),
    lead: Type.Optional(Nullable(Type.String({ description: 'the user id of the person who leads it; null: nobody' }))),
  },
  { additionalProperties: false },
);

export const DepartmentPage = Page(Department, 'DepartmentPage');

export const DepartmentMember = Type.Object(
  { id: Type.String(), name: Type.String(), email: Nullable(Type.String()) },
  { $id: 'DepartmentMember', description: "A person a department's task may be given to." },
);
export const DepartmentMemberPage = Page(DepartmentMember, 'DepartmentMemberPage');

export const SignInLinkBody = Type.Object({ email: Email }, { additionalProperties: false });

export const SessionBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200, description: "a sign-in link's token or an API token" }) },
  { additionalProperties: false },
);

export const Session = Type.Object(
  {
    user: User,
    csrfToken: Type.String({ description: 'to send as `X-CSRF-Token` with every change made with the session cookie' }),
  },
  { $id: 'Session', description: 'A browser session: whose it is, and the token its changes carry.' },
);

export const SignInLinkRequested = Type.Object(
  { sent: Type.Literal(true, { description: 'always true: the answer tells nobody whether the address is known' }) },
  { description: "The request was taken; a link is mailed if the address is an active user's." },
);
