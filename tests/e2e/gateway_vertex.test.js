// Vertex AI authentication end to end: sluice signs a service account JWT (RS256), trades it at
// the mock's OAuth2 token endpoint for an access token, caches it, refreshes it before it
// expires, and sends it as a bearer token on the mock's Vertex (Gemini wire) paths.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { sleep, startMock, startSluice } from './harness.js';

const running = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-vertex-'));
after(async () => {
  await Promise.allSettled(running.map((p) => p.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const user = (content) => [{ role: 'user', content }];
const SHORT_TTL_S = 4;

function rsaKeyPair() {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

// A service account key file as the Cloud console writes it, with token_uri at the mock.
function writeServiceAccount(name, privateKey, tokenUri) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({
    type: 'service_account',
    project_id: 'proj',
    private_key_id: `kid-${name}`,
    private_key: privateKey,
    client_email: `${name}@proj.iam.gserviceaccount.com`,
    client_id: '1',
    token_uri: tokenUri,
  }));
  return file;
}

const b64url = (value) => Buffer.from(value).toString('base64url');

// A JWT signed here with node:crypto, for driving the mock's token endpoint directly.
function signJwt(privateKey, claims) {
  const head = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.sign('sha256', Buffer.from(head), privateKey);
  return `${head}.${signature.toString('base64url')}`;
}

async function postToken(url, body) {
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return { status: res.status, json: await res.json() };
}

async function issuedCount(mock) {
  const res = await fetch(`${mock.url}/mock/oauth/stats`);
  return (await res.json()).issued;
}

async function errorOf(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('vertex: service account -> OAuth2 token -> Vertex paths', { timeout: 90000 }, () => {
  const good = rsaKeyPair();
  const stranger = rsaKeyPair();
  let mock;
  let shortMock;
  let gw;
  let client;

  before(async () => {
    const publicKeyFile = path.join(dir, 'public.pem');
    fs.writeFileSync(publicKeyFile, good.publicKey);
    mock = await startMock({ threads: 2, args: ['--vertex-public-key', publicKeyFile] });
    running.push(mock);
    shortMock = await startMock({
      threads: 1,
      args: ['--vertex-public-key', publicKeyFile, '--vertex-token-ttl', String(SHORT_TTL_S)],
    });
    running.push(shortMock);
    const tokenUri = `http://127.0.0.1:${mock.port}/token`;
    const goodFile = writeServiceAccount('good', good.privateKey, tokenUri);
    const burstFile = writeServiceAccount('burst', good.privateKey, tokenUri);
    const badFile = writeServiceAccount('bad', stranger.privateKey, tokenUri);
    const shortFile = writeServiceAccount('short', good.privateKey, `http://127.0.0.1:${shortMock.port}/token`);
    const base = (port) => `http://127.0.0.1:${port}/v1/projects/proj/locations/us-central1`;
    const vertex = (file, port = mock.port) =>
      `{ type: vertex, project: proj, region: us-central1, api_base: "${base(port)}", credentials_file: "${file}" }`;
    gw = await startSluice({
      configYaml: `
providers:
  gcp: ${vertex(goodFile)}
  gcp_burst: ${vertex(burstFile)}
  gcp_badkey: ${vertex(badFile)}
  gcp_short: ${vertex(shortFile, shortMock.port)}
models:
  - name: gem
    deployments: [ { provider: gcp, model: gemini-2.5-flash } ]
`,
    });
    running.push(gw);
    client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 20000 });
  });

  test('mock token endpoint: a good assertion gets a bearer token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'x@proj.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: `http://127.0.0.1:${mock.port}/token`,
      iat: now,
      exp: now + 3600,
    };
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const ok = await postToken(mock.url, { grant_type: grant, assertion: signJwt(good.privateKey, claims) });
    assert.equal(ok.status, 200);
    assert.match(ok.json.access_token, /^mock-token-/);
    assert.equal(ok.json.expires_in, 3600);
    assert.equal(ok.json.token_type, 'Bearer');

    const forged = await postToken(mock.url, { grant_type: grant, assertion: signJwt(stranger.privateKey, claims) });
    assert.equal(forged.status, 400);
    assert.deepEqual(forged.json, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const wrongAud = await postToken(mock.url, {
      grant_type: grant,
      assertion: signJwt(good.privateKey, { ...claims, aud: 'https://elsewhere/token' }),
    });
    assert.equal(wrongAud.json.error_description, 'Invalid JWT: Failed audience check.');
    const expired = await postToken(mock.url, {
      grant_type: grant,
      assertion: signJwt(good.privateKey, { ...claims, iat: now - 7200, exp: now - 3600 }),
    });
    assert.equal(expired.json.error, 'invalid_grant');
    const badGrant = await postToken(mock.url, { grant_type: 'client_credentials', assertion: 'x' });
    assert.equal(badGrant.json.error, 'unsupported_grant_type');

    // Vertex paths take only tokens the mock issued.
    const vertexPath = `${mock.url}/v1/projects/proj/locations/us-central1/publishers/google/models/m:generateContent`;
    const ask = (token) => fetch(vertexPath, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    assert.equal((await ask('not-issued')).status, 401);
    assert.equal((await ask(ok.json.access_token)).status, 200);
  });

  test('chat through a vertex model: one token fetched, then reused', async () => {
    const before = await issuedCount(mock);
    const res = await client.chat.completions.create({ model: 'gem', messages: user('hello vertex') });
    assert.equal(res.choices[0].message.content, 'echo: hello vertex');
    const again = await client.chat.completions.create({ model: 'gcp/gemini-2.5-pro', messages: user('again') });
    assert.equal(again.choices[0].message.content, 'echo: again');
    assert.equal(await issuedCount(mock), before + 1);
  });

  test('count_tokens through a vertex model carries the token', async () => {
    const res = await fetch(`${gw.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'gem', messages: [{ role: 'user', content: 'count these words please' }] }),
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.ok(body.input_tokens > 0, JSON.stringify(body));
  });

  test('stream through a vertex model', async () => {
    const stream = await client.chat.completions.create({
      model: 'gem',
      messages: user('stream through vertex'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'echo: stream through vertex');
    assert.ok(usage && usage.total_tokens > 0);
  });

  test('concurrent first requests share one token fetch', async () => {
    const before = await issuedCount(mock);
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) =>
      client.chat.completions.create({ model: 'gcp_burst/gemini-2.5-flash', messages: user(`burst ${i}`) })));
    answers.forEach((res, i) => assert.equal(res.choices[0].message.content, `echo: burst ${i}`));
    // Two sluice workers, one cache per provider shared by both: exactly one fetch.
    assert.equal(await issuedCount(mock), before + 1);
  });

  test('a key the token endpoint refuses is a 401 naming the provider, without secrets', async () => {
    const err = await errorOf(client.chat.completions.create({ model: 'gcp_badkey/gemini-2.5-flash', messages: user('hi') }));
    assert.equal(err.status, 401);
    const message = err.error?.message ?? err.message;
    assert.match(message, /provider 'gcp_badkey'/);
    assert.match(message, /Invalid JWT Signature/);
    const body = JSON.stringify(err.error ?? {});
    assert.ok(!body.includes('PRIVATE KEY'));
    assert.ok(!/eyJ[\w-]+\.[\w-]+\./.test(body), 'no JWT in the error');
  });

  test('a short-lived token is refreshed before the mock stops accepting it', async () => {
    const first = await issuedCount(shortMock);
    const res = await client.chat.completions.create({ model: 'gcp_short/gemini-2.5-flash', messages: user('one') });
    assert.equal(res.choices[0].message.content, 'echo: one');
    assert.equal(await issuedCount(shortMock), first + 1);
    // Past the token's lifetime: the mock would refuse the old token, so success means a refresh.
    await sleep(SHORT_TTL_S * 1000 + 500);
    const later = await client.chat.completions.create({ model: 'gcp_short/gemini-2.5-flash', messages: user('two') });
    assert.equal(later.choices[0].message.content, 'echo: two');
    assert.equal(await issuedCount(shortMock), first + 2);
  });
});
