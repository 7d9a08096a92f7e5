// Drives mock_provider directly with the official openai SDK: validates the mock's wire
// formats and fault injection, and the harness that starts it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { directive, startMock } from './harness.js';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 10000 });
});

after(async () => {
  if (mock) assert.equal(await mock.stop(), 0, 'mock exits 0 on SIGTERM');
});

const tokensFor = (text) => Math.max(1, Math.ceil(Buffer.byteLength(text) / 4));

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

// Collects a stream's chunks (an async iterable of chat.completion.chunk objects).
async function collect(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const contentOf = (chunks) => chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');

describe('chat completions', () => {
  test('non-streamed reply echoes the last user message', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello world' }],
    });
    assert.equal(res.object, 'chat.completion');
    assert.match(res.id, /^chatcmpl-/);
    assert.equal(res.model, 'gpt-4o-mini');
    assert.equal(res.choices[0].message.role, 'assistant');
    assert.equal(res.choices[0].message.content, 'echo: hello world');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.deepEqual(
      [res.usage.prompt_tokens, res.usage.completion_tokens, res.usage.total_tokens],
      [3, 3, 6],
    );
  });

  test('prompt tokens count every message; echo uses the last user message', async () => {
    const messages = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: [{ type: 'text', text: 'second ' }, { type: 'text', text: 'question' }] },
    ];
    const res = await client.chat.completions.create({ model: 'm', messages });
    assert.equal(res.choices[0].message.content, 'echo: second question');
    const bytes = 'You are terse.first questionfirst answersecond question';
    assert.equal(res.usage.prompt_tokens, tokensFor(bytes));
  });

  test('stream with include_usage: role chunk, word deltas, finish, usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one two three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    assert.ok(chunks.every((c) => c.id === chunks[0].id && c.object === 'chat.completion.chunk'));
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    const deltas = chunks.slice(1, -2).map((c) => c.choices[0].delta.content);
    assert.deepEqual(deltas, ['echo: ', 'one ', 'two ', 'three']);
    assert.equal(chunks.at(-2).choices[0].finish_reason, 'stop');
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, 4);
    assert.equal(last.usage.prompt_tokens, tokensFor('one two three'));
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
  });

  test('stream without include_usage has no usage and no empty choices', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'just text' }],
      stream: true,
    });
    const chunks = await collect(stream);
    assert.equal(contentOf(chunks), 'echo: just text');
    assert.ok(chunks.every((c) => !('usage' in c)));
    assert.ok(chunks.every((c) => c.choices.length === 1));
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
  });

  test('raw SSE framing matches OpenAI', async () => {
    const res = await fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter(Boolean);
    assert.ok(events.every((e) => e.startsWith('data: ')));
    assert.equal(events.at(-1), 'data: [DONE]');
    assert.ok(text.endsWith('data: [DONE]\n\n'));
  });
});

describe('tools', () => {
  test('round trip: tool call, then tool result', async () => {
    const messages = [{ role: 'user', content: 'weather in Paris' }];
    const first = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    const choice = first.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    const call = choice.message.tool_calls[0];
    assert.equal(call.id, 'call_mock_1');
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'weather in Paris' });

    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: 'sunny, 21C' });
    const second = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    assert.equal(second.choices[0].finish_reason, 'stop');
    assert.equal(second.choices[0].message.content, 'tool result: sunny, 21C');
  });

  test('streamed tool call arrives as OpenAI-style deltas', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'say "quoted" things' }],
      tools: [weatherTool],
      stream: true,
    });
    const chunks = await collect(stream);
    const head = chunks[0].choices[0].delta.tool_calls[0];
    assert.deepEqual(head, {
      index: 0,
      id: 'call_mock_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const fragments = chunks
      .slice(1)
      .flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])
      .map((t) => {
        assert.equal(t.index, 0);
        return t.function.arguments;
      });
    assert.ok(fragments.length > 1);
    assert.deepEqual(JSON.parse(fragments.join('')), { echo: 'say "quoted" things' });
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'tool_calls');
  });

  test('the SDK stream helper assembles the tool call', async () => {
    const runner = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'x y z' }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0].message.tool_calls[0].function.arguments, '{"echo":"x y z"}');
  });

  test('tool_choice none answers with text', async () => {
    const res = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'no tools' }],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    assert.equal(res.choices[0].message.content, 'echo: no tools');
  });
});

describe('embeddings and models', () => {
  test('float embeddings are deterministic unit vectors', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta', 'alpha'],
      encoding_format: 'float',
    });
    assert.equal(res.object, 'list');
    assert.equal(res.data.length, 3);
    res.data.forEach((d, i) => {
      assert.equal(d.object, 'embedding');
      assert.equal(d.index, i);
      assert.equal(d.embedding.length, 8);
      const norm = Math.hypot(...d.embedding);
      assert.ok(Math.abs(norm - 1) < 1e-5, `norm ${norm}`);
    });
    assert.deepEqual(res.data[0].embedding, res.data[2].embedding);
    assert.notDeepEqual(res.data[0].embedding, res.data[1].embedding);
    assert.equal(res.usage.prompt_tokens, tokensFor('alphabetaalpha'));
    assert.equal(res.usage.total_tokens, res.usage.prompt_tokens);
  });

  test('the SDK default (base64) decodes to the same floats; dimensions honoured', async () => {
    const floats = await client.embeddings.create({
      model: 'e',
      input: 'some text',
      dimensions: 16,
      encoding_format: 'float',
    });
    const decoded = await client.embeddings.create({ model: 'e', input: 'some text', dimensions: 16 });
    const a = floats.data[0].embedding;
    const b = Array.from(decoded.data[0].embedding);
    assert.equal(b.length, 16);
    assert.deepEqual(a.map((x) => Math.fround(x)), b);
  });

  test('models list', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes('gpt-4o-mini'));
    assert.ok(ids.includes('text-embedding-3-small'));
  });
});

describe('request errors', () => {
  const post = (body) =>
    fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  test('malformed JSON -> 400 OpenAI error', async () => {
    const res = await post('{"model": "m", "messages": [');
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error.type, 'invalid_request_error');
    assert.ok(body.error.message.length > 0);
    assert.ok('param' in body.error && 'code' in body.error);
  });

  test('missing messages -> 400 naming messages', async () => {
    const res = await post('{"model": "m"}');
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.match(body.error.message, /messages/);
    assert.equal(body.error.param, 'messages');
  });

  test('GET on chat completions -> 405, unknown path -> 404', async () => {
    assert.equal((await fetch(`${mock.url}/v1/chat/completions`)).status, 405);
    assert.equal((await fetch(`${mock.url}/v1/nope`)).status, 404);
  });
});

describe('fault injection', () => {
  for (const status of [400, 401, 429, 500, 503]) {
    test(`directive status=${status} -> SDK APIError ${status}`, async () => {
      await assert.rejects(
        client.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: `hi ${directive({ status })}` }],
        }),
        (err) => {
          assert.ok(err instanceof OpenAI.APIError);
          assert.equal(err.status, status);
          assert.match(err.message, /mock injected error/);
          return true;
        },
      );
    });
  }

  test('429 carries retry-after', async () => {
    const err = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: directive({ status: 429, retry_after: 7 }) }] })
      .catch((e) => e);
    assert.ok(err instanceof OpenAI.RateLimitError);
    assert.equal(err.headers.get('retry-after'), '7');
  });

  test('x-mock-* headers work like directives', async () => {
    const err = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-mock-status': '503' } })
      .catch((e) => e);
    assert.equal(err.status, 503);
  });

  test('directive is stripped from the echo', async () => {
    const res = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: `${directive({ latency_ms: 1 })} clean text` }],
    });
    assert.equal(res.choices[0].message.content, 'echo: clean text');
  });

  test('latency_ms delays the response', async () => {
    const started = Date.now();
    await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: `hi ${directive({ latency_ms: 300 })}` }],
    });
    assert.ok(Date.now() - started >= 290);
  });

  test('chunks=N gives exactly N content chunks, paced by chunk_delay_ms', async () => {
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: `short ${directive({ chunks: 6, chunk_delay_ms: 30, ttft_ms: 50 })}` }],
      stream: true,
    });
    const chunks = await collect(stream);
    const deltas = chunks.map((c) => c.choices[0]?.delta?.content).filter((c) => c);
    assert.equal(deltas.length, 6);
    assert.equal(deltas.join(''), 'echo: short lorem lorem lorem lorem');
    assert.ok(Date.now() - started >= 50 + 5 * 30 - 10);
  });

  test('reset_after_chunks makes the SDK stream throw', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: `a b c d e f ${directive({ reset_after_chunks: 2 })}` }],
      stream: true,
    });
    const seen = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) seen.push(chunk);
    });
    assert.equal(contentOf(seen), 'echo: a ');
  });

  test('error_after_chunks sends an error event the SDK throws', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: `a b c ${directive({ error_after_chunks: 1 })}` }],
      stream: true,
    });
    await assert.rejects(collect(stream), /mock stream error/);
  });

  test('hang never answers; the mock keeps serving others', async () => {
    const quick = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'k', maxRetries: 0, timeout: 300 });
    await assert.rejects(
      quick.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: directive({ hang: 1 }) }] }),
      OpenAI.APIConnectionTimeoutError,
    );
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ok' }] });
    assert.equal(res.choices[0].message.content, 'echo: ok');
  });

  test('aborting a slow stream after the first chunk returns at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const stream = await client.chat.completions.create(
      {
        model: 'm',
        messages: [{ role: 'user', content: `slow ${directive({ chunks: 10, chunk_delay_ms: 3000 })}` }],
        stream: true,
      },
      { signal: controller.signal },
    );
    let seen = 0;
    try {
      for await (const chunk of stream) {
        seen += chunk.choices.length;
        controller.abort();
      }
    } catch (err) {
      assert.ok(err instanceof OpenAI.APIUserAbortError || err.name === 'AbortError', err);
    }
    // Chunks already buffered when abort() ran may still be yielded (opening + first piece).
    assert.ok(seen >= 1 && seen <= 2, `saw ${seen} chunks`);
    assert.ok(Date.now() - started < 2000);
  });

  test('100 concurrent streams each get their own echo', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const stream = await client.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: `prompt number ${i}` }],
          stream: true,
        });
        return contentOf(await collect(stream));
      }),
    );
    results.forEach((content, i) => assert.equal(content, `echo: prompt number ${i}`));
  });
});

describe('process options', () => {
  test('--api-key rejects other keys with 401; CLI fault defaults apply', async () => {
    const keyed = await startMock({ apiKey: 'sk-right', latencyMs: 100 });
    try {
      const wrong = new OpenAI({ baseURL: `${keyed.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
      await assert.rejects(wrong.models.list(), (err) => err.status === 401);
      const right = new OpenAI({ baseURL: `${keyed.url}/v1`, apiKey: 'sk-right', maxRetries: 0 });
      const started = Date.now();
      await right.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
      assert.ok(Date.now() - started >= 95);
    } finally {
      assert.equal(await keyed.stop(), 0);
    }
  });
});
