// Boards and the bell over Socket.IO, against docs/REALTIME.md: a board watched on `/` or
// `/projects` hears who is looking (one entry per person, across both namespaces) and every
// change to its tasks with the activity that recorded it, until the socket leaves; the bell
// on `/notifications` hears the unread count on connect, a mention live, and the count after
// reading, in every tab.
//
// "Did not arrive" is shown with a barrier, not a pause: a later event that the server sends
// after the one that must not come (over the same connection) is awaited first.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, connected, nextEvent, record, request, requestOk, sendMessage, socketSuite, socketTo } from './realtimeClient.mjs';
import { directConversation, project, rest, restOk, studio } from './realtimeStudio.mjs';

describe('boards and the bell over Socket.IO', { timeout: 60_000 }, () => {
  const server = socketSuite();

  it('shows a board live: who is looking, tasks created and moved, the activity', async () => {
    const {
      orgId,
      people: [lead, watcher],
    } = await studio(server, ['Lea Lead', 'Wim Watcher']);
    const board = await project(server, lead, orgId, 'Live board');
    const seen = await connect(server, '/', watcher);
    const joined = await requestOk(seen, 'project:join', { projectId: board.id });
    const { version: firstVersion, ...firstList } = joined;
    assert.deepEqual(firstList, { projectId: board.id, viewers: [{ userId: watcher.id, name: watcher.name }] });

    // The lead looks too (on the same namespace): the watcher hears both named.
    const twoViewers = nextEvent(seen, 'presence:update', (u) => u.viewers.length === 2);
    const leadBoard = await connect(server, '/', lead);
    assert.equal((await requestOk(leadBoard, 'project:join', { projectId: board.id })).viewers.length, 2);
    const viewers = await twoViewers;
    assert.equal(viewers.projectId, board.id);
    assert.deepEqual(
      new Set(viewers.viewers.map((v) => `${v.userId} ${v.name}`)),
      new Set([`${watcher.id} ${watcher.name}`, `${lead.id} ${lead.name}`]),
    );
    // A second tab of the same person is still one viewer.
    const sameAgain = nextEvent(seen, 'presence:update');
    const leadTab2 = await connect(server, '/', lead);
    await requestOk(leadTab2, 'project:join', { projectId: board.id });
    assert.equal((await sameAgain).viewers.length, 2, 'one entry per person');

    // The lead adds a task over REST: task:created and activity:new reach the board.
    const created = nextEvent(seen, 'task:created');
    const activity = nextEvent(seen, 'activity:new', (c) => c.action === 'task.created');
    const task = await restOk(server, lead.token, 'POST', `/api/projects/${board.id}/tasks`, { title: 'Sketch the logo' });
    const change = await created;
    assert.equal(change.projectId, board.id);
    assert.equal(change.actorId, lead.id);
    assert.equal(change.action, 'task.created');
    assert.equal(change.entityType, 'task');
    assert.equal(change.entityId, task.id);
    assert.equal(change.entityTitle, 'Sketch the logo');
    assert.equal(typeof change.id, 'string');
    assert.deepEqual(await activity, change, 'activity:new carries the same Change');

    // …and moves it.
    const moved = nextEvent(seen, 'task:moved', (c) => c.entityId === task.id);
    const movedActivity = nextEvent(seen, 'activity:new', (c) => c.action === 'task.moved');
    await restOk(server, lead.token, 'POST', `/api/projects/${board.id}/tasks/${task.id}/move`, {
      status: 'in_progress',
      index: 0,
    });
    const move = await moved;
    assert.equal(move.action, 'task.moved');
    assert.equal(move.projectId, board.id);
    assert.equal((await movedActivity).id, move.id);

    // The lead's tabs leave one by one; the watcher hears who is still looking.
    const stillTwo = nextEvent(seen, 'presence:update');
    await requestOk(leadTab2, 'project:leave', { projectId: board.id });
    assert.equal((await stillTwo).viewers.length, 2, 'the lead still looks from the first tab');
    const alone = nextEvent(seen, 'presence:update');
    leadBoard.disconnect();
    const { version: lastVersion, ...lastList } = await alone;
    assert.deepEqual(lastList, { projectId: board.id, viewers: [{ userId: watcher.id, name: watcher.name }] });
    assert.ok(lastVersion > firstVersion, 'a later list has a greater version');

    // The watcher leaves: no more events for them (barrier: a probe that stays hears the next task).
    await requestOk(seen, 'project:leave', { projectId: board.id });
    const afterLeaving = record(seen, 'task:created');
    const probe = await connect(server, '/', lead);
    await requestOk(probe, 'project:join', { projectId: board.id });
    const barrier = nextEvent(probe, 'task:created');
    await restOk(server, lead.token, 'POST', `/api/projects/${board.id}/tasks`, { title: 'Unseen' });
    await barrier;
    await requestOk(seen, 'project:leave', { projectId: board.id });
    assert.deepEqual(afterLeaving, []);
  });

  it('answers boards at /projects too, with one set of viewers and events to both', async () => {
    const {
      orgId,
      people: [lead, watcher],
    } = await studio(server, ['Pia Projects', 'Rui Root']);
    const board = await project(server, lead, orgId, 'Two namespaces');
    const atRoot = await connect(server, '/', watcher);
    await requestOk(atRoot, 'project:join', { projectId: board.id });
    const atProjects = await connect(server, '/projects', lead);
    const joined = await requestOk(atProjects, 'project:join', { projectId: board.id });
    assert.equal(joined.viewers.length, 2, 'one set of viewers across both namespaces');

    // Task events reach both namespaces.
    const created = [nextEvent(atRoot, 'task:created'), nextEvent(atProjects, 'task:created')];
    const task = await restOk(server, lead.token, 'POST', `/api/projects/${board.id}/tasks`, { title: 'Both' });
    for (const change of await Promise.all(created)) assert.equal(change.entityId, task.id);
    const updated = [nextEvent(atRoot, 'task:updated'), nextEvent(atProjects, 'task:updated')];
    await restOk(server, lead.token, 'PATCH', `/api/projects/${board.id}/tasks/${task.id}`, { title: 'Both, renamed' });
    for (const change of await Promise.all(updated)) assert.equal(change.entityId, task.id);
  });

  it('tells viewers on either namespace when someone starts or stops looking from the other', async () => {
    const {
      orgId,
      people: [lead, watcher],
    } = await studio(server, ['Pam Projects', 'Rex Root']);
    const board = await project(server, lead, orgId, 'Who is looking');
    const only = (person) => [{ userId: person.id, name: person.name }];
    for (const [watchFrom, lookFrom] of [
      ['/', '/projects'],
      ['/projects', '/'],
    ]) {
      const watching = await connect(server, watchFrom, watcher);
      const updates = record(watching, 'presence:update');
      await requestOk(watching, 'project:join', { projectId: board.id });
      const looking = await connect(server, lookFrom, lead);
      const two = nextEvent(watching, 'presence:update', (u) => u.viewers.length === 2);
      await requestOk(looking, 'project:join', { projectId: board.id });
      assert.equal((await two).projectId, board.id, `${lookFrom} joined, heard at ${watchFrom}`);
      const leftBoard = nextEvent(watching, 'presence:update', (u) => u.viewers.length === 1);
      await requestOk(looking, 'project:leave', { projectId: board.id });
      assert.deepEqual((await leftBoard).viewers, only(watcher), `${lookFrom} left, heard at ${watchFrom}`);
      // Joining again and disconnecting is heard too.
      const again = nextEvent(watching, 'presence:update', (u) => u.viewers.length === 2);
      await requestOk(looking, 'project:join', { projectId: board.id });
      await again;
      const gone = nextEvent(watching, 'presence:update', (u) => u.viewers.length === 1);
      looking.disconnect();
      assert.deepEqual((await gone).viewers, only(watcher), `${lookFrom} disconnected, heard at ${watchFrom}`);
      assert.deepEqual(updates.map((u) => u.viewers.length), [1, 2, 1, 2, 1], `${watchFrom}: one update each`);
      await requestOk(watching, 'project:leave', { projectId: board.id });
    }
  });

  it('rings the bell: the count on connect, a mention live, the count after reading', async () => {
    const {
      people: [a, b],
    } = await studio(server, ['Mia Mentions', 'Noa Notified']);
    const conversation = await directConversation(server, a, b);
    const bell = socketTo(server, '/notifications', { token: b.token });
    const count = nextEvent(bell, 'notification:count');
    await connected(bell);
    const initialCount = (await count).unreadCount;
    assert.equal(typeof initialCount, 'number');

    const sa = await connect(server, '/messaging', a);
    const rang = nextEvent(bell, 'notification:new');
    const sent = await sendMessage(sa, conversation.id, 'Noa, have a look', { mentions: [b.id] });
    assert.deepEqual(sent.mentions, [b.id]);
    const { notification, unreadCount } = await rang;
    assert.equal(unreadCount, initialCount + 1);
    assert.equal(notification.kind, 'mentioned');
    assert.equal(notification.read, false);
    assert.equal(typeof notification.id, 'string');
    assert.match(notification.title, /Mia Mentions/);
    assert.ok('body' in notification && 'data' in notification && 'createdAt' in notification);
    const listed = await restOk(server, b.token, 'GET', '/api/notifications');
    assert.equal(listed.unreadCount, unreadCount);
    assert.ok(listed.items.some((item) => item.id === notification.id));

    // Mentioning someone not in the conversation is refused on its field, in the same words
    // over Socket.IO as over REST (one mapping of the service's refusals).
    const outsider = (await studio(server, ['Oz Outsider'])).people[0];
    const mention = { body: 'hey', mentions: [outsider.id] };
    const refused = await request(sa, 'message:send', { conversationId: conversation.id, ...mention });
    assert.equal(refused.error, 'invalid_reference');
    assert.equal(refused.field, 'mentions');
    const overRest = await rest(server, a.token, 'POST', `/api/conversations/${conversation.id}/messages`, mention);
    assert.equal(overRest.status, 409);
    assert.deepEqual(overRest.body, { error: refused.error, message: refused.message, field: refused.field });

    // Another tab connecting hears the current count.
    const tab2 = socketTo(server, '/notifications', { token: b.token });
    const count2 = nextEvent(tab2, 'notification:count');
    await connected(tab2);
    assert.equal((await count2).unreadCount, unreadCount);

    // Reading it over REST: both tabs hear the new count.
    const lowered = [bell, tab2].map((s) => nextEvent(s, 'notification:count'));
    await restOk(server, b.token, 'POST', `/api/notifications/${notification.id}/read`);
    for (const update of await Promise.all(lowered)) assert.equal(update.unreadCount, unreadCount - 1);

    // A's bell heard none of it.
    const aBell = socketTo(server, '/notifications', { token: a.token });
    const aCount = nextEvent(aBell, 'notification:count');
    await connected(aBell);
    assert.equal((await aCount).unreadCount, 0);
  });
});
