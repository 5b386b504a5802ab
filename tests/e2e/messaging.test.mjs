// Messaging and the live board in the browser: two people of one organization, each in their
// own browser context. One writes, the other sees it arrive without a reload (with the unread
// badge, the typing indicator and, back on the writer's side, "Seen by …"); reactions, edits,
// deletions and threads travel live too; search opens a conversation; a conversation shows
// in the other's list as soon as it is started; a session ended elsewhere signs the tab out
// without waiting for a request. On a project's board, a task one person creates or moves
// appears on the other's open board, who is told who else is looking, and whose bell rings
// live when given a task.

import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { PASSWORD, button, field, heading, signIn, submitPassword } from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { browserSuite } from './browserSuite.mjs';
import {
  alsoHere,
  chat,
  conversationLink,
  messageItem,
  messagesNav,
  openMessages,
  sendMessage,
  startConversation,
  studioOfTwo,
  typingIndicator,
} from './messagesPages.mjs';
import { addTask, bellWith, card, column, waitForCards } from './projectPages.mjs';

// The suite's own signing secret, so a test can forge an expired access token.
const JWT_SECRET = `e2e-messaging-${randomUUID()}`;

/** `token` as it would be an hour later: the same claims, expired a minute ago, signed HS256. */
function expiredCopy(token) {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, iat: now - 3600, exp: now - 60 })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe('messaging and live boards in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000', SOCKET_EVENTS_PER_SECOND: '1000', SOCKET_EVENT_BURST: '1000', JWT_SECRET },
    viewport: { width: 1600, height: 1000 },
  });
  const { url, newPerson, signedIn } = suite;
  const suffix = () => randomUUID().slice(0, 8);

  it('carries messages, typing, receipts, unread counts, reactions, edits and threads live', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Ann Author', 'Ben Reader', `Studio ${suffix()}`);
    const ann = await signedIn(owner);
    const ben = await signedIn(member);
    await messagesNav(ben).waitFor();

    // Ann starts a direct conversation with Ben and writes; it is stored (no longer "Sending…").
    await openMessages(ann);
    await startConversation(ann, ['Ben Reader']);
    const annChat = chat(ann, 'Ben Reader');
    await annChat.getByText('No messages yet. Say hello.').waitFor();
    await sendMessage(annChat, 'Hello Ben, the moodboard is up.');

    // Ben, still on Projects, sees the unread badge arrive without a reload.
    await messagesNav(ben, 1).waitFor();
    await openMessages(ben);
    await conversationLink(ben, 'Ann Author', 1).click();
    const benChat = chat(ben, 'Ann Author');
    await messageItem(benChat, 'Hello Ben, the moodboard is up.').waitFor();

    // Ben has it open: it is read, his badges clear, and Ann sees the receipt.
    await messagesNav(ben).waitFor();
    await conversationLink(ben, 'Ann Author').waitFor();
    await annChat.getByText('Seen by Ben Reader', { exact: true }).waitFor();

    // Ann types: Ben sees it; once she sends, the indicator goes and the message comes.
    await field(annChat, 'Message').fill('Thoughts on the colours');
    await typingIndicator(benChat, 'Ann Author is typing…').waitFor();
    await button(annChat, 'Send').click();
    await messageItem(benChat, 'Thoughts on the colours').waitFor();
    await typingIndicator(benChat, 'Ann Author is typing…').waitFor({ state: 'detached' });
    await annChat.getByText('Seen by Ben Reader', { exact: true }).waitFor();
    assert.equal(await messagesNav(ben).count(), 1, 'read as it arrived: no unread badge for Ben');

    // Ben answers; Ann sees it live, and Ben's message shows as seen by Ann.
    await sendMessage(benChat, 'Love it. One question about the palette.');
    await messageItem(annChat, 'Love it. One question about the palette.').waitFor();
    await benChat.getByText('Seen by Ann Author', { exact: true }).waitFor();

    // A reaction from Ben shows on Ann's side with its count.
    const colours = messageItem(benChat, 'Thoughts on the colours');
    await button(colours, 'Add reaction').click();
    await button(colours, 'React with 👍').click();
    await button(colours, '👍 1').waitFor();
    await button(messageItem(annChat, 'Thoughts on the colours'), '👍 1').waitFor();

    // Ann edits her message and deletes another: Ben sees "edited" and the tombstone.
    const annColours = messageItem(annChat, 'Thoughts on the colours');
    await button(annColours, 'Edit').click();
    await field(annColours, 'Edit message').fill('Thoughts on the colours and type');
    await button(annColours, 'Save').click();
    await messageItem(benChat, 'Thoughts on the colours and type').getByText('· edited').waitFor();
    const hello = messageItem(annChat, 'Hello Ben, the moodboard is up.');
    await button(hello, 'Delete').click();
    await button(hello, 'Delete message').click();
    await messageItem(benChat, 'Message deleted').waitFor();
    assert.equal(await messageItem(benChat, 'Hello Ben').count(), 0, 'the deleted text is gone on Ben’s side');

    // Ben replies in the thread of his own message; Ann's copy counts the reply live.
    const question = messageItem(benChat, 'One question about the palette.');
    await button(question, 'Reply in thread').click();
    const benThread = ben.getByRole('region', { name: 'Thread', exact: true });
    await sendMessage(benThread, 'Warmer greens, maybe?', { label: 'Reply', submit: 'Send reply', list: 'Replies' });
    const annQuestion = messageItem(annChat, 'One question about the palette.');
    await button(annQuestion, '1 reply').click();
    const annThread = ann.getByRole('region', { name: 'Thread', exact: true });
    await messageItem(annThread, 'Warmer greens, maybe?', 'Replies').waitFor();

    // Search finds the reply and opens its conversation and thread.
    await ann.goto(url('/messages'));
    await field(ann, 'Search messages').fill('greens');
    const results = ann.getByRole('list', { name: 'Search results' });
    await results.getByRole('link', { name: /Warmer greens, maybe\?/ }).click();
    await messageItem(chat(ann, 'Ben Reader'), 'Love it.').waitFor();
    await messageItem(ann.getByRole('region', { name: 'Thread', exact: true }), 'Warmer greens', 'Replies').waitFor();
  });

  it('says "Reconnecting…" through a drop, then catches up on what was missed, once each', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Cleo Writer', 'Dev Offline', `Studio ${suffix()}`);
    const conversation = await owner.call('POST', '/api/conversations', { kind: 'direct', participantIds: [member.id] });
    const cleo = await signedIn(owner);
    const dev = await signedIn(member);
    await cleo.goto(url(`/messages/${conversation.id}`));
    await dev.goto(url(`/messages/${conversation.id}`));
    const cleoChat = chat(cleo, 'Dev Offline');
    const devChat = chat(dev, 'Cleo Writer');
    await sendMessage(cleoChat, 'Before the drop');
    await messageItem(devChat, 'Before the drop').waitFor();

    // Dev's connection drops: the banner says so while Cleo writes on.
    await dev.context().setOffline(true);
    const banner = dev.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await banner.waitFor();
    await sendMessage(cleoChat, 'Missed one');
    await sendMessage(cleoChat, 'Missed two');

    // Back online: the banner goes, and the missed messages arrive in order, none twice.
    await dev.context().setOffline(false);
    await banner.waitFor({ state: 'detached' });
    await messageItem(devChat, 'Missed two').waitFor();
    const shown = await devChat.getByRole('list', { name: 'Messages', exact: true }).locator('.message__body').allInnerTexts();
    assert.deepEqual(shown, ['Before the drop', 'Missed one', 'Missed two']);
    await cleoChat.getByText('Seen by Dev Offline', { exact: true }).waitFor();
  });

  it('refreshes an access token the socket handshake calls expired, and connects', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Eve Early', 'Finn Late', `Studio ${suffix()}`);
    const login = await new ApiClient(suite.server.baseUrl).post('/api/auth/login', { email: member.email, password: PASSWORD });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const stale = expiredCopy(login.body.accessToken);

    // Finn's first /messaging handshake (a frame on the WebSocket the app opens first)
    // carries an expired token.
    const finn = await newPerson();
    let forged = 0;
    await finn.routeWebSocket(/\/api\/socket\.io\//, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((frame) => {
        if (forged === 0 && typeof frame === 'string' && frame.startsWith('40/messaging,{"token":"')) {
          forged += 1;
          server.send(frame.replace(/(40\/messaging,\{"token":")[^"]*/, `$1${stale}`));
          return;
        }
        server.send(frame);
      });
    });
    await finn.goto(url('/login'));
    const refreshed = finn.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/refresh' && response.ok());
    await signIn(finn, member.email);
    await refreshed;
    assert.equal(forged, 1, 'the handshake was sent with the expired token');

    // Refreshed and reconnected: a message to Finn lights his badge live.
    const conversation = await owner.call('POST', '/api/conversations', { kind: 'direct', participantIds: [member.id] });
    await owner.call('POST', `/api/conversations/${conversation.id}/messages`, { body: 'Are you there?' });
    await messagesNav(finn, 1).waitFor();
  });

  it('shows a conversation someone starts in the other person’s list at once, before anyone writes', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Gus Starter', 'Hana Listener', `Studio ${suffix()}`);
    const hana = await signedIn(member);
    await openMessages(hana);
    await hana.getByText('No conversations yet.', { exact: false }).waitFor();
    const gus = await signedIn(owner);
    await openMessages(gus);
    await startConversation(gus, ['Hana Listener']);

    await conversationLink(hana, 'Gus Starter').filter({ hasText: 'No messages yet' }).waitFor();
  });

  it('signs out a tab whose session ends elsewhere, without waiting for a request, remembering the page', async () => {
    const { member } = await studioOfTwo(suite.server, 'Ola Owner', 'Pia Revoked', `Studio ${suffix()}`);
    const pia = await signedIn(member);
    await openMessages(pia);

    // Pia's session in the browser is ended from her other device (the signed-up one).
    const { sessions } = await member.call('GET', '/api/auth/sessions');
    const browserSession = sessions.find((session) => !session.isCurrent);
    assert.ok(browserSession, `the browser's session is listed: ${JSON.stringify(sessions)}`);
    await member.call('DELETE', `/api/auth/sessions/${browserSession.id}`);

    // The server closes her sockets; the refresh is refused; back to sign in, on its own.
    await pia.waitForURL((address) => address.pathname === '/login' && address.searchParams.get('next') === '/messages');
    await submitPassword(pia, member.email);
    await heading(pia, 'Messages').waitFor();
  });

  it('shows another person’s board changes live, who is looking, and rings the bell', async () => {
    const { owner, member } = await studioOfTwo(suite.server, 'Lena Lead', 'Ivan Editor', `Studio ${suffix()}`);
    const { organizations } = await owner.call('GET', '/api/organizations');
    const project = await owner.call('POST', '/api/projects', { organizationId: organizations[0].id, name: `Launch ${suffix()}` });
    await owner.call('PUT', `/api/projects/${project.id}/members/${member.id}`, { role: 'editor' });

    const ivan = await signedIn(member);
    await ivan.goto(url(`/projects/${project.id}`));
    await column(ivan, 'To do').waitFor();
    // What the bell already holds (the invitation, being put on the project).
    const { unreadCount: unreadBefore } = await member.call('GET', '/api/notifications?limit=1');
    await bellWith(ivan, unreadBefore).waitFor();

    // Lena opens the same board: each sees the other there.
    const lena = await signedIn(owner);
    await lena.goto(url(`/projects/${project.id}`));
    await column(lena, 'To do').waitFor();
    await alsoHere(lena, ['Ivan Editor']).waitFor();
    await alsoHere(ivan, ['Lena Lead']).waitFor();

    // A task Lena adds on her board appears on Ivan's without a reload.
    await addTask(lena, 'To do', { title: 'Press kit' });
    await card(column(ivan, 'To do'), 'Press kit').waitFor();

    // Moved over REST (another device): Ivan's board follows.
    const board = await owner.call('GET', `/api/projects/${project.id}/tasks`);
    const pressKit = board.tasks.find((task) => task.title === 'Press kit');
    await owner.call('POST', `/api/projects/${project.id}/tasks/${pressKit.id}/move`, { status: 'done', index: 0 });
    await waitForCards(ivan, 'Done', ['Press kit']);
    await waitForCards(ivan, 'To do', []);

    // A task given to Ivan rings his bell at once.
    await owner.call('POST', `/api/projects/${project.id}/tasks`, { title: 'Launch post', assigneeId: member.id });
    await card(column(ivan, 'To do'), 'Launch post').waitFor();
    await bellWith(ivan, unreadBefore + 1).waitFor();

    // Lena leaves the board: Ivan is alone again.
    await lena.goto(url('/messages'));
    await alsoHere(ivan, ['Lena Lead']).waitFor({ state: 'detached' });
  });
});
