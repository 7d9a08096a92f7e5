// The official @anthropic-ai/sdk against Sluice's Anthropic-compatible /v1/messages, routed to
// an Anthropic-format upstream (relayed as is) and to an OpenAI-format upstream (translated).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';

import { directive, startMock, startSluice } from './harness.js';

const ANT_KEY = 'sk-ant-upstream-secret';
const OAI_KEY = 'sk-oai-upstream-secret';
const running = [];
after(async () => {
  await Promise.allSettled(running.map((p) => p.stop()));
});

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ask = (model, content, extra = {}) => ({
  model,
  max_tokens: 1024,
  messages: [{ role: 'user', content }],
  ...extra,
});

async function errorOf(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

async function events(stream) {
  const out = [];
  for await (const event of stream) out.push(event);
  return out;
}
const textOf = (evs) =>
  evs.filter((e) => e.type === 'content_block_delta' && e.delta.type === 'text_delta').map((e) => e.delta.text).join('');

let gw;
let client;

before(async () => {
  const antMock = await startMock({ threads: 1, apiKey: ANT_KEY });
  running.push(antMock);
  const oaiMock = await startMock({ threads: 1, apiKey: OAI_KEY });
  running.push(oaiMock);
  gw = await startSluice({
    configYaml: `
providers:
  claude: { type: anthropic, api_base: "http://127.0.0.1:${antMock.port}/v1", api_key: "${ANT_KEY}" }
  oai: { type: openai_compatible, api_base: "http://127.0.0.1:${oaiMock.port}/v1", api_key: "${OAI_KEY}" }
models:
  - name: claude-sonnet-4-5
    deployments: [ { provider: claude, model: claude-sonnet-4-5-20250929 } ]
  - name: gpt-4o-mini
    deployments: [ { provider: oai, model: gpt-4o-mini } ]
`,
  });
  running.push(gw);
  client = new Anthropic({ baseURL: gw.url, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
});

for (const [label, model] of [
  ['anthropic upstream (relayed)', 'claude-sonnet-4-5'],
  ['openai upstream (translated)', 'gpt-4o-mini'],
]) {
  describe(`/v1/messages -> ${label}`, { timeout: 60000 }, () => {
    test('message', async () => {
      const msg = await client.messages.create(ask(model, 'hello messages', { system: 'be brief' }));
      assert.equal(msg.type, 'message');
      assert.equal(msg.role, 'assistant');
      assert.equal(msg.content[0].type, 'text');
      assert.equal(msg.content[0].text, 'echo: hello messages');
      assert.equal(msg.stop_reason, 'end_turn');
      assert.equal(msg.usage.output_tokens, 3);
      assert.ok(msg.usage.input_tokens >= 1);
    });

    test('stream: event sequence and text', async () => {
      const evs = await events(await client.messages.create(ask(model, 'stream the messages api', { stream: true })));
      assert.equal(evs[0].type, 'message_start');
      assert.equal(evs.at(-1).type, 'message_stop');
      assert.equal(textOf(evs), 'echo: stream the messages api');
      const delta = evs.find((e) => e.type === 'message_delta');
      assert.equal(delta.delta.stop_reason, 'end_turn');
      assert.equal(delta.usage.output_tokens, 5);
      const starts = evs.filter((e) => e.type === 'content_block_start').length;
      const stops = evs.filter((e) => e.type === 'content_block_stop').length;
      assert.equal(starts, stops);
    });

    test('stream helper gives the final message', async () => {
      const final = await client.messages.stream(ask(model, 'helper please')).finalMessage();
      assert.equal(final.content[0].text, 'echo: helper please');
    });

    test('tool use round trip', async () => {
      const first = await client.messages.create(ask(model, 'weather in Oslo', { tools: [weatherTool] }));
      assert.equal(first.stop_reason, 'tool_use');
      const use = first.content.find((b) => b.type === 'tool_use');
      assert.equal(use.name, 'get_weather');
      assert.deepEqual(use.input, { echo: 'weather in Oslo' });
      const second = await client.messages.create({
        model,
        max_tokens: 1024,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'weather in Oslo' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'snow, -3C' }] },
        ],
      });
      assert.equal(second.content.find((b) => b.type === 'text').text, 'tool result: snow, -3C');
    });

    test('upstream 429 reaches the SDK as a RateLimitError in Anthropic shape', async () => {
      const err = await errorOf(client.messages.create(ask(model, `x ${directive({ status: 429, retry_after: 2 })}`)));
      assert.ok(err instanceof Anthropic.RateLimitError, err.constructor.name);
      assert.equal(err.status, 429);
      assert.equal(err.error?.type, 'error');
      assert.equal(err.error?.error?.type, 'rate_limit_error');
    });
  });
}

describe('/v1/messages gateway errors', () => {
  test('unknown model -> 404 in Anthropic shape', async () => {
    const err = await errorOf(client.messages.create(ask('no-such-model', 'hi')));
    assert.equal(err.status, 404);
    assert.equal(err.error?.type, 'error');
    assert.equal(err.error?.error?.type, 'not_found_error');
    assert.match(err.error?.error?.message, /no-such-model/);
  });

  test('an invalid role reaches a Claude-style caller with Anthropic wording', async () => {
    const res = await fetch(`${gw.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'a' }, { role: 'system', content: 'b' }],
      }),
    });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.type, 'error');
    assert.equal(body.error.message, "messages.1.role: Input should be 'user' or 'assistant'");
  });

  test('secrets never reach the caller', async () => {
    const err = await errorOf(client.messages.create(ask('gpt-4o-mini', `x ${directive({ status: 500 })}`)));
    const text = JSON.stringify(err.error ?? {}) + err.message;
    assert.ok(!text.includes(ANT_KEY) && !text.includes(OAI_KEY));
  });

  test('count_tokens is relayed for an anthropic model', async () => {
    const res = await client.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'count these words' }] });
    assert.ok(res.input_tokens >= 1);
  });
});
