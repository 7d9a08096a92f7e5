// The official openai SDK (and one @anthropic-ai/sdk call) against Sluice routed to a Gemini
// upstream (the mock's Gemini mode): requests and answers are translated both ways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

import { directive, startMock, startSluice } from './harness.js';

const SECRET = 'AIza-mock-gemini-secret';
const running = [];
after(async () => {
  await Promise.allSettled(running.map((p) => p.stop()));
});

const user = (content) => [{ role: 'user', content }];
const tokens = (bytes) => Math.max(1, Math.ceil(bytes / 4));
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
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

describe('openai SDK -> sluice -> gemini upstream', { timeout: 60000 }, () => {
  let client;
  let gateway;

  before(async () => {
    const mock = await startMock({ threads: 1, apiKey: SECRET });
    running.push(mock);
    gateway = await startSluice({
      configYaml: `
providers:
  gem: { type: gemini, api_base: "http://127.0.0.1:${mock.port}/v1beta", api_key: "${SECRET}" }
  gem_badkey: { type: gemini, api_base: "http://127.0.0.1:${mock.port}/v1beta", api_key: "AIza-wrong" }
models:
  - name: flash
    deployments: [ { provider: gem, model: gemini-2.5-flash } ]
  - name: flash-badkey
    deployments: [ { provider: gem_badkey, model: gemini-2.5-flash } ]
  - name: embed
    deployments: [ { provider: gem, model: text-embedding-004 } ]
`,
    });
    running.push(gateway);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
  });

  test('chat: translated answer with usage', async () => {
    const res = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'system', content: 'be brief' }, ...user('hello gemini')],
    });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.choices[0].message.content, 'echo: hello gemini');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.equal(res.usage.prompt_tokens, tokens('be brief'.length + 'hello gemini'.length));
    assert.equal(res.usage.completion_tokens, 3);
    assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);
  });

  test('provider/model naming reaches the gemini provider', async () => {
    const res = await client.chat.completions.create({ model: 'gem/gemini-2.5-pro', messages: user('direct') });
    assert.equal(res.choices[0].message.content, 'echo: direct');
  });

  test('stream: chunks in order, finish and usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: user('stream through gemini please'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish = null;
    let usage = null;
    let contentChunks = 0;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.delta.content) {
        text += choice.delta.content;
        contentChunks += 1;
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    assert.equal(text, 'echo: stream through gemini please');
    assert.equal(contentChunks, 5);
    assert.equal(finish, 'stop');
    assert.ok(usage, 'usage chunk');
    assert.equal(usage.completion_tokens, 5);
    assert.equal(usage.total_tokens, usage.prompt_tokens + 5);
  });

  test('tools: a functionCall comes back as tool_calls, and the result goes back', async () => {
    const first = await client.chat.completions.create({
      model: 'flash',
      messages: user('weather in Paris?'),
      tools: [weatherTool],
    });
    const call = first.choices[0].message.tool_calls?.[0];
    assert.ok(call, 'a tool call');
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    assert.equal(call.id, 'call_0');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'weather in Paris?' });

    const second = await client.chat.completions.create({
      model: 'flash',
      messages: [
        ...user('weather in Paris?'),
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '18 degrees' },
      ],
      tools: [weatherTool],
    });
    assert.equal(second.choices[0].message.content, 'tool result: 18 degrees');
    assert.equal(second.choices[0].finish_reason, 'stop');
  });

  test('tools streamed: the call arrives whole with its arguments', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: user('stream a call'),
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      stream: true,
    });
    let name = '';
    let args = '';
    let finish = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) continue;
      for (const tc of choice.delta.tool_calls ?? []) {
        if (tc.function?.name) name += tc.function.name;
        if (tc.function?.arguments) args += tc.function.arguments;
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(JSON.parse(args), { echo: 'stream a call' });
    assert.equal(finish, 'tool_calls');
  });

  test('embeddings: float and the SDK default base64 give the same unit vectors', async () => {
    const floats = await client.embeddings.create({
      model: 'embed',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
      dimensions: 16,
    });
    assert.equal(floats.object, 'list');
    assert.equal(floats.data.length, 2);
    assert.equal(floats.data[1].index, 1);
    assert.equal(floats.data[0].embedding.length, 16);
    const norm = Math.hypot(...floats.data[0].embedding);
    assert.ok(Math.abs(norm - 1) < 1e-5, `unit length, got ${norm}`);

    const decoded = await client.embeddings.create({ model: 'embed', input: ['alpha', 'beta'], dimensions: 16 });
    assert.equal(decoded.data.length, 2);
    assert.equal(decoded.data[0].embedding.length, 16);
    for (let i = 0; i < 16; i += 1) {
      assert.ok(Math.abs(decoded.data[0].embedding[i] - floats.data[0].embedding[i]) < 1e-6);
    }
    assert.notDeepEqual(decoded.data[0].embedding, decoded.data[1].embedding);
  });

  test('upstream 429 keeps its status', async () => {
    const err = await errorOf(
      client.chat.completions.create({ model: 'flash', messages: user(`hi ${directive({ status: 429, retry_after: 3 })}`) }),
    );
    assert.equal(err.status, 429);
    assert.match(err.message, /mock injected error/);
  });

  test('upstream 503 is overloaded, naming the provider', async () => {
    const err = await errorOf(
      client.chat.completions.create({ model: 'flash', messages: user(`hi ${directive({ status: 503 })}`) }),
    );
    assert.equal(err.status, 503);
    assert.match(err.message, /provider 'gem'/);
  });

  test('a wrong key is an auth error', async () => {
    const err = await errorOf(client.chat.completions.create({ model: 'flash-badkey', messages: user('hi') }));
    assert.equal(err.status, 401);
    assert.match(err.message, /API key not valid/);
  });

  test('a truncated JSON reply is a 502 naming the provider', async () => {
    const err = await errorOf(
      client.chat.completions.create({ model: 'flash', messages: user(`hi ${directive({ malformed: 'truncated_json' })}`) }),
    );
    assert.equal(err.status, 502);
    assert.match(err.message, /provider 'gem'/);
  });

  test('an error chunk mid-stream ends the stream with an error', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: user(`one two three four ${directive({ error_after_chunks: 2 })}`),
      stream: true,
    });
    let text = '';
    const err = await errorOf(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      })(),
    );
    assert.equal(text, 'echo: one two ');
    assert.match(String(err.message), /overloaded/i);
  });

  test('@anthropic-ai/sdk through /v1/messages to gemini, and count_tokens', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
    const message = await anthropic.messages.create({
      model: 'flash',
      max_tokens: 256,
      system: 'be brief',
      messages: [{ role: 'user', content: 'hi from claude sdk' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.content[0].type, 'text');
    assert.equal(message.content[0].text, 'echo: hi from claude sdk');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, 5);

    const count = await anthropic.messages.countTokens({
      model: 'flash',
      system: 'be brief',
      messages: [{ role: 'user', content: 'count these words' }],
    });
    assert.equal(count.input_tokens, tokens('be brief'.length + 'count these words'.length));
  });
});
