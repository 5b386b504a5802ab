// Group conversations in the browser, live: someone removed from a group sees it close and
// leave their list at once (with a notice), while the others see them gone from its people;
// renaming, adding people, muting and leaving from the conversation's header; and "Load
// more" under a long conversation list.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { button, field } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import {
  chat,
  conversationLink,
  joinStudio,
  messageItem,
  openMessages,
  peopleInChat,
  removalNotice,
  sendMessage,
  studioOfTwo,
} from './messagesPages.mjs';

describe('group conversations in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000', SOCKET_EVENTS_PER_SECOND: '1000', SOCKET_EVENT_BURST: '1000' },
    viewport: { width: 1600, height: 1000 },
  });
  const { url, signedIn } = suite;
  const suffix = () => randomUUID().slice(0, 8);

  /** Three people of one studio, and a group `name` of the first two that has one message. */
  async function studioOfThree(names, name) {
    const { owner, member, organizationId } = await studioOfTwo(suite.server, names[0], names[1], `Studio ${suffix()}`);
    const third = await joinStudio(suite.server, owner, organizationId, names[2]);
    const group = await owner.call('POST', '/api/conversations', { kind: 'group', participantIds: [member.id], name });
    await owner.call('POST', `/api/conversations/${group.id}/messages`, { body: 'Welcome, everyone.' });
    return { owner, member, third, group };
  }

  it('closes a group for someone its owner removes, live, and shows the others they left', async () => {
    const { owner, member, group } = await studioOfThree(['Gia Owner', 'Hal Member', 'Ida Extra'], 'Zine crew');
    const hal = await signedIn(member);
    await hal.goto(url(`/messages/${group.id}`));
    const halChat = chat(hal, 'Zine crew');
    await messageItem(halChat, 'Welcome, everyone.').waitFor();
    const gia = await signedIn(owner);
    await gia.goto(url(`/messages/${group.id}`));
    const giaPeople = peopleInChat(chat(gia, 'Zine crew'));
    await giaPeople.getByText('Hal Member').waitFor();

    // From another device, Gia takes Hal out of the group.
    await owner.call('DELETE', `/api/conversations/${group.id}/participants/${member.id}`);

    // Hal's open conversation closes and leaves his list; a notice says why.
    await halChat.waitFor({ state: 'detached' });
    await removalNotice(hal, 'Zine crew').waitFor();
    await conversationLink(hal, 'Zine crew').waitFor({ state: 'detached' });
    assert.equal(new URL(hal.url()).pathname, '/messages');
    // Gia's header no longer lists him.
    await giaPeople.getByText('Hal Member').waitFor({ state: 'detached' });
  });

  it('renames a group, adds someone, mutes it and leaves it from its header, live for the others', async () => {
    const { member, third, group } = await studioOfThree(['Jo Owner', 'Kai Member', 'Lou Newcomer'], 'Poster run');
    const kai = await signedIn(member);
    await kai.goto(url(`/messages/${group.id}`));
    const lou = await signedIn(third);
    await openMessages(lou);
    await lou.getByText('No conversations yet.', { exact: false }).waitFor();

    // Kai renames the group: the header and the list say so.
    let kaiChat = chat(kai, 'Poster run');
    await button(kaiChat, 'Rename').click();
    await field(kaiChat, 'Group name').fill('Print run');
    await button(kaiChat, 'Save name').click();
    kaiChat = chat(kai, 'Print run');
    await conversationLink(kai, 'Print run').waitFor();

    // Kai adds Lou, whose list shows the group at once, under its new name, its message unread.
    await button(kaiChat, 'Add people').click();
    const adding = kaiChat.getByRole('form', { name: 'Add people' });
    await adding.getByLabel('Lou Newcomer', { exact: true }).check();
    await button(adding, 'Add to group').click();
    await peopleInChat(kaiChat).getByText('Lou Newcomer').waitFor();
    await conversationLink(lou, 'Print run', 1).click();
    const louChat = chat(lou, 'Print run');
    await messageItem(louChat, 'Welcome, everyone.').waitFor();

    // Kai mutes the group, and unmutes it.
    await button(kaiChat, 'Mute').click();
    await button(kaiChat, 'Unmute').waitFor();
    await conversationLink(kai, 'Print run').getByText('Muted', { exact: true }).waitFor();
    await button(kaiChat, 'Unmute').click();
    await button(kaiChat, 'Mute').waitFor();

    // Kai leaves: the group closes for him; Lou sees him gone and writes on.
    await button(kaiChat, 'Leave group').click();
    await button(kaiChat, 'Leave').click();
    await kaiChat.waitFor({ state: 'detached' });
    await removalNotice(kai, 'Print run').waitFor();
    await conversationLink(kai, 'Print run').waitFor({ state: 'detached' });
    await peopleInChat(louChat).getByText('Kai Member').waitFor({ state: 'detached' });
    await sendMessage(louChat, 'Thanks for adding me.');
  });

  it('shows more conversations with "Load more conversations"', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Max Many', 'Noa Often', `Studio ${suffix()}`);
    // One more than a page (50): the first made is the least recently active, so it comes last.
    for (let n = 1; n <= 51; n += 1) {
      await owner.call('POST', '/api/conversations', { kind: 'group', participantIds: [member.id], name: `Batch ${n}` });
    }
    const max = await signedIn(owner);
    await openMessages(max);
    await conversationLink(max, 'Batch 51').waitFor();
    const links = max.getByRole('list', { name: 'Conversations' }).getByRole('link');
    assert.equal(await links.count(), 50);
    assert.equal(await conversationLink(max, 'Batch 1').count(), 0, 'the oldest waits for the next page');

    await button(max, 'Load more conversations').click();
    await conversationLink(max, 'Batch 1').waitFor();
    assert.equal(await links.count(), 51);
    await button(max, 'Load more conversations').waitFor({ state: 'detached' });
  });
});
