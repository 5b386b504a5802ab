// Files on messages, in the browser: in a direct conversation someone attaches an image with
// the paperclip, sees its upload, and sends it with a message; the other person sees it
// live as a thumbnail and downloads the same bytes. A type the server refuses stays on its
// chip with the server's words and is never sent; someone outside gets 404 for the file.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { button } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { pngFile } from './filesPages.mjs';
import { apiPerson, chat, messageItem, sendMessage, studioOfTwo } from './messagesPages.mjs';

describe('files on messages in the browser', { timeout: 240_000 }, () => {
  const suite = browserSuite({
    env: { AUTH_RATE_LIMIT_MAX: '1000', SOCKET_EVENTS_PER_SECOND: '1000', SOCKET_EVENT_BURST: '1000' },
    viewport: { width: 1600, height: 1000 },
  });
  const { url, signedIn } = suite;

  /** Chooses `files` with the composer's "Attach files" button. */
  async function attach(page, scope, files) {
    const chooser = page.waitForEvent('filechooser');
    await button(scope, 'Attach files').click();
    await (await chooser).setFiles(files);
  }

  it('sends an image on a message, seen live and downloaded by the other person only', async () => {
    const studio = `Studio ${randomUUID().slice(0, 8)}`;
    const { owner, member } = await studioOfTwo(suite.server, 'Nia Designer', 'Oli Producer', studio);
    const direct = await owner.call('POST', '/api/conversations', { kind: 'direct', participantIds: [member.id] });
    await owner.call('POST', `/api/conversations/${direct.id}/messages`, { body: 'Hello Oli.' });

    const oli = await signedIn(member);
    await oli.goto(url(`/messages/${direct.id}`));
    const oliChat = chat(oli, 'Nia Designer');
    await messageItem(oliChat, 'Hello Oli.').waitFor();

    const nia = await signedIn(owner);
    await nia.goto(url(`/messages/${direct.id}`));
    const niaChat = chat(nia, 'Oli Producer');
    await messageItem(niaChat, 'Hello Oli.').waitFor();

    // A type the server does not take: refused on its chip, in the server's words.
    await attach(nia, niaChat, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain words') }]);
    const drafts = niaChat.getByRole('list', { name: 'Attachments to send' });
    const refused = drafts.getByRole('listitem', { name: 'notes.txt' });
    await refused.getByText('not accepted', { exact: false }).waitFor();
    await button(refused, 'Remove notes.txt').click();
    await refused.waitFor({ state: 'detached' });

    // The image: uploaded (its progress bar goes), then sent with the message.
    const moodboard = pngFile('moodboard.png', 64, 48, [200, 80, 40]);
    await attach(nia, niaChat, [moodboard]);
    const draft = drafts.getByRole('listitem', { name: 'moodboard.png' });
    await draft.waitFor();
    await draft.getByRole('progressbar').waitFor({ state: 'detached' });
    await sendMessage(niaChat, 'The moodboard, v1');
    await drafts.getByRole('listitem').first().waitFor({ state: 'detached' });

    // Oli sees it live, as a thumbnail drawn from its bytes…
    const message = messageItem(oliChat, 'The moodboard, v1');
    const attached = message.getByRole('list', { name: 'Attachments' }).getByRole('listitem', { name: 'moodboard.png' });
    const thumbnail = attached.getByRole('img', { name: 'moodboard.png' });
    await thumbnail.waitFor();
    await oli.waitForFunction((img) => img.complete && img.naturalWidth === 64, await thumbnail.elementHandle());

    // …and downloads the same bytes.
    const downloading = oli.waitForEvent('download');
    await button(attached, 'Download moodboard.png').click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'moodboard.png');
    assert.deepEqual(await readFile(await download.path()), moodboard.buffer);

    // Only the two of them have it.
    const sent = await owner.call('GET', `/api/conversations/${direct.id}/messages`);
    const [file] = sent.items.find((item) => item.body === 'The moodboard, v1').attachments;
    assert.equal(file.source, 'conversation');
    const stranger = await apiPerson(suite.server, 'Pia Stranger');
    const response = await fetch(new URL(file.contentUrl, suite.server.baseUrl), {
      headers: { Authorization: `Bearer ${stranger.token}` },
    });
    assert.equal(response.status, 404);
  });
});
