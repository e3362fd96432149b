/*
 * One notification as one e-mail for one person, in their language and time zone.
 *
 * The engine writes every notification in English (`subject`, `message`) and, for most kinds,
 * the facts it was made from. A sentence is written in the recipient's language from those
 * facts when the kind is known and the facts it needs are there; otherwise the engine's text is
 * sent as written (a `notify` step's text is the process owner's own, in their own language).
 */

import type { Locale } from '../db/entities/user';

export type { Locale };

export interface MailNotification {
  /** The outbox id, e.g. `<uuid>.triage:overdue`. */
  readonly id: string;
  /** `overdue`, `notify`, `step-failed`, `replanned`, `escalation`, `budget`, `assigned`, `reassigned`, `comment`, `request-*`; others render generically. */
  readonly kind: string;
  /** The engine's English subject, if it wrote one. */
  readonly subject: string | null;
  /** The engine's English text: what is sent when the facts cannot be rendered. */
  readonly message: string;
  /** What it is about (titles, ISO-8601 dates, names, amounts as strings): `localizedContent` says which keys each kind reads. */
  readonly facts: Readonly<Record<string, unknown>> | null;
  readonly instanceId: string;
  readonly taskId: string | null;
  readonly createdAt: Date;
}

export interface MailRecipient {
  readonly name: string | null;
  readonly locale: Locale;
  /** An IANA zone (`Europe/Paris`); one Intl does not know is replaced by UTC, said so next to each date. */
  readonly timeZone: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One notification, the reference token `[#<instanceId>]` at the end of the subject: replies are matched on it. */
export function renderMail(n: MailNotification, to: MailRecipient, publicUrl: string): RenderedMail {
  const words = PHRASEBOOKS[localeOf(to)];
  const content = contentOf(n, words, dateFormatterFor(to));
  const link = linkTo(n, publicUrl);
  const subject = `${content.subject} [#${n.instanceId}]`;
  const text = [
    words.greeting(nameOf(to)),
    ...content.paragraphs,
    ...(content.quote === null ? [] : [quoteAsText(content.quote)]),
    `${words.open} ${link}`,
    `-- \n${words.replyFooter}`,
  ].join('\n\n');
  const html = htmlDocument(localeOf(to), subject, [
    `<p>${escapeHtml(words.greeting(nameOf(to)))}</p>`,
    ...content.paragraphs.map((paragraph) => `<p>${multilineHtml(paragraph)}</p>`),
    ...(content.quote === null ? [] : [`<blockquote>${multilineHtml(content.quote)}</blockquote>`]),
    `<p>${escapeHtml(words.open)} ${anchor(link)}</p>`,
    `<hr><p><small>${escapeHtml(words.replyFooter)}</small></p>`,
  ]);
  return { subject, text, html };
}

/**
 * Several notifications in one mail, in the order given. It carries no reference token (it is
 * about several instances), so its footer sends people to the entries' links to comment.
 */
export function renderDigest(ns: readonly MailNotification[], to: MailRecipient, publicUrl: string): RenderedMail {
  const words = PHRASEBOOKS[localeOf(to)];
  const formatDate = dateFormatterFor(to);
  const entries = ns.map((n) => ({ content: contentOf(n, words, formatDate), link: linkTo(n, publicUrl) }));
  const subject = words.digestSubject(ns.length);
  const text = [
    words.greeting(nameOf(to)),
    words.digestHeading,
    ...(entries.length === 0 ? [words.digestEmpty] : []),
    ...entries.map(({ content, link }) =>
      [
        `* ${content.subject}`,
        ...content.paragraphs,
        ...(content.quote === null ? [] : [quoteAsText(content.quote)]),
        `${words.open} ${link}`,
      ].join('\n'),
    ),
    `-- \n${words.digestFooter}`,
  ].join('\n\n');
  const items = entries.map(
    ({ content, link }) =>
      `<li><p><strong>${escapeHtml(content.subject)}</strong></p>` +
      content.paragraphs.map((paragraph) => `<p>${multilineHtml(paragraph)}</p>`).join('') +
      (content.quote === null ? '' : `<blockquote>${multilineHtml(content.quote)}</blockquote>`) +
      `<p>${escapeHtml(words.open)} ${anchor(link)}</p></li>`,
  );
  const html = htmlDocument(localeOf(to), subject, [
    `<p>${escapeHtml(words.greeting(nameOf(to)))}</p>`,
    `<h1>${escapeHtml(words.digestHeading)}</h1>`,
    entries.length === 0 ? `<p>${escapeHtml(words.digestEmpty)}</p>` : `<ul>${items.join('')}</ul>`,
    `<hr><p><small>${escapeHtml(words.digestFooter)}</small></p>`,
  ]);
  return { subject, text, html };
}

/** What a mail says about one notification, before greeting, link and footer. */
interface Content {
  readonly subject: string;
  readonly paragraphs: readonly string[];
  /** Someone's own words (a comment), shown quoted and never translated. */
  readonly quote: string | null;
}

/** A localized subject and sentence. */
interface Sentence {
  readonly subject: string;
  readonly text: string;
}

type FormatDate = (instant: Date) => string;

function contentOf(n: MailNotification, words: Phrasebook, formatDate: FormatDate): Content {
  const localized = localizedContent(n, words, formatDate);
  if (localized !== null) return localized;
  const firstLine = n.message.split('\n').find((line) => line.trim() !== '') ?? n.id;
  return { subject: oneLine(n.subject ?? firstLine), paragraphs: [n.message], quote: null };
}

/** The sentence of a known kind in the recipient's language, or null when its facts are missing. */
function localizedContent(n: MailNotification, words: Phrasebook, formatDate: FormatDate): Content | null {
  const facts = n.facts ?? {};
  const text = (key: string) => textFact(facts, key);
  const date = (key: string) => {
    const instant = dateFact(facts, key);
    return instant === null ? null : formatDate(instant);
  };
  const processLine = (sentence: Sentence | null): Content | null => {
    if (sentence === null) return null;
    const process = text('processTitle');
    const paragraphs = process === null ? [sentence.text] : [sentence.text, words.inProcess(process)];
    return { subject: oneLine(sentence.subject), paragraphs, quote: null };
  };
  const alone = (sentence: Sentence): Content => ({
    subject: oneLine(sentence.subject),
    paragraphs: [sentence.text],
    quote: null,
  });

  const task = text('taskTitle');
  const request = text('requestTitle');
  switch (n.kind) {
    case 'overdue': {
      const dueAt = date('dueAt');
      return processLine(task === null || dueAt === null ? null : words.overdue(task, dueAt));
    }
    case 'escalation': {
      const dueAt = date('dueAt');
      const relative = text('relative');
      if (task === null || dueAt === null || !isRelative(relative)) return null;
      const from = text('from');
      const toDepartment = text('to');
      const move = from !== null && toDepartment !== null ? { from, to: toDepartment } : null;
      return processLine(words.escalation(task, dueAt, relative, move));
    }
    case 'replanned': {
      const dueAt = date('dueAt');
      return processLine(task === null || dueAt === null ? null : words.replanned(task, dueAt, date('previousDueAt')));
    }
    case 'step-failed': {
      const process = text('processTitle');
      const step = task ?? text('stepId');
      if (step === null || process === null) return null;
      // The error is the engine's own (an HTTP status, a refused expression): shown as is.
      return { ...alone(words.stepFailed(step, process)), quote: text('error') };
    }
    case 'budget': {
      const process = text('processTitle');
      if (process === null) return null;
      const currency = text('currency');
      const forecast = amountFact(facts, 'forecast');
      const budget = amountFact(facts, 'budget');
      const amounts = currency !== null && forecast !== null && budget !== null ? { forecast, budget, currency } : null;
      return alone(words.budget(process, amounts));
    }
    case 'reassigned': {
      const from = text('from');
      const toDepartment = text('to');
      if (task === null || from === null || toDepartment === null) return null;
      return processLine(words.reassigned(task, from, toDepartment, text('actor')));
    }
    case 'assigned':
      return processLine(task === null ? null : words.assigned(task, text('actor'), date('dueAt')));
    case 'comment': {
      const about = task ?? request;
      const comment = text('comment');
      if (about === null || comment === null) return null;
      return { ...alone(words.comment(about, text('actor'))), quote: comment };
    }
    case 'request-received':
      return request === null ? null : alone(words.requestReceived(request, date('expectedAt')));
    case 'request-updated': {
      if (request === null) return null;
      const sentence = words.requestUpdated(request, text('stage'), text('status'), date('expectedAt'));
      return { ...alone(sentence), quote: text('comment') };
    }
    case 'request-resolved':
      return request === null ? null : { ...alone(words.requestResolved(request)), quote: text('comment') };
    default:
      // `notify` (the owner's own words) and kinds this version does not know: the engine's text.
      return null;
  }
}

type Relative = 'before' | 'at' | 'after';

function isRelative(value: string | null): value is Relative {
  return value === 'before' || value === 'at' || value === 'after';
}

/** A fact that is a non-blank string; anything else counts as missing. */
function textFact(facts: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = facts[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A fact that is an ISO-8601 instant; one that does not parse counts as missing. */
function dateFact(facts: Readonly<Record<string, unknown>>, key: string): Date | null {
  const value = textFact(facts, key);
  if (value === null) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** A fact that is a number (written as a string or not); one that is not counts as missing. */
function amountFact(facts: Readonly<Record<string, unknown>>, key: string): number | null {
  const value = facts[key];
  const amount =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(amount) ? amount : null;
}

/** Dates in the recipient's zone; a zone Intl refuses becomes UTC, marked as such rather than passed off as theirs. */
function dateFormatterFor(to: MailRecipient): FormatDate {
  const locale = localeOf(to) === 'fr' ? 'fr-FR' : 'en-GB';
  const options = { dateStyle: 'full', timeStyle: 'short' } as const;
  try {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: to.timeZone });
    return (instant) => format.format(instant);
  } catch {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    return (instant) => `${format.format(instant)} (UTC)`;
  }
}

/**
 * The web app's page where the notification is looked at: the request for requesters (who
 * cannot open tasks), its task, else the instance.
 */
function linkTo(n: MailNotification, publicUrl: string): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/app`;
  if (n.kind.startsWith('request-')) return `${base}/requests/${encodeURIComponent(n.instanceId)}`;
  if (n.taskId !== null) return `${base}/tasks/${encodeURIComponent(n.taskId)}`;
  return `${base}/instances/${encodeURIComponent(n.instanceId)}`;
}

/** The recipient's language; a value read from storage that is neither gets English rather than a crash. */
function localeOf(to: MailRecipient): Locale {
  return to.locale === 'fr' ? 'fr' : 'en';
}

/** The name to greet, none when it is blank. */
function nameOf(to: MailRecipient): string | null {
  const name = to.name?.trim() ?? '';
  return name === '' ? null : name;
}

/** Subjects are one header line: facts or messages with line breaks must not break it. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function quoteAsText(quote: string): string {
  return quote
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value put into the HTML goes through this: titles, names and comments are typed by people. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

export function multilineHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

export function anchor(url: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
}

/** A self-contained page: no stylesheet, image or script to fetch, which mail clients block anyway. */
export function htmlDocument(locale: Locale, title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body>${body.join('\n')}</body>`,
    '</html>',
  ].join('\n');
}

/** Everything a mail says in one language; titles and names come in raw and are escaped later. */
interface Phrasebook {
  greeting(name: string | null): string;
  /** Precedes the link. */
  readonly open: string;
  readonly replyFooter: string;
  readonly digestHeading: string;
  digestSubject(count: number): string;
  readonly digestEmpty: string;
  readonly digestFooter: string;
  inProcess(process: string): string;
  overdue(task: string, dueAt: string): Sentence;
  escalation(task: string, dueAt: string, relative: Relative, move: { from: string; to: string } | null): Sentence;
  replanned(task: string, dueAt: string, previousDueAt: string | null): Sentence;
  stepFailed(step: string, process: string): Sentence;
  budget(process: string, amounts: Amounts | null): Sentence;
  reassigned(task: string, from: string, to: string, actor: string | null): Sentence;
  assigned(task: string, actor: string | null, dueAt: string | null): Sentence;
  comment(about: string, actor: string | null): Sentence;
  requestReceived(request: string, expectedAt: string | null): Sentence;
  requestUpdated(request: string, stage: string | null, status: string | null, expectedAt: string | null): Sentence;
  requestResolved(request: string): Sentence;
}

/** A forecast over a budget, in one currency. */
interface Amounts {
  readonly forecast: number;
  readonly budget: number;
  readonly currency: string;
}

const englishAmount = (amount: number, currency: string) =>
  `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
const frenchAmount = (amount: number, currency: string) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(amount)} ${currency}`;

const englishTitle = (title: string) => `“${title}”`;
const frenchTitle = (title: string) => `« ${title} »`;

const ENGLISH: Phrasebook = {
  greeting: (name) => (name === null ? 'Hello,' : `Hello ${name},`),
  open: 'Open:',
  replyFooter: 'Reply to this e-mail to add a comment.',
  digestHeading: 'Your daily summary',
  digestSubject: (count) => `Your daily summary: ${count} ${count === 1 ? 'notification' : 'notifications'}`,
  digestEmpty: 'Nothing new.',
  digestFooter: 'To comment on an entry, open its link.',
  inProcess: (process) => `Process: ${englishTitle(process)}`,
  overdue: (task, dueAt) => ({
    subject: `Overdue: ${englishTitle(task)}`,
    text: `${englishTitle(task)} was due ${dueAt} and is not done yet.`,
  }),
  escalation: (task, dueAt, relative, move) => {
    const when = {
      before: `${englishTitle(task)} is due ${dueAt} and is not done yet.`,
      at: `${englishTitle(task)} is due now (${dueAt}) and is not done yet.`,
      after: `${englishTitle(task)} was due ${dueAt} and is still not done.`,
    }[relative];
    const moved = move === null ? '' : ` It moves from the ${move.from} queue to the ${move.to} queue.`;
    return { subject: `Escalation: ${englishTitle(task)}`, text: `${when}${moved}` };
  },
  replanned: (task, dueAt, previousDueAt) => ({
    subject: `New due date: ${englishTitle(task)}`,
    text:
      previousDueAt === null
        ? `${englishTitle(task)} is now due ${dueAt}.`
        : `${englishTitle(task)} is now due ${dueAt} (it was due ${previousDueAt}).`,
  }),
  stepFailed: (step, process) => ({
    subject: `Step failed: ${englishTitle(step)}`,
    text: `The step ${englishTitle(step)} of ${englishTitle(process)} failed. The instance waits until a manager retries or skips it.`,
  }),
  budget: (process, amounts) => ({
    subject: `Over budget: ${englishTitle(process)}`,
    text:
      amounts === null
        ? `${englishTitle(process)} is forecast over its budget.`
        : `${englishTitle(process)} is forecast at ${englishAmount(amounts.forecast, amounts.currency)}, over its budget of ${englishAmount(amounts.budget, amounts.currency)}.`,
  }),
  reassigned: (task, from, to, actor) => ({
    subject: `Moved to ${to}: ${englishTitle(task)}`,
    text:
      actor === null
        ? `${englishTitle(task)} moved from the ${from} queue to the ${to} queue.`
        : `${actor} moved ${englishTitle(task)} from the ${from} queue to the ${to} queue.`,
  }),
  assigned: (task, actor, dueAt) => ({
    subject: `Assigned to you: ${englishTitle(task)}`,
    text:
      (actor === null
        ? `${englishTitle(task)} is assigned to you.`
        : `${actor} assigned ${englishTitle(task)} to you.`) + (dueAt === null ? '' : ` It is due ${dueAt}.`),
  }),
  comment: (about, actor) => ({
    subject: `New comment: ${englishTitle(about)}`,
    text: actor === null ? `New comment on ${englishTitle(about)}:` : `${actor} commented on ${englishTitle(about)}:`,
  }),
  requestReceived: (request, expectedAt) => ({
    subject: `Request received: ${englishTitle(request)}`,
    text:
      `We have received your request ${englishTitle(request)}.` +
      (expectedAt === null ? '' : ` We expect to complete it by ${expectedAt}.`),
  }),
  requestUpdated: (request, stage, status, expectedAt) => ({
    subject: `Request updated: ${englishTitle(request)}`,
    text:
      `Your request ${englishTitle(request)} has been updated.` +
      (status === null ? '' : ` Status: ${status}.`) +
      (stage === null ? '' : ` It now waits on: ${stage}.`) +
      (expectedAt === null ? '' : ` We now expect to complete it by ${expectedAt}.`),
  }),
  requestResolved: (request) => ({
    subject: `Request resolved: ${englishTitle(request)}`,
    text: `Your request ${englishTitle(request)} has been resolved.`,
  }),
};

const FRENCH: Phrasebook = {
  greeting: (name) => (name === null ? 'Bonjour,' : `Bonjour ${name},`),
  open: 'Ouvrir :',
  replyFooter: 'Répondez à cet e-mail pour ajouter un commentaire.',
  digestHeading: 'Votre résumé du jour',
  digestSubject: (count) => `Votre résumé du jour : ${count} ${count === 1 ? 'notification' : 'notifications'}`,
  digestEmpty: 'Rien de nouveau.',
  digestFooter: 'Pour commenter une entrée, ouvrez son lien.',
  inProcess: (process) => `Processus : ${frenchTitle(process)}`,
  overdue: (task, dueAt) => ({
    subject: `En retard : ${frenchTitle(task)}`,
    text: `${frenchTitle(task)} devait être fait le ${dueAt} et ne l'est pas encore.`,
  }),
  escalation: (task, dueAt, relative, move) => {
    const when = {
      before: `${frenchTitle(task)} doit être fait le ${dueAt} et ne l'est pas encore.`,
      at: `${frenchTitle(task)} doit être fait maintenant (${dueAt}) et ne l'est pas encore.`,
      after: `${frenchTitle(task)} devait être fait le ${dueAt} et ne l'est toujours pas.`,
    }[relative];
    const moved = move === null ? '' : ` La tâche passe de la file ${move.from} à la file ${move.to}.`;
    return { subject: `Escalade : ${frenchTitle(task)}`, text: `${when}${moved}` };
  },
  replanned: (task, dueAt, previousDueAt) => ({
    subject: `Nouvelle échéance : ${frenchTitle(task)}`,
    text:
      previousDueAt === null
        ? `${frenchTitle(task)} est maintenant à faire pour le ${dueAt}.`
        : `${frenchTitle(task)} est maintenant à faire pour le ${dueAt} (au lieu du ${previousDueAt}).`,
  }),
  stepFailed: (step, process) => ({
    subject: `Échec d'une étape : ${frenchTitle(step)}`,
    text: `L'étape ${frenchTitle(step)} de ${frenchTitle(process)} a échoué. L'instance attend qu'un responsable la relance ou la saute.`,
  }),
  budget: (process, amounts) => ({
    subject: `Budget dépassé : ${frenchTitle(process)}`,
    text:
      amounts === null
        ? `La prévision de ${frenchTitle(process)} dépasse son budget.`
        : `La prévision de ${frenchTitle(process)}, ${frenchAmount(amounts.forecast, amounts.currency)}, dépasse son budget de ${frenchAmount(amounts.budget, amounts.currency)}.`,
  }),
  reassigned: (task, from, to, actor) => ({
    subject: `Tâche déplacée vers ${to} : ${frenchTitle(task)}`,
    text:
      actor === null
        ? `La tâche ${frenchTitle(task)} est passée de la file ${from} à la file ${to}.`
        : `${actor} a déplacé la tâche ${frenchTitle(task)} de la file ${from} vers la file ${to}.`,
  }),
  assigned: (task, actor, dueAt) => ({
    subject: `Tâche confiée : ${frenchTitle(task)}`,
    text:
      (actor === null
        ? `La tâche ${frenchTitle(task)} vous est confiée.`
        : `${actor} vous a confié la tâche ${frenchTitle(task)}.`) + (dueAt === null ? '' : ` Échéance : ${dueAt}.`),
  }),
  comment: (about, actor) => ({
    subject: `Nouveau commentaire : ${frenchTitle(about)}`,
    text:
      actor === null
        ? `Nouveau commentaire sur ${frenchTitle(about)} :`
        : `${actor} a commenté ${frenchTitle(about)} :`,
  }),
  requestReceived: (request, expectedAt) => ({
    subject: `Demande reçue : ${frenchTitle(request)}`,
    text:
      `Nous avons bien reçu votre demande ${frenchTitle(request)}.` +
      (expectedAt === null ? '' : ` Nous prévoyons de la traiter d'ici le ${expectedAt}.`),
  }),
  requestUpdated: (request, stage, status, expectedAt) => ({
    subject: `Demande mise à jour : ${frenchTitle(request)}`,
    text:
      `Votre demande ${frenchTitle(request)} a été mise à jour.` +
      (status === null ? '' : ` Statut : ${status}.`) +
      (stage === null ? '' : ` Elle attend maintenant : ${stage}.`) +
      (expectedAt === null ? '' : ` Nous prévoyons maintenant de la traiter d'ici le ${expectedAt}.`),
  }),
  requestResolved: (request) => ({
    subject: `Demande résolue : ${frenchTitle(request)}`,
    text: `Votre demande ${frenchTitle(request)} a été résolue.`,
  }),
};

const PHRASEBOOKS: Readonly<Record<Locale, Phrasebook>> = { en: ENGLISH, fr: FRENCH };
