/**
 * The main flows of the app over real HTTP (REST, gateway, bridge, failed attempts, admin work,
 * invalid input), remembering every secret they use and every answer they get, for the
 * secrets test to search. Answers that carry a new token have that one field removed.
 */
import { generateToken, hashToken } from '../../src/core/token-format';
import { basic, send, type Reply, type SendOptions } from './http';
import { invoke, signIn } from './pages-session';
import type { World } from './world';

export interface SecretTrail {
  /** Every secret value the flows used, by what it is. */
  secrets: Map<string, string>;
  /** Every answer, labelled by its request. */
  answers: { label: string; text: string }[];
}

let world: World;
let secrets = new Map<string, string>();
let answers: SecretTrail['answers'] = [];

function remember(kind: string, value: string): void {
  secrets.set(value, kind);
}

function rememberToken(secret: string): void {
  remember('token secret', secret);
  remember('token secret after its hint', secret.slice(9));
  remember('token hash', hashToken(secret));
}

function rememberAnswer(label: string, reply: Reply): void {
  const body = reply.body as Record<string, unknown> | null;
  if (body !== null && typeof body === 'object' && typeof body.token === 'string') {
    rememberToken(body.token);
    answers.push({ label, text: JSON.stringify({ ...body, token: null }) });
    return;
  }
  const result = body?.data as Record<string, unknown> | undefined;
  if (typeof result?.token === 'string') {
    rememberToken(result.token);
    answers.push({ label, text: JSON.stringify({ ...body, data: { ...result, token: null } }) });
    return;
  }
  answers.push({ label, text: reply.text });
}

async function call(path: string, options: SendOptions = {}): Promise<Reply> {
  if (options.auth !== undefined) {
    remember('Authorization header', options.auth);
    remember('Authorization credentials', options.auth.replace(/^\S+\s+/, ''));
  }
  const reply = await send(world.baseUrl, path, options);
  rememberAnswer(`${options.method ?? 'GET'} ${path} → ${reply.status}`, reply);
  return reply;
}

function createdSecret(reply: Reply): string {
  return (reply.body as { token: string }).token;
}

async function mainFlows(): Promise<void> {
  remember('password', 'admin-password');
  remember('password', 'alice-password');
  const admin = basic('admin', 'admin-password');
  const own = await call('/api/v1/tokens', {
    method: 'POST',
    auth: admin,
    body: { name: 'Admin', validity: 'never' },
  });
  const adminToken = basic('admin', createdSecret(own));
  const forBob = await call('/api/v1/tokens', {
    method: 'POST',
    auth: adminToken,
    body: { name: 'For Bob', validity: '1y', user: 'bob' },
  });

  const page = await signIn(world.baseUrl, 'alice', 'alice-password');
  const bridged = await invoke(world.baseUrl, page, {
    functionKey: 'createToken',
    payload: { name: 'Alice', validity: '2y' },
  });
  rememberAnswer('bridge createToken', bridged);
  const aliceSecret = (bridged.body as { data: { token: string; id: string } }).data.token;
  const aliceId = (bridged.body as { data: { id: string } }).data.id;

  await gatewayFlows(aliceSecret);
  const rotated = await call(`/api/v1/tokens/${aliceId}/rotate`, {
    method: 'POST',
    auth: basic('alice', aliceSecret),
  });
  const alice = basic('alice', createdSecret(rotated));
  await call(`/api/v1/tokens/${aliceId}`, { auth: alice });
  await call('/api/v1/tokens', { auth: alice });
  await errorFlows(alice, adminToken, createdSecret(rotated));
  await adminFlows(adminToken, (forBob.body as { id: string }).id);
  rememberAnswer(
    'bridge listTokens',
    await invoke(world.baseUrl, page, { functionKey: 'listTokens', payload: {} }),
  );
}

async function gatewayFlows(secret: string): Promise<void> {
  await call('/rest/api/2/myself', { auth: basic('alice', secret) });
  await call('/wiki/rest/api/user/current', { auth: `Bearer ${secret}`, method: 'POST' });
  await call('/rest/api/2/myself', { auth: basic('bob', secret) });
  for (let attempt = 0; attempt < 11; attempt += 1) {
    const wrong = generateToken();
    rememberToken(wrong);
    await call('/rest/api/2/myself', {
      auth: basic('alice', wrong),
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
  }
  await call('/rest/api/2/myself', { auth: basic('alice', 'not-her-password') });
  await call('/rest/api/2/myself', { auth: `Basic ${Buffer.from(secret).toString('base64')}` });
  await call('/rest/api/2/myself', { auth: `Token ${secret}` });
}

async function adminFlows(admin: string, bobTokenId: string): Promise<void> {
  await call(`/api/v1/tokens/${bobTokenId}`, {
    method: 'PATCH',
    auth: admin,
    body: { name: 'Renamed' },
  });
  await call(`/api/v1/tokens/${bobTokenId}`, { method: 'DELETE', auth: admin });
  await call('/api/v1/users/alice/tokens', { method: 'DELETE', auth: admin });
  const settings = await call('/api/v1/settings', { auth: admin });
  await call('/api/v1/settings', {
    method: 'PUT',
    auth: admin,
    body: { ...(settings.body as object), usersMayUseAssignedTokens: false },
  });
  for (const path of [
    '/api/v1/admin/tokens',
    '/api/v1/audit',
    '/api/v1/audit?format=csv',
    '/api/v1/failures',
    '/api/v1/users/alice/failures',
    '/api/v1/ip-check?ip=192.0.2.1',
    '/api/v1/me',
  ]) {
    await call(path, { auth: admin });
  }
  await call('/api/v1/users/alice/failures', { method: 'DELETE', auth: admin });
}

async function errorFlows(auth: string, admin: string, secret: string): Promise<void> {
  const badCreate = { name: 'Echo', validity: secret, scope: secret, user: secret };
  await call('/api/v1/tokens', { method: 'POST', auth, body: badCreate });
  await call('/api/v1/tokens', { method: 'POST', auth: admin, body: badCreate });
  await call(`/api/v1/ip-check?ip=${secret}`, { auth: admin });
  await call(`/api/v1/tokens?user=${secret}`, { auth: admin });
  await call(`/api/v1/users/${secret}/failures`, { auth: admin });
  await call(`/api/v1/admin/tokens?cursor=${secret}&limit=${secret}`, { auth: admin });
  await call(`/api/v1/audit?action=${secret}&cursor=${secret}`, { auth: admin });
  await call(`/api/v1/tokens/${secret}`, { method: 'PATCH', auth, body: { name: 'x' } });
  await call(`/api/v1/tokens/${secret}`, { method: 'DELETE', auth });
  const broken = await fetch(`${world.baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: `{"name": ${secret}}`,
  });
  answers.push({ label: 'broken JSON', text: await broken.text() });
}

/** Runs the flows against `world` (its 127.0.0.1 must be a trusted proxy) and returns the trail. */
export async function runMainFlows(target: World): Promise<SecretTrail> {
  world = target;
  secrets = new Map();
  answers = [];
  await mainFlows();
  return { secrets, answers };
}
