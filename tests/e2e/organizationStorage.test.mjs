// An organization's storage on its overview: under a quota (STORAGE_QUOTA_MB), "X used of Y"
// with a bar that fills as files are uploaded to its projects; without one, "X used" and no
// bar. Each server has its own configuration, so each case has its own suite.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { heading } from './accountPages.mjs';
import { browserSuite } from './browserSuite.mjs';
import { noisePng, uploadThrough } from './filesPages.mjs';
import { apiPerson } from './messagesPages.mjs';

const suffix = () => randomUUID().slice(0, 8);

/** An owner with an organization and a project in it, signed in. */
async function studio(suite, name) {
  const owner = await apiPerson(suite.server, name);
  const organization = await owner.call('POST', '/api/organizations', { name: `Studio ${suffix()}` });
  const project = await owner.call('POST', '/api/projects', { organizationId: organization.id, name: `Work ${suffix()}` });
  const page = await suite.signedIn(owner);
  return { organization, project, page };
}

/** The organization's overview, read until its Storage section says how much is used. */
async function storageSection(suite, page, organization) {
  await page.goto(suite.url(`/organizations/${organization.id}`));
  await heading(page, organization.name).waitFor();
  const section = page.getByRole('region', { name: 'Storage', exact: true });
  await section.getByText(/ used( of |$)/).waitFor();
  return section;
}

describe('organization storage under a quota', { timeout: 90_000 }, () => {
  const suite = browserSuite({ env: { AUTH_RATE_LIMIT_MAX: '1000', STORAGE_QUOTA_MB: '1' } });

  it('says what is used of the quota, with a bar that fills as files are uploaded', async () => {
    const { organization, project, page } = await studio(suite, 'Quinn Quota');
    let section = await storageSection(suite, page, organization);
    await section.getByText('0 bytes used of 1 MB', { exact: true }).waitFor();
    const bar = section.getByRole('progressbar', { name: 'Storage used', exact: true });
    assert.equal(await bar.getAttribute('aria-valuenow'), '0');

    // About 120 KB of random pixels: shown in whole KB (steps of 1024), a tenth of the quota.
    const image = { name: 'poster.png', mimeType: 'image/png', buffer: noisePng(200, 200) };
    await page.goto(suite.url(`/projects/${project.id}/files`));
    await uploadThrough(page, 'Choose files', [image]);

    section = await storageSection(suite, page, organization);
    await section.getByText(`${Math.round(image.buffer.length / 1024)} KB used of 1 MB`, { exact: true }).waitFor();
    const percent = Number(await bar.getAttribute('aria-valuenow'));
    assert.equal(percent, Math.round((image.buffer.length / (1024 * 1024)) * 100));
  });
});

describe('organization storage without a quota', { timeout: 90_000 }, () => {
  const suite = browserSuite({ env: { AUTH_RATE_LIMIT_MAX: '1000' } });

  it('says what is used, without a bar', async () => {
    const { organization, page } = await studio(suite, 'Nico Noquota');
    const section = await storageSection(suite, page, organization);
    await section.getByText('0 bytes used', { exact: true }).waitFor();
    assert.equal(await section.getByRole('progressbar').count(), 0);
  });
});
