// The official openai SDK against Sluice routed to an Anthropic-format upstream (the mock's
// /v1/messages mode): every request and answer is translated both ways by the gateway.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { directive, startMock, startSluice } from './harness.js';

const SECRET = 'sk-ant-mock-secret';
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

describe('openai SDK -> sluice -> anthropic upstream', { timeout: 60000 }, () => {
  let client;

  before(async () => {
    const mock = await startMock({ threads: 1, apiKey: SECRET });
    running.push(mock);
    const gw = await startSluice({
      configYaml: `
providers:
  claude: { type: anthropic, api_base: "http://127.0.0.1:${mock.port}/v1", api_key: "${SECRET}" }
  claude_badkey: { type: anthropic, api_base: "http://127.0.0.1:${mock.port}/v1", api_key: "sk-wrong" }
models:
  - name: smart
    deployments: [ { provider: claude, model: claude-sonnet-4-5 } ]
  - name: smart-badkey
    deployments: [ { provider: claude_badkey, model: claude-sonnet-4-5 } ]
`,
    });
    running.push(gw);
    client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
  });

  test('chat: translated answer with usage', async () => {
    const res = await client.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'system', content: 'be brief' }, ...user('hello claude')],
    });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.choices[0].message.role, 'assistant');
    assert.equal(res.choices[0].message.content, 'echo: hello claude');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.equal(res.usage.completion_tokens, 3);
    assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);
  });

  test('provider/model naming reaches the anthropic provider', async () => {
    const res = await client.chat.completions.create({ model: 'claude/claude-haiku-4-5', messages: user('direct') });
    assert.equal(res.choices[0].message.content, 'echo: direct');
  });

  test('stream: chunks in order with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user('stream through translation'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    assert.equal(text, 'echo: stream through translation');
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'stop'));
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, 4);
  });

  test('stream without include_usage has no usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: 'smart', messages: user('quiet'), stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((c) => !c.usage));
    assert.ok(chunks.every((c) => c.choices.length === 1));
  });

  test('tools round trip: tool_use becomes tool_calls, tool result goes back', async () => {
    const first = await client.chat.completions.create({ model: 'smart', messages: user('weather in Paris'), tools: [weatherTool] });
    const call = first.choices[0].message.tool_calls?.[0];
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'weather in Paris' });
    const second = await client.chat.completions.create({
      model: 'smart',
      tools: [weatherTool],
      messages: [
        ...user('weather in Paris'),
        first.choices[0].message,
        { role: 'tool', tool_call_id: call.id, content: 'sunny, 21C' },
      ],
    });
    assert.equal(second.choices[0].message.content, 'tool result: sunny, 21C');
  });

  test('streamed tool call arrives as tool_calls deltas', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user('weather in Rome'),
      tools: [weatherTool],
      stream: true,
    });
    let name = '';
    let args = '';
    let finish = null;
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta?.tool_calls ?? []) {
        name += tc.function?.name ?? '';
        args += tc.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(JSON.parse(args), { echo: 'weather in Rome' });
    assert.equal(finish, 'tool_calls');
  });

  test('upstream 529 overloaded -> 503, 429 keeps retry-after', async () => {
    const overloaded = await errorOf(
      client.chat.completions.create({ model: 'smart', messages: user(`x ${directive({ status: 529 })}`) }),
    );
    assert.equal(overloaded.status, 503);
    assert.match(overloaded.message, /claude/);
    const limited = await errorOf(
      client.chat.completions.create({ model: 'smart', messages: user(`x ${directive({ status: 429, retry_after: 3 })}`) }),
    );
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
  });

  test('upstream 401 passes through without leaking the key', async () => {
    const err = await errorOf(client.chat.completions.create({ model: 'smart-badkey', messages: user('hi') }));
    assert.equal(err.status, 401);
    assert.ok(!JSON.stringify(err.error ?? {}).includes('sk-wrong'));
    assert.ok(!err.message.includes('sk-wrong'));
  });

  test('an error event mid-stream ends the stream with an error the SDK raises', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user(`one two three four ${directive({ error_after_chunks: 2 })}`),
      stream: true,
    });
    const err = await errorOf((async () => {
      for await (const _ of stream) { /* drain */ }
    })());
    assert.match(String(err.message), /verloaded/);
  });

  test('a malformed 200 (truncated JSON, HTML, HTML for a stream) is a 502 naming the provider', async () => {
    for (const [malformed, stream] of [['truncated_json', false], ['html', false], ['html', true]]) {
      const err = await errorOf(
        client.chat.completions.create({ model: 'smart', messages: user(`x ${directive({ malformed })}`), stream }),
      );
      assert.equal(err.status, 502, `${malformed} stream=${stream}`);
      assert.match(err.message, /claude/);
    }
  });
});
