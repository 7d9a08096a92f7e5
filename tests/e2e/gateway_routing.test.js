// Routing, retries, fallbacks and circuit breakers, driven through the official openai SDK
// against mock providers with injected faults (issue: routing, retries, failover).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import OpenAI from 'openai';

import { deploymentOf, deployments, directive, sleep, startMock, startSluice, stopWhenFileEnds } from './harness.js';

const ADMIN = 'sk-admin-routing';
const start = stopWhenFileEnds();

const user = (content) => [{ role: 'user', content }];
const sdk = (gw) => new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 20000 });

async function requestsServed(mock) {
  const res = await fetch(`${mock.url}/mock/stats`);
  return (await res.json()).requests;
}

// Runs `count` calls of `fn(i)` with at most `width` in flight; resolves with every settlement.
async function inParallel(count, width, fn) {
  const results = new Array(count);
  let next = 0;
  async function lane() {
    while (next < count) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await fn(i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  }
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

async function chat(client, model, content, extra = {}) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: user(content), ...extra })
    .withResponse();
  return {
    data,
    deployment: response.headers.get('x-sluice-deployment'),
    provider: response.headers.get('x-sluice-provider'),
    attempts: Number(response.headers.get('x-sluice-attempts')),
  };
}

describe('routing across deployments', { timeout: 180000 }, () => {
  test('30% 503s on the primary: no client-visible error over 2,000 requests; the breaker opens and half-opens', async () => {
    const flaky = await start(startMock({ threads: 2, status: 503, args: ['--status-percent', '30'] }));
    const healthy = await start(startMock({ threads: 2 }));
    const gw = await start(
      startSluice({
        server: { admin_key: ADMIN },
        configYaml: `
providers:
  flaky: { type: openai_compatible, api_base: "${flaky.url}/v1", api_key: "k" }
  healthy: { type: openai_compatible, api_base: "${healthy.url}/v1", api_key: "k" }
models:
  - name: main
    retry: { max_attempts: 3, backoff_ms: 1, max_backoff_ms: 5 }
    breaker: { failures: 3, open_ms: 200 }
    deployments: [ { provider: flaky, model: m, id: primary } ]
    fallbacks: [backup]
  - name: backup
    deployments: [ { provider: healthy, model: m, id: secondary } ]
`,
      }),
    );
    const client = sdk(gw);
    const results = await inParallel(2000, 32, (i) => chat(client, 'main', `req ${i}`));
    const failed = results.filter((r) => !r.ok);
    assert.equal(failed.length, 0, failed[0]?.error?.message);
    assert.ok(results.every((r) => r.value.data.choices[0].message.content.startsWith('echo: req')));
    const byPrimary = results.filter((r) => r.value.deployment === 'primary').length;
    const bySecondary = results.filter((r) => r.value.deployment === 'secondary').length;
    assert.ok(byPrimary > 0 && bySecondary > 0, `primary ${byPrimary}, secondary ${bySecondary}`);

    const primary = deploymentOf(await deployments(gw, ADMIN), 'main', 'primary');
    // A breaker that opened twice went through half-open in between (only a probe reopens it,
    // or it closed after a successful probe and opened again).
    assert.ok(primary.breaker_opened >= 2, JSON.stringify(primary));
    assert.ok(primary.successes > 0, JSON.stringify(primary));

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    assert.match(metrics, /sluice_deployment_breaker_opened_total\{model="main",deployment="primary"\} [1-9]/);
  });

  test('400 and 401 from the primary reach the caller after exactly one upstream call, no fallback', async () => {
    const primary = await start(startMock({ apiKey: 'right-key' }));
    const backup = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  p_good: { type: openai_compatible, api_base: "${primary.url}/v1", api_key: "right-key" }
  p_bad: { type: openai_compatible, api_base: "${primary.url}/v1", api_key: "wrong-key" }
  b: { type: openai_compatible, api_base: "${backup.url}/v1", api_key: "k" }
models:
  - name: main
    deployments: [ { provider: p_good, model: m } ]
    fallbacks: [backup]
  - name: badkey
    deployments: [ { provider: p_bad, model: m } ]
    fallbacks: [backup]
  - name: backup
    deployments: [ { provider: b, model: m } ]
`,
      }),
    );
    const client = sdk(gw);
    for (const [model, content, status] of [
      ['main', `x ${directive({ status: 400 })}`, 400],
      ['badkey', 'hello', 401],
    ]) {
      const primaryBefore = await requestsServed(primary);
      const backupBefore = await requestsServed(backup);
      const err = await client.chat.completions.create({ model, messages: user(content) }).catch((e) => e);
      assert.equal(err.status, status);
      assert.equal(err.headers.get('x-sluice-attempts'), '1');
      assert.equal((await requestsServed(primary)) - primaryBefore, 1, `${status}: one upstream call`);
      assert.equal((await requestsServed(backup)) - backupBefore, 0, `${status}: no fallback`);
    }
  });

  test('429 with Retry-After: 2 keeps that deployment out for 2 s while its sibling serves', async () => {
    const limited = await start(startMock({ status: 429, retryAfter: 2 }));
    const sibling = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  limited: { type: openai_compatible, api_base: "${limited.url}/v1", api_key: "k" }
  sibling: { type: openai_compatible, api_base: "${sibling.url}/v1", api_key: "k" }
models:
  - name: main
    strategy: priority
    retry: { backoff_ms: 1 }
    deployments: [ { provider: limited, model: m, id: limited }, { provider: sibling, model: m, id: sibling } ]
`,
      }),
    );
    const client = sdk(gw);
    const first = await chat(client, 'main', 'one');
    const hitAt = Date.now();
    assert.equal(first.deployment, 'sibling');
    assert.equal(first.attempts, 2);
    assert.equal(await requestsServed(limited), 1);
    while (Date.now() - hitAt < 1700) {
      const during = await chat(client, 'main', 'during');
      assert.equal(during.deployment, 'sibling');
      assert.equal(during.attempts, 1);
      await sleep(100);
    }
    assert.equal(await requestsServed(limited), 1, 'not retried inside the Retry-After window');
    await sleep(2200 - (Date.now() - hitAt));
    const later = await chat(client, 'main', 'later');
    assert.equal(later.attempts, 2, 'tried the limited deployment again after the window');
    assert.equal(await requestsServed(limited), 2);
  });

  test('weighted 80/20 over 10,000 requests lands within two points', async () => {
    const a = await start(startMock({ threads: 2 }));
    const b = await start(startMock({ threads: 2 }));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  a: { type: openai_compatible, api_base: "${a.url}/v1", api_key: "k" }
  b: { type: openai_compatible, api_base: "${b.url}/v1", api_key: "k" }
models:
  - name: split
    strategy: weighted
    deployments: [ { provider: a, model: m, weight: 80, id: eighty }, { provider: b, model: m, weight: 20, id: twenty } ]
`,
      }),
    );
    const client = sdk(gw);
    const results = await inParallel(10000, 64, () => chat(client, 'split', 'w'));
    assert.ok(results.every((r) => r.ok));
    const eighty = results.filter((r) => r.value.deployment === 'eighty').length;
    const share = (100 * eighty) / results.length;
    assert.ok(Math.abs(share - 80) <= 2, `share ${share}`);
    assert.equal((await requestsServed(a)) + (await requestsServed(b)), 10000);
  });

  test('latency strategy: traffic leaves a deployment that slows down and returns when it recovers', async () => {
    let moving = await startMock({});
    const port = moving.port;
    const steady = await start(startMock({ latencyMs: 40 }));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  moving: { type: openai_compatible, api_base: "http://127.0.0.1:${port}/v1", api_key: "k" }
  steady: { type: openai_compatible, api_base: "${steady.url}/v1", api_key: "k" }
models:
  - name: fast
    strategy: latency
    latency_exploration: 0.1
    retry: { backoff_ms: 1 }
    deployments: [ { provider: moving, model: m, id: moving }, { provider: steady, model: m, id: steady } ]
`,
      }),
    );
    const client = sdk(gw);
    // The share of the last 100 answers that came from `moving`. Exploration sends ~10 % to the
    // slower deployment, so a settled share is ~0.9 or ~0.1; the thresholds leave room for
    // chance (at 50 answers and 20 % exploration, chance alone failed this test ~1 run in 10).
    const share = async (count) => {
      const results = await inParallel(count, 4, () => chat(client, 'fast', 'lat'));
      assert.ok(results.every((r) => r.ok), results.find((r) => !r.ok)?.error?.message);
      const tail = results.slice(-100);
      return tail.filter((r) => r.value.deployment === 'moving').length / tail.length;
    };
    try {
      assert.ok((await share(150)) >= 0.7, 'the fast deployment takes most traffic');
      // The same deployment, restarted 80 ms slower than its sibling.
      await moving.stop();
      moving = await startMock({ latencyMs: 120, args: ['--port', String(port)] });
      assert.ok((await share(200)) <= 0.3, 'traffic moved away from the slowed deployment');
      await moving.stop();
      moving = await startMock({ args: ['--port', String(port)] });
      // Only exploration finds the recovery: ~6 fast answers bring its average under the
      // sibling's, ~60 requests at 10 %; 400 leave the last 100 well after it.
      assert.ok((await share(400)) >= 0.7, 'traffic came back after it recovered');
    } finally {
      await moving.stop();
    }
  });

  test('a stream that fails after its first chunk ends with an error; no second provider is spliced in', async () => {
    const first = await start(startMock({}));
    const second = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  one: { type: openai_compatible, api_base: "${first.url}/v1", api_key: "k" }
  two: { type: openai_compatible, api_base: "${second.url}/v1", api_key: "k" }
models:
  - name: main
    deployments: [ { provider: one, model: m }, { provider: two, model: m } ]
`,
      }),
    );
    const client = sdk(gw);
    const stream = await client.chat.completions.create({
      model: 'main',
      messages: user(`alpha beta gamma delta ${directive({ error_after_chunks: 1 })}`),
      stream: true,
    });
    let text = '';
    const err = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e) => e);
    assert.ok(err instanceof Error, 'the SDK raises the stream error');
    assert.ok(text.length > 0 && 'echo: alpha beta gamma delta'.startsWith(text), `got ${JSON.stringify(text)}`);
    assert.equal(await requestsServed(second), 0, 'the second deployment was never called');
  });

  test('200 then an error event, or a stall, before any content: the stream fails over unseen', async () => {
    const erroring = await start(startMock({ errorAfterChunks: 0 }));
    const stalling = await start(startMock({ ttftMs: 3000 }));
    const healthy = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  erroring: { type: openai_compatible, api_base: "${erroring.url}/v1", api_key: "k" }
  claude_erroring: { type: anthropic, api_base: "${erroring.url}/v1", api_key: "k" }
  stalling: { type: openai_compatible, api_base: "${stalling.url}/v1", api_key: "k", idle_timeout_ms: 300 }
  healthy: { type: openai_compatible, api_base: "${healthy.url}/v1", api_key: "k" }
models:
  - name: erroring-first
    retry: { backoff_ms: 1 }
    deployments: [ { provider: erroring, model: m, id: bad }, { provider: healthy, model: m, id: good } ]
  - name: translated-erroring-first
    retry: { backoff_ms: 1 }
    deployments: [ { provider: claude_erroring, model: claude-x, id: bad }, { provider: healthy, model: m, id: good } ]
  - name: stalling-first
    retry: { backoff_ms: 1 }
    deployments: [ { provider: stalling, model: m, id: slow }, { provider: healthy, model: m, id: good } ]
`,
      }),
    );
    const client = sdk(gw);
    for (const model of ['erroring-first', 'translated-erroring-first', 'stalling-first']) {
      const { data: stream, response } = await client.chat.completions
        .create({ model, messages: user('fail over cleanly'), stream: true })
        .withResponse();
      let text = '';
      let roles = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.choices[0]?.delta?.role) roles += 1;
      }
      assert.equal(text, 'echo: fail over cleanly', model);
      assert.equal(roles, 1, `${model}: one opening, not the failed one's too`);
      assert.equal(response.headers.get('x-sluice-deployment'), 'good');
      assert.equal(response.headers.get('x-sluice-attempts'), '2');
    }
  });

  test('a stream closed cleanly but cut short: before content it fails over, after content it ends in an error', async () => {
    const cut = await start(startMock({ args: ['--truncate-after-chunks', '0'] }));
    const healthy = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  cut: { type: openai_compatible, api_base: "${cut.url}/v1", api_key: "k" }
  healthy: { type: openai_compatible, api_base: "${healthy.url}/v1", api_key: "k" }
models:
  - name: cut-first
    retry: { backoff_ms: 1 }
    deployments: [ { provider: cut, model: m, id: cut }, { provider: healthy, model: m, id: good } ]
  - name: healthy-only
    deployments: [ { provider: healthy, model: m } ]
`,
      }),
    );
    const client = sdk(gw);
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'cut-first', messages: user('finish please'), stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'echo: finish please');
    assert.equal(response.headers.get('x-sluice-deployment'), 'good');

    const cutLater = await client.chat.completions.create({
      model: 'healthy-only',
      messages: user(`one two three four ${directive({ truncate_after_chunks: 2 })}`),
      stream: true,
    });
    let partial = '';
    const err = await (async () => {
      for await (const chunk of cutLater) partial += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e) => e);
    assert.ok(err instanceof Error, 'the truncation reaches the SDK as an error');
    assert.match(String(err.message), /before the answer finished/);
    assert.ok(partial.length > 0, 'the content sent before the cut arrived');
  });

  test('a hanging upstream is abandoned at the model deadline with a 504 naming it', async () => {
    const hanging = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  stuck: { type: openai_compatible, api_base: "${hanging.url}/v1", api_key: "k" }
models:
  - name: main
    timeout_ms: 800
    deployments: [ { provider: stuck, model: m } ]
`,
      }),
    );
    const started = Date.now();
    const err = await sdk(gw)
      .chat.completions.create({ model: 'main', messages: user(`x ${directive({ hang: 1 })}`) })
      .catch((e) => e);
    const took = Date.now() - started;
    assert.equal(err.status, 504);
    assert.match(err.message, /stuck/);
    assert.ok(took >= 700 && took < 5000, `took ${took} ms`);
  });

  test('a deployment\'s own first-byte timeout moves a slow first answer to its sibling', async () => {
    const slow = await start(startMock({ latencyMs: 2000 }));
    const quick = await start(startMock({}));
    const gw = await start(
      startSluice({
        configYaml: `
providers:
  slow: { type: openai_compatible, api_base: "${slow.url}/v1", api_key: "k" }
  quick: { type: openai_compatible, api_base: "${quick.url}/v1", api_key: "k" }
models:
  - name: main
    retry: { backoff_ms: 1 }
    deployments:
      - { provider: slow, model: m, id: slow, first_byte_timeout_ms: 300 }
      - { provider: quick, model: m, id: quick }
`,
      }),
    );
    const started = Date.now();
    const res = await chat(sdk(gw), 'main', 'in time');
    assert.equal(res.deployment, 'quick');
    assert.equal(res.attempts, 2);
    assert.ok(Date.now() - started < 1500, 'the slow deployment was abandoned at 300 ms');
  });

  test('the admin API needs the admin key', async () => {
    const mock = await start(startMock({}));
    const gw = await start(
      startSluice({
        server: { admin_key: ADMIN },
        configYaml: `
providers:
  p: { type: openai_compatible, api_base: "${mock.url}/v1", api_key: "k" }
models:
  - name: main
    deployments: [ { provider: p, model: m } ]
`,
      }),
    );
    assert.equal((await fetch(`${gw.url}/admin/deployments`)).status, 401);
    const wrong = await fetch(`${gw.url}/admin/deployments`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    assert.ok(!(await wrong.text()).includes(ADMIN));
    const models = await deployments(gw, ADMIN);
    assert.equal(models[0].deployments[0].state, 'closed');
  });
});
