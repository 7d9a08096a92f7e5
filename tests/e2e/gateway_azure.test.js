// The official openai SDK against Sluice routed to an Azure OpenAI upstream (the mock's
// /openai/deployments/... mode): deployment URLs, the api-version query and the api-key header.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { startMock, startSluice } from './harness.js';

const SECRET = 'azure-mock-secret';
const running = [];
after(async () => {
  await Promise.allSettled(running.map((p) => p.stop()));
});

const user = (content) => [{ role: 'user', content }];
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

async function errorOf(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('openai SDK -> sluice -> azure upstream', { timeout: 60000 }, () => {
  let client;
  let mock;

  before(async () => {
    mock = await startMock({ threads: 1, apiKey: SECRET });
    running.push(mock);
    const gw = await startSluice({
      configYaml: `
providers:
  az: { type: azure, api_base: "http://127.0.0.1:${mock.port}", api_key: "${SECRET}", api_version: "2024-10-21" }
  az_badkey: { type: azure, api_base: "http://127.0.0.1:${mock.port}", api_key: "wrong" }
models:
  - name: gpt-4o
    deployments: [ { provider: az, model: my-gpt4o-deployment } ]
  - name: embed
    deployments: [ { provider: az, model: my-embedding-deployment } ]
  - name: gpt-4o-badkey
    deployments: [ { provider: az_badkey, model: my-gpt4o-deployment } ]
`,
    });
    running.push(gw);
    client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
  });

  test('the mock refuses a deployment URL without api-version, and the bearer header', async () => {
    const url = `${mock.url}/openai/deployments/d/chat/completions`;
    const body = JSON.stringify({ model: 'd', messages: user('x') });
    const noVersion = await fetch(url, { method: 'POST', headers: { 'api-key': SECRET, 'content-type': 'application/json' }, body });
    assert.equal(noVersion.status, 404);
    const bearer = await fetch(`${url}?api-version=2024-10-21`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body,
    });
    assert.equal(bearer.status, 401);
  });

  test('chat reaches the deployment', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hello azure') });
    assert.equal(res.choices[0].message.content, 'echo: hello azure');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.ok(res.usage.total_tokens > 0);
  });

  test('stream with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('stream azure'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'echo: stream azure');
    assert.ok(usage.completion_tokens > 0);
  });

  test('tools round trip', async () => {
    const messages = user('weather in Oslo');
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });
    const call = first.choices[0].message.tool_calls[0];
    assert.equal(call.function.name, 'get_weather');
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'cold' });
    const second = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });
    assert.equal(second.choices[0].message.content, 'tool result: cold');
  });

  test('embeddings (SDK default base64)', async () => {
    const res = await client.embeddings.create({ model: 'embed', input: ['one', 'two'] });
    assert.equal(res.data.length, 2);
    assert.ok(res.data[0].embedding.length > 0);
  });

  test('a wrong key is an auth error naming nothing secret', async () => {
    const err = await errorOf(client.chat.completions.create({ model: 'gpt-4o-badkey', messages: user('x') }));
    assert.equal(err.status, 401);
    assert.ok(!JSON.stringify(err.error ?? {}).includes('wrong'), 'the key is not echoed');
  });
});
