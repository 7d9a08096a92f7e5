// Providers over TLS: the gateway verifies the provider's certificate (a per-provider ca_file
// for a private CA, the system store otherwise) and a connection verified under one provider's
// trust is never reused for a provider that does not share it. A Node TLS server in front of
// mock_provider stands in for the HTTPS provider; its certificate (tests/e2e/fixtures, for
// localhost and 127.0.0.1) is signed by no public CA.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

import { startMock, startSluice, stopWhenFileEnds } from './harness.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const certFile = path.join(fixtures, 'localhost-cert.pem');
const start = stopWhenFileEnds();

// A TLS terminator: each accepted TLS connection is piped to a plain one to `port`.
async function startTlsFront(port) {
  const server = tls.createServer(
    { cert: fs.readFileSync(certFile), key: fs.readFileSync(path.join(fixtures, 'localhost-key.pem')) },
    (secure) => {
      const plain = net.connect(port, '127.0.0.1');
      secure.pipe(plain).pipe(secure);
      const close = () => {
        secure.destroy();
        plain.destroy();
      };
      secure.on('error', close);
      plain.on('error', close);
    },
  );
  server.on('tlsClientError', () => {});  // a client refusing the certificate is expected here
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('providers over TLS', { timeout: 60000 }, () => {
  test('a private CA in ca_file verifies; without it the certificate is refused, even after a verified connection to the same origin', async () => {
    const mock = await start(startMock());
    const front = await start(startTlsFront(mock.port));
    const origin = `https://localhost:${front.port}/v1`;
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  trusted: { type: openai_compatible, api_base: "${origin}", api_key: "sk-trusted", ca_file: "${certFile}" }
  untrusted: { type: openai_compatible, api_base: "${origin}", api_key: "sk-untrusted" }
models:
  - name: private
    deployments: [ { provider: trusted, model: gpt-4o-mini } ]
  - name: public
    retry: { max_attempts: 1 }
    deployments: [ { provider: untrusted, model: gpt-4o-mini } ]
`,
      }),
    );
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
    const ask = (model, content) => client.chat.completions.create({ model, messages: [{ role: 'user', content }] });
    const refused = async () => {
      const err = await ask('public', 'x').then(
        () => assert.fail('the untrusted provider answered'),
        (e) => e,
      );
      assert.equal(err.status, 502);
      assert.match(err.message, /provider 'untrusted'.*certificate verify failed/);
      assert.doesNotMatch(err.message, /sk-untrusted/);
    };

    await refused();  // before any connection exists
    const answer = await ask('private', 'over tls');
    assert.equal(answer.choices[0].message.content, 'echo: over tls');
    const stream = await client.chat.completions.create({
      model: 'private',
      stream: true,
      messages: [{ role: 'user', content: 'streamed over tls' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'echo: streamed over tls');
    // The verified connections now wait in the pool for the same origin: they must not serve
    // the provider that trusts only the system's CAs.
    await refused();
    await refused();
    assert.equal((await ask('private', 'again')).choices[0].message.content, 'echo: again');
  });
});
