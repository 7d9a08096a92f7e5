// Drives the built `sluice serve` with the official openai SDK (and fetch where the SDK would
// hide the wire), with mock_provider as the only upstream. Faults reach the mock through
// `[[mock ...]]` directives in the last user message, since the gateway does not forward
// arbitrary client headers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { directive, freePort, metricValue, sleep, startMock, startSluice } from './harness.js';

const SECRET = 'sk-mock-secret';
const HOOK = { timeout: 30000 };

// Every process started here, stopped in the top-level after hook even when a test fails.
const running = [];
async function track(startPromise) {
  const instance = await startPromise;
  running.push(instance);
  return instance;
}
after(async () => {
  await Promise.allSettled(running.map((p) => p.stop()));
});

// A mock and a gateway in front of it (the shared config, plus `server` keys), both tracked.
async function gatewayOnMock(server) {
  const mock = await track(startMock());
  return track(startSluice({ configYaml: gatewayConfig(mock.port), server }));
}

// The config the tests share; `extraProviders` / `extraModels` are YAML lines appended.
function gatewayConfig(mockPort, { extraProviders = '', extraModels = '' } = {}) {
  return `
storage: { url: "sqlite://{{DIR}}/sluice.db" }
providers:
  mock: { type: openai_compatible, api_base: "http://127.0.0.1:${mockPort}/v1", api_key: "${SECRET}" }
${extraProviders}
models:
  - name: gpt-4o-mini
    deployments: [ { provider: mock, model: gpt-4o-mini-upstream } ]
  - name: text-embedding-3-small
    deployments: [ { provider: mock, model: text-embedding-3-small } ]
${extraModels}
`;
}

const sdk = (baseUrl, options = {}) =>
  new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000, ...options });

const user = (content) => [{ role: 'user', content }];

async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const contentOf = (chunks) => chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

// Resolves with the error a promise rejects with; fails if it resolves.
async function errorOf(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('gateway with a healthy mock', { timeout: 120000 }, () => {
  let mock;
  let gw;
  let client;

  before(async () => {
    mock = await track(startMock({ threads: 2 }));
    gw = await track(
      startSluice({
        configYaml: gatewayConfig(mock.port, {
          extraProviders: `  slowmock: { type: openai_compatible, api_base: "http://127.0.0.1:${mock.port}/v1", api_key: "${SECRET}", first_byte_timeout_ms: 500 }`,
          extraModels: '  - name: slow-model\n    deployments: [ { provider: slowmock, model: gpt-4o-mini } ]',
        }),
      }),
    );
    client = sdk(gw.url);
  }, HOOK);

  describe('ops endpoints', () => {
    test('/health/live and /health/ready answer 200', async () => {
      assert.equal((await fetch(`${gw.url}/health/live`)).status, 200);
      assert.equal((await fetch(`${gw.url}/health/ready`)).status, 200);
    });

    test('/metrics is Prometheus text with sluice_requests_total', async () => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('count me') });
      const res = await fetch(`${gw.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      assert.match(await res.text(), /^sluice_requests_total(\{[^}]*\})? \d+/m);
    });
  });

  describe('chat completions', () => {
    test('non-streamed chat', async () => {
      const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('hello gateway') });
      assert.equal(res.object, 'chat.completion');
      // The gateway may report the alias or the upstream name, never anything else.
      assert.ok(['gpt-4o-mini', 'gpt-4o-mini-upstream'].includes(res.model), res.model);
      assert.equal(res.choices[0].message.content, 'echo: hello gateway');
      assert.equal(res.choices[0].finish_reason, 'stop');
      assert.equal(res.usage.completion_tokens, 3);
      assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);
    });

    test('stream with include_usage ends with a usage chunk', async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('stream me please'),
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = await collect(stream);
      assert.equal(contentOf(chunks), 'echo: stream me please');
      const last = chunks.at(-1);
      assert.deepEqual(last.choices, []);
      assert.equal(last.usage.completion_tokens, 4);
      assert.ok(last.usage.prompt_tokens >= 1);
      assert.equal(chunks.filter((c) => c.usage).length, 1, 'only the last chunk has usage');
      assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'stop'));
    });

    test('stream without include_usage: no usage, no empty choices', async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('no usage wanted'),
        stream: true,
      });
      const chunks = await collect(stream);
      assert.equal(contentOf(chunks), 'echo: no usage wanted');
      assert.ok(chunks.every((c) => !c.usage), 'no chunk carries usage');
      assert.ok(chunks.every((c) => c.choices.length > 0), 'no chunk has empty choices');
    });

    test('tools round trip', async () => {
      const messages = user('weather in Oslo');
      const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      const choice = first.choices[0];
      assert.equal(choice.finish_reason, 'tool_calls');
      const call = choice.message.tool_calls[0];
      assert.equal(call.id, 'call_mock_1');
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'weather in Oslo' });
      messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: 'cold' });
      const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      assert.equal(second.choices[0].message.content, 'tool result: cold');
    });

    test('streamed tool call reassembles', async () => {
      const runner = client.chat.completions.stream({
        model: 'gpt-4o-mini',
        messages: user('tool stream'),
        tools: [weatherTool],
      });
      const final = await runner.finalChatCompletion();
      const call = final.choices[0].message.tool_calls[0];
      assert.equal(call.function.name, 'get_weather');
      assert.equal(call.function.arguments, '{"echo":"tool stream"}');
    });

    test('provider/model naming reaches the provider directly', async () => {
      const res = await client.chat.completions.create({ model: 'mock/some-model', messages: user('direct') });
      assert.equal(res.choices[0].message.content, 'echo: direct');
    });

    test('100 concurrent streams each get their own echo', { timeout: 60000 }, async () => {
      const contents = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const stream = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: user(`concurrent prompt ${i}`),
            stream: true,
          });
          return contentOf(await collect(stream));
        }),
      );
      contents.forEach((content, i) => assert.equal(content, `echo: concurrent prompt ${i}`));
    });
  });

  describe('embeddings and models', () => {
    test('embeddings, float and the SDK default base64, match the upstream', async () => {
      const direct = sdk(mock.url);
      const viaFloat = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta'],
        encoding_format: 'float',
      });
      const viaBase64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
      const upstream = await direct.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['alpha', 'beta'],
        encoding_format: 'float',
      });
      assert.equal(viaFloat.data.length, 2);
      assert.deepEqual(viaFloat.data.map((d) => d.embedding), upstream.data.map((d) => d.embedding));
      assert.deepEqual(
        viaBase64.data.map((d) => Array.from(d.embedding)),
        upstream.data.map((d) => d.embedding.map((x) => Math.fround(x))),
      );
      assert.ok(viaFloat.usage.prompt_tokens >= 1);
    });

    test('models list contains the configured names', async () => {
      const ids = [];
      for await (const model of client.models.list()) ids.push(model.id);
      assert.ok(ids.includes('gpt-4o-mini'), ids.join(','));
      assert.ok(ids.includes('text-embedding-3-small'), ids.join(','));
    });
  });

  describe('errors', () => {
    const post = (body, headers = {}) =>
      fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client', ...headers },
        body,
      });

    test('unknown model -> 404 naming the model', async () => {
      const err = await errorOf(client.chat.completions.create({ model: 'no-such-model-xyz', messages: user('x') }));
      assert.equal(err.status, 404);
      assert.match(err.message, /no-such-model-xyz/);
    });

    test('malformed JSON -> 400 in OpenAI error shape', async () => {
      const res = await post('{"model": "gpt-4o-mini", "messages": [');
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.equal(typeof body.error.message, 'string');
      assert.equal(typeof body.error.type, 'string');
      assert.ok('code' in body.error);
    });

    test('missing messages -> 400 naming messages', async () => {
      const res = await post('{"model": "gpt-4o-mini"}');
      assert.equal(res.status, 400);
      assert.match((await res.json()).error.message, /messages/);
    });

    test('GET on /v1/chat/completions -> 405', async () => {
      const res = await fetch(`${gw.url}/v1/chat/completions`);
      assert.equal(res.status, 405);
    });

    for (const status of [400, 401]) {
      test(`upstream ${status} passes through with its message`, async () => {
        const err = await errorOf(
          client.chat.completions.create({ model: 'gpt-4o-mini', messages: user(`x ${directive({ status })}`) }),
        );
        assert.equal(err.status, status);
        assert.match(err.message, /mock injected error/);
      });
    }

    test('upstream 503 -> 503', async () => {
      const err = await errorOf(
        client.chat.completions.create({ model: 'gpt-4o-mini', messages: user(`x ${directive({ status: 503 })}`) }),
      );
      assert.equal(err.status, 503);
    });

    test('upstream hang past first_byte_timeout_ms -> 504', async () => {
      const err = await errorOf(
        client.chat.completions.create({ model: 'slow-model', messages: user(`x ${directive({ hang: 1 })}`) }),
      );
      assert.equal(err.status, 504);
    });

    test('x-request-id is echoed when sent and present when not', async () => {
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: user('ids') });
      const sent = await post(body, { 'x-request-id': 'e2e-request-42' });
      await sent.arrayBuffer();
      assert.equal(sent.headers.get('x-request-id'), 'e2e-request-42');
      const fresh = await post(body);
      await fresh.arrayBuffer();
      assert.ok((fresh.headers.get('x-request-id') ?? '').length > 0);
    });
  });

  describe('client disconnect', () => {
    // sluice_requests_in_flight once it is 0, or when `ms` have passed.
    const inFlightAfter = async (gateway, ms) => {
      const deadline = Date.now() + ms;
      let inFlight = await metricValue(gateway.url, 'sluice_requests_in_flight');
      while (inFlight !== 0 && Date.now() < deadline) {
        await sleep(50);
        inFlight = await metricValue(gateway.url, 'sluice_requests_in_flight');
      }
      return inFlight;
    };

    test('aborting mid-stream frees the request', async () => {
      const controller = new AbortController();
      const stream = await client.chat.completions.create(
        {
          model: 'gpt-4o-mini',
          messages: user(`slow ${directive({ chunks: 10, chunk_delay_ms: 3000 })}`),
          stream: true,
        },
        { signal: controller.signal },
      );
      let seen = 0;
      try {
        for await (const chunk of stream) {
          assert.ok(chunk.choices.length > 0);
          seen += 1;
          controller.abort();
        }
      } catch (err) {
        // The SDK usually ends the loop quietly on abort; an abort error is fine too.
        assert.ok(err instanceof OpenAI.APIUserAbortError || err.name === 'AbortError', err);
      }
      // Chunks already buffered when abort() ran may still be yielded (opening + first piece).
      assert.ok(seen >= 1 && seen <= 2, `saw ${seen} chunks`);

      const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('still alive') });
      assert.equal(res.choices[0].message.content, 'echo: still alive');

      assert.equal(await inFlightAfter(gw, 2000), 0, 'sluice_requests_in_flight back to 0 within 2 s');
    });

    test('hanging up while a non-streamed answer is awaited frees the request at once', async () => {
      const controller = new AbortController();
      const pending = client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: user(`slow ${directive({ latency_ms: 5000 })}`) },
        { signal: controller.signal, maxRetries: 0 },
      );
      await sleep(300);
      assert.equal(await metricValue(gw.url, 'sluice_requests_in_flight'), 1);
      controller.abort();
      await assert.rejects(pending);
      // Only the watch on the caller's socket can end it before the provider answers (5 s).
      assert.equal(await inFlightAfter(gw, 2000), 0, 'sluice_requests_in_flight back to 0 within 2 s');
    });
  });
});

describe('gateway with an unreachable upstream', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    const closedPort = await freePort();
    gw = await track(startSluice({ configYaml: gatewayConfig(closedPort) }));
  }, HOOK);

  test('-> 502 naming the provider, never leaking its key', async () => {
    const err = await errorOf(sdk(gw.url).chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') }));
    assert.equal(err.status, 502);
    assert.match(err.message, /mock/);
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: user('x') }),
    });
    const text = await res.text();
    assert.equal(res.status, 502);
    assert.ok(!text.includes(SECRET), text);
  });
});

describe('gateway with a small body limit', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    gw = await gatewayOnMock({ max_body_bytes: 1024 });
  }, HOOK);

  test('body over max_body_bytes -> 413', async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: user('x'.repeat(2000)) }),
    });
    assert.equal(res.status, 413);
    await res.arrayBuffer();
    const small = await sdk(gw.url).chat.completions.create({ model: 'gpt-4o-mini', messages: user('small') });
    assert.equal(small.choices[0].message.content, 'echo: small');
  });
});

describe('gateway with a short idle limit', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    gw = await gatewayOnMock({ idle_timeout_ms: 300 });
  }, HOOK);

  // Resolves with how the server ended a raw connection that sent `bytes` and then nothing.
  function serverEnds(bytes) {
    return new Promise((resolve, reject) => {
      const socket = net.connect(gw.port, '127.0.0.1', () => socket.write(bytes));
      let received = '';
      socket.on('data', (d) => { received += d; });
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      setTimeout(() => { socket.destroy(); reject(new Error('connection still open after 10 s')); }, 10000);
    });
  }

  test('a connection that sends nothing is closed after idle_timeout_ms', async () => {
    assert.equal(await serverEnds(''), '');
  });

  test('a request head that stops half way is closed too', async () => {
    assert.equal(await serverEnds('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n'), '');
  });

  test('a connection kept alive between requests is closed once idle, after its answers', async () => {
    const head = 'GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n';
    const received = await serverEnds(head + head);
    assert.equal(received.match(/HTTP\/1\.1 200/g)?.length, 2, received);
  });
});

describe('graceful shutdown', { timeout: 60000 }, () => {
  let gw;
  before(async () => {
    gw = await gatewayOnMock();
  }, HOOK);

  test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
    const pending = sdk(gw.url).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: user(`drain ${directive({ latency_ms: 1000 })}`),
    });
    await sleep(300);
    const exited = gw.stop();
    const res = await pending;
    assert.equal(res.choices[0].message.content, 'echo: drain');
    assert.equal(await exited, 0);
  });
});
