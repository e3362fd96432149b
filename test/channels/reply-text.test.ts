import { describe, expect, it } from 'vitest';
import { newTextOfReply } from '../../channels/reply-text';

describe('newTextOfReply keeps what the person wrote', () => {
  it('keeps a reply with nothing below it, trimmed', () => {
    expect(newTextOfReply('\n  It works again, thanks!  \n\n')).toBe('It works again, thanks!');
  });

  it('drops the quote and the attribution of an English client', () => {
    const reply = [
      'It still flickers after the restart.',
      'Second line.',
      '',
      'On Mon, 4 Jan 2027 at 09:00, Baton <baton@example.com> wrote:',
      '> Hello Rita,',
      '>',
      '> We have received your request.',
    ].join('\n');
    expect(newTextOfReply(reply)).toBe('It still flickers after the restart.\nSecond line.');
  });

  it('drops the quote and the attribution of a French client, no-break space before the colon included', () => {
    const reply = [
      "L'écran clignote toujours.",
      '',
      'Le lun. 4 janv. 2027 à 09:00, Baton <baton@example.com> a\u00a0écrit\u00a0:',
      '> Bonjour Rita,',
    ].join('\n');
    expect(newTextOfReply(reply)).toBe("L'écran clignote toujours.");
  });

  it('drops an attribution a client wrapped over two lines', () => {
    const reply = [
      'Done on my side.',
      '',
      'On Mon, 4 Jan 2027 at 09:00, Baton Service Desk <servicedesk@baton.local>',
      'wrote:',
      '> Hello',
    ].join('\n');
    expect(newTextOfReply(reply)).toBe('Done on my side.');
  });

  it('stops at the first quoted line even without an attribution', () => {
    expect(newTextOfReply('Yes.\n> Should we order it?\nmore quote')).toBe('Yes.');
  });

  it('drops the signature after the "-- " separator, and after a "--" that lost its space', () => {
    expect(newTextOfReply('See you Monday.\n-- \nRita Requester\nFinance')).toBe('See you Monday.');
    expect(newTextOfReply('See you Monday.\n--\nRita Requester')).toBe('See you Monday.');
  });

  it("drops an Outlook original message and a French client's message d'origine", () => {
    expect(newTextOfReply('Approved.\r\n\r\n-----Original Message-----\r\nFrom: Baton')).toBe('Approved.');
    expect(newTextOfReply("D'accord.\n\n-------- Message d'origine --------\nDe : Baton")).toBe("D'accord.");
  });

  it('keeps a sentence that merely starts with "On" or "Le", or mentions someone who wrote', () => {
    const text = 'On Monday the screen went black.\nLe technicien est passé.\nMarc wrote: nothing';
    expect(newTextOfReply(text)).toBe(text);
  });

  it('is empty for a reply that only quotes', () => {
    expect(newTextOfReply('On Mon, 4 Jan 2027, Baton wrote:\n> Hello')).toBe('');
  });
});
