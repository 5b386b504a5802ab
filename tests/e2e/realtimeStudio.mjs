// Real-time tests' REST set-up: people, an organization, projects and conversations, over
// REST with bearer tokens as a native client would; and a second session of a person, as
// another device. The Socket.IO side is in `realtimeClient.mjs`.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORD, uniqueEmail } from './accountPages.mjs';
import { ApiClient } from './apiClient.mjs';
import { emailedLink } from './mailLog.mjs';
import { connect } from './realtimeClient.mjs';

export { PASSWORD, uniqueEmail };

/**
 * One request with `Authorization: Bearer` (exempt from CSRF). Answers status and body.
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function rest(server, token, method, path, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, server.baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

/** `rest`, insisting on a 2xx; the error names the request and the server's answer. */
export async function restOk(server, token, method, path, body) {
  const answer = await rest(server, token, method, path, body);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/**
 * @typedef {object} Person
 * @property {string} id
 * @property {string} name
 * @property {string} email
 * @property {string} token         the access token
 * @property {string} refreshToken
 */

/**
 * A new account, signed up over REST (a request without a bearer token carries a CSRF
 * token, which `ApiClient` fetches). @returns {Promise<Person>}
 */
export async function signUp(server, name) {
  const email = uniqueEmail(name.toLowerCase().replace(/[^a-z]+/g, '-'));
  const { status, body } = await new ApiClient(server.baseUrl).post('/api/auth/signup', {
    email,
    password: PASSWORD,
    name,
  });
  if (status !== 201) throw new Error(`POST /api/auth/signup answered ${status}: ${JSON.stringify(body)}`);
  return { id: body.user.id, name: body.user.name, email, token: body.accessToken, refreshToken: body.refreshToken };
}

/** `person` signed in again, as another device: a second session. @returns {Promise<Person>} */
export async function signIn(server, person) {
  const { status, body } = await new ApiClient(server.baseUrl).post('/api/auth/login', {
    email: person.email,
    password: PASSWORD,
  });
  if (status !== 200 || !body.accessToken) {
    throw new Error(`POST /api/auth/login answered ${status}: ${JSON.stringify(body)}`);
  }
  return { ...person, id: body.user.id, token: body.accessToken, refreshToken: body.refreshToken };
}

/** The id of the session `person.token` belongs to (`isCurrent` in GET /api/auth/sessions). */
export async function sessionOf(server, person) {
  const { sessions } = await restOk(server, person.token, 'GET', '/api/auth/sessions');
  const current = sessions.find((session) => session.isCurrent);
  if (!current) throw new Error(`no current session among ${JSON.stringify(sessions)}`);
  return current.id;
}

/**
 * A new instance administrator, made as an operator would (`fluxstudio admin create-user
 * --admin`, the password on standard input, in the server's directory and database), then
 * signed in. @returns {Promise<Person>}
 */
export async function instanceAdmin(server, name = 'Ida Admin') {
  const email = uniqueEmail('admin');
  const bin = process.env.FLUXSTUDIO_BIN || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'debug', 'fluxstudio');
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (process.env.FLUX_TEST_DATABASE_URL) env.DATABASE_URL = process.env.FLUX_TEST_DATABASE_URL;
  const child = spawn(bin, ['admin', 'create-user', '--email', email, '--name', name, '--admin'], {
    cwd: server.workDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(`${PASSWORD}\n`);
  const code = await new Promise((done) => child.once('close', done));
  if (code !== 0) throw new Error(`fluxstudio admin create-user exited ${code}: ${output}`);
  return signIn(server, { email, name });
}

/**
 * An organization owned by the first of `names`, the others members who joined by
 * accepting their invitation. @returns {Promise<{ orgId: string, people: Person[] }>}
 */
export async function studio(server, names) {
  const [ownerName, ...memberNames] = names;
  const owner = await signUp(server, ownerName);
  const org = await restOk(server, owner.token, 'POST', '/api/organizations', {
    name: `Studio ${randomUUID().slice(0, 8)}`,
  });
  const people = [owner];
  for (const name of memberNames) people.push(await join(server, owner, org.id, name));
  return { orgId: org.id, people };
}

/**
 * Verifies `email` with the link the server mailed at sign-up (written to its log without
 * SMTP), as its owner would: an invitation is shown and accepted in the app only then.
 */
export async function verifyEmail(server, email) {
  const link = await emailedLink(server, { email, path: '/verify-email' });
  const token = new URL(link, server.baseUrl).searchParams.get('token');
  const { status, body } = await new ApiClient(server.baseUrl).post('/api/auth/verify-email', { token });
  if (status !== 200) throw new Error(`POST /api/auth/verify-email answered ${status}: ${JSON.stringify(body)}`);
}

/** Invites a new person to `orgId` as `role`; they sign up, verify their address and accept. @returns {Promise<Person>} */
export async function join(server, owner, orgId, name, role = 'member') {
  const person = await signUp(server, name);
  await verifyEmail(server, person.email);
  await restOk(server, owner.token, 'POST', `/api/organizations/${orgId}/invitations`, {
    email: person.email,
    role,
  });
  const mine = await restOk(server, person.token, 'GET', '/api/invitations/mine');
  const invitation = mine.items.find((item) => item.organizationId === orgId);
  if (!invitation) throw new Error(`${person.email} sees no invitation to ${orgId}: ${JSON.stringify(mine)}`);
  await restOk(server, person.token, 'POST', `/api/invitations/mine/${invitation.id}/accept`);
  return person;
}

/** A project of `orgId` made by `person`. */
export function project(server, person, orgId, name = `Project ${randomUUID().slice(0, 6)}`) {
  return restOk(server, person.token, 'POST', '/api/projects', { organizationId: orgId, name });
}

/** A direct conversation between `a` and `b` (who share an organization). */
export function directConversation(server, a, b) {
  return restOk(server, a.token, 'POST', '/api/conversations', { kind: 'direct', participantIds: [b.id] });
}

/** A group made by `owner` with `others`. */
export function groupConversation(server, owner, others, name = `Group ${randomUUID().slice(0, 6)}`) {
  return restOk(server, owner.token, 'POST', '/api/conversations', {
    kind: 'group',
    name,
    participantIds: others.map((person) => person.id),
  });
}

/** Sends a message over REST. @returns {Promise<any>} the MessageView */
export function sendOverRest(server, person, conversationId, body, extra = {}) {
  return restOk(server, person.token, 'POST', `/api/conversations/${conversationId}/messages`, { body, ...extra });
}

/** The caller's view of one conversation in `GET /api/conversations`. */
export async function listedConversation(server, person, conversationId) {
  const list = await restOk(server, person.token, 'GET', '/api/conversations');
  const found = list.items.find((item) => item.id === conversationId);
  if (!found) throw new Error(`${conversationId} is not in ${person.name}'s conversations`);
  return found;
}

/**
 * Two colleagues with a direct conversation, each with a /messaging socket (`options.a`
 * and `options.b` go to `connect`).
 */
export async function pair(server, options = {}) {
  const {
    people: [a, b],
  } = await studio(server, ['Ada Sender', 'Ben Reader']);
  const conversation = await directConversation(server, a, b);
  const sa = await connect(server, '/messaging', a, options.a);
  const sb = await connect(server, '/messaging', b, options.b);
  return { a, b, conversation, sa, sb };
}
