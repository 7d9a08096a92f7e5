// Drives mock_provider's Anthropic Messages mode directly with the official @anthropic-ai/sdk:
// message shape, streaming events, tool use, Anthropic error bodies and the faults.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';

import { directive, startMock } from './harness.js';

let mock;
let client;

before(async () => {
  mock = await startMock();
  // The SDK appends /v1/messages itself.
  client = new Anthropic({ baseURL: mock.url, apiKey: 'sk-ant-test', maxRetries: 0, timeout: 10000 });
});

after(async () => {
  if (mock) assert.equal(await mock.stop(), 0, 'mock exits 0 on SIGTERM');
});

const tokensFor = (text) => Math.max(1, Math.ceil(Buffer.byteLength(text) / 4));
const user = (content) => ({ role: 'user', content });
const ask = (content, extra = {}) => ({ model: 'claude-mock', max_tokens: 1024, messages: [user(content)], ...extra });

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const timeTool = { name: 'get_time', input_schema: { type: 'object', properties: {} } };

// POSTs a raw body to /v1/messages (for what the SDK will not send) and returns status, headers, JSON.
async function rawMessages(body, headers = { 'anthropic-version': '2023-06-01' }) {
  const res = await fetch(`${mock.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

// Collects the raw events of create({stream: true}).
async function collect(stream) {
  const events = [];
  for await (const event of stream) events.push(event);
  return events;
}

const textDeltas = (events) =>
  events.filter((e) => e.type === 'content_block_delta' && e.delta.type === 'text_delta').map((e) => e.delta.text);

// Asserts that `promise` rejects with an SDK error of `cls`, `status` and Anthropic error `type`.
async function rejectsWith(promise, cls, status, type) {
  const err = await promise.then(
    () => assert.fail('expected an error'),
    (e) => e,
  );
  assert.ok(err instanceof cls, `${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.status, status);
  assert.equal(err.type, type);
  assert.equal(err.error.type, 'error');
  assert.match(err.requestID, /^req_/);
  return err;
}

describe('messages.create', () => {
  test('text reply echoes the last user message, with Anthropic usage', async () => {
    const res = await client.messages.create(ask('hello world'));
    assert.match(res.id, /^msg_mock/);
    assert.equal(res.type, 'message');
    assert.equal(res.role, 'assistant');
    assert.equal(res.model, 'claude-mock');
    assert.deepEqual(res.content, [{ type: 'text', text: 'echo: hello world' }]);
    assert.equal(res.stop_reason, 'end_turn');
    assert.equal(res.stop_sequence, null);
    assert.deepEqual(res.usage, {
      input_tokens: tokensFor('hello world'),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 3,
    });
    assert.match(res._request_id, /^req_mock/);
  });

  test('system blocks and every turn count; text blocks concatenate; directive stripped', async () => {
    const res = await client.messages.create({
      model: 'claude-mock',
      max_tokens: 100,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [
        user('first question'),
        { role: 'assistant', content: 'first answer' },
        user([
          { type: 'text', text: 'second ' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'text', text: `question ${directive({ latency_ms: 1 })}` },
        ]),
      ],
      temperature: 0.5,
      metadata: { user_id: 'u1' },
    });
    assert.equal(res.content[0].text, 'echo: second question');
    const bytes = `You are terse.first questionfirst answersecond question ${directive({ latency_ms: 1 })}`;
    assert.equal(res.usage.input_tokens, tokensFor(bytes));
  });

  test('stop_sequences cut the text; max_tokens truncates to that many pieces', async () => {
    const stopped = await client.messages.create(ask('alpha beta STOP gamma', { stop_sequences: ['STOP', 'gamma'] }));
    assert.equal(stopped.content[0].text, 'echo: alpha beta ');
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, 'STOP');

    const capped = await client.messages.create(ask('one two three four', { max_tokens: 2 }));
    assert.equal(capped.content[0].text, 'echo: one ');
    assert.equal(capped.stop_reason, 'max_tokens');
    assert.equal(capped.usage.output_tokens, 2);
  });

  test('beta path (?beta=true) and count_tokens', async () => {
    const res = await client.beta.messages.create({ ...ask('beta hi'), betas: ['context-management-2025-06-27'] });
    assert.equal(res.content[0].text, 'echo: beta hi');
    const counted = await client.messages.countTokens({ model: 'claude-mock', system: 'sys', messages: [user('hello world')] });
    assert.deepEqual(counted, { input_tokens: tokensFor('syshello world') });
  });
});

describe('streaming', () => {
  test('create({stream: true}) yields Anthropic events in order', async () => {
    const stream = await client.messages.create(ask('one two three', { stream: true }));
    const events = await collect(stream);
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ],
    );
    const start = events[0].message;
    assert.match(start.id, /^msg_mock/);
    assert.deepEqual(start.content, []);
    assert.equal(start.stop_reason, null);
    assert.equal(start.usage.input_tokens, tokensFor('one two three'));
    assert.deepEqual(events[1].content_block, { type: 'text', text: '' });
    assert.deepEqual(textDeltas(events), ['echo: ', 'one ', 'two ', 'three']);
    assert.deepEqual(events[7].delta, { stop_reason: 'end_turn', stop_sequence: null });
    assert.deepEqual(events[7].usage, { output_tokens: 4 });
  });

  test('messages.stream() helper: text events, final text and usage', async () => {
    const stream = client.messages.stream(ask('streamed hello there'));
    const pieces = [];
    stream.on('text', (text) => pieces.push(text));
    const message = await stream.finalMessage();
    assert.equal(pieces.join(''), 'echo: streamed hello there');
    assert.equal(pieces.length, 4);
    assert.equal(message.content.length, 1);
    assert.equal(message.content[0].type, 'text');
    assert.equal(message.content[0].text, 'echo: streamed hello there');
    assert.equal(await stream.finalText(), 'echo: streamed hello there');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.input_tokens, tokensFor('streamed hello there'));
    assert.equal(message.usage.output_tokens, 4);
  });

  test('raw SSE framing: named events, ping, text/event-stream', async () => {
    const { status, headers, text } = await rawMessages(ask('hi', { stream: true }));
    assert.equal(status, 200);
    assert.match(headers.get('content-type'), /^text\/event-stream/);
    assert.match(headers.get('request-id'), /^req_mock/);
    const names = [...text.matchAll(/^event: (\w+)\ndata: (.*)\n\n/gm)].map((m) => {
      const data = JSON.parse(m[2]);
      assert.equal(data.type, m[1], 'data.type matches the event name');
      return m[1];
    });
    assert.deepEqual(names, [
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  test('chunks=N gives exactly N text deltas; ttft_ms delays the first', async () => {
    const started = Date.now();
    const stream = await client.messages.create(ask(`short ${directive({ chunks: 6, ttft_ms: 60 })}`, { stream: true }));
    const deltas = textDeltas(await collect(stream));
    assert.equal(deltas.length, 6);
    assert.equal(deltas.join(''), 'echo: short lorem lorem lorem lorem');
    assert.ok(Date.now() - started >= 55);
  });
});

describe('tools', () => {
  test('round trip: tool_use, then tool_result', async () => {
    const messages = [user('weather in paris')];
    const first = await client.messages.create({ model: 'claude-mock', max_tokens: 100, tools: [weatherTool, timeTool], messages });
    assert.equal(first.stop_reason, 'tool_use');
    assert.deepEqual(first.content, [
      { type: 'tool_use', id: 'toolu_mock_1', name: 'get_weather', input: { echo: 'weather in paris' } },
    ]);
    assert.equal(first.usage.output_tokens, 4); // 3 input_json pieces + 1, as the OpenAI mode counts

    messages.push({ role: 'assistant', content: first.content });
    messages.push(user([{ type: 'tool_result', tool_use_id: 'toolu_mock_1', content: [{ type: 'text', text: 'sunny, 21C' }] }]));
    const second = await client.messages.create({ model: 'claude-mock', max_tokens: 100, tools: [weatherTool], messages });
    assert.equal(second.stop_reason, 'end_turn');
    assert.deepEqual(second.content, [{ type: 'text', text: 'tool result: sunny, 21C' }]);
  });

  test('tool_choice picks the named tool; none answers with text', async () => {
    const named = await client.messages.create({
      ...ask('what time'),
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'tool', name: 'get_time' },
    });
    assert.equal(named.content[0].name, 'get_time');
    const none = await client.messages.create({ ...ask('no tools'), tools: [weatherTool], tool_choice: { type: 'none' } });
    assert.deepEqual(none.content, [{ type: 'text', text: 'echo: no tools' }]);
  });

  test('streamed tool_use: input_json_delta fragments the SDK assembles', async () => {
    const stream = await client.messages.create({ ...ask('rain in oslo today'), tools: [weatherTool], stream: true });
    const events = await collect(stream);
    assert.deepEqual(events[1].content_block, { type: 'tool_use', id: 'toolu_mock_1', name: 'get_weather', input: {} });
    const fragments = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (assert.equal(e.delta.type, 'input_json_delta'), e.delta.partial_json));
    assert.equal(fragments[0], '');
    assert.ok(fragments.length > 2);
    assert.deepEqual(JSON.parse(fragments.join('')), { echo: 'rain in oslo today' });
    assert.equal(events.at(-2).delta.stop_reason, 'tool_use');

    const helper = client.messages.stream({ ...ask('snow in bern'), tools: [weatherTool] });
    const message = await helper.finalMessage();
    assert.deepEqual(message.content[0].input, { echo: 'snow in bern' });
  });
});

describe('errors', () => {
  test('missing max_tokens -> 400 with Anthropic body', async () => {
    const { status, text } = await rawMessages({ model: 'claude-mock', messages: [user('x')] });
    assert.equal(status, 400);
    const body = JSON.parse(text);
    assert.match(body.request_id, /^req_mock/);
    delete body.request_id;
    assert.deepEqual(body, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
  });

  test('a system role inside messages -> 400 with the exact wording', async () => {
    const err = await rejectsWith(
      client.messages.create({
        model: 'claude-mock',
        max_tokens: 10,
        messages: [user('hi'), { role: 'system', content: 'be brief' }],
      }),
      Anthropic.BadRequestError,
      400,
      'invalid_request_error',
    );
    assert.equal(err.error.error.message, "messages.1.role: Input should be 'user' or 'assistant'");
  });

  test('other validation: no anthropic-version, bad JSON, empty messages, bad temperature', async () => {
    const cases = [
      [rawMessages(ask('x'), {}), 'anthropic-version: header is required'],
      [rawMessages('{not json'), /^The request body is not valid JSON/],
      [rawMessages({ model: 'm', max_tokens: 5, messages: [] }), 'messages: at least one message is required'],
      [rawMessages(ask('x', { temperature: 2 })), 'temperature: Input should be less than or equal to 1'],
    ];
    for (const [pending, message] of cases) {
      const { status, text } = await pending;
      assert.equal(status, 400);
      const body = JSON.parse(text);
      assert.equal(body.error.type, 'invalid_request_error');
      if (message instanceof RegExp) assert.match(body.error.message, message);
      else assert.equal(body.error.message, message);
    }
  });

  test('--api-key: wrong key -> 401 authentication_error; Bearer or x-api-key pass', async () => {
    const keyed = await startMock({ apiKey: 'sk-ant-right' });
    try {
      const wrong = new Anthropic({ baseURL: keyed.url, apiKey: 'sk-ant-wrong', maxRetries: 0 });
      const err = await rejectsWith(wrong.messages.create(ask('x')), Anthropic.AuthenticationError, 401, 'authentication_error');
      assert.equal(err.error.error.message, 'invalid x-api-key');

      const right = new Anthropic({ baseURL: keyed.url, apiKey: 'sk-ant-right', maxRetries: 0 });
      assert.equal((await right.messages.create(ask('ok'))).content[0].text, 'echo: ok');

      const res = await fetch(`${keyed.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'sk-ant-right', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify(ask('via header')),
      });
      assert.equal(res.status, 200);
    } finally {
      assert.equal(await keyed.stop(), 0);
    }
  });

  test('status=529 -> OverloadedError (overloaded_error)', async () => {
    const err = await rejectsWith(
      client.messages.create(ask(`hi ${directive({ status: 529 })}`)),
      Anthropic.OverloadedError,
      529,
      'overloaded_error',
    );
    assert.equal(err.error.error.message, 'Overloaded');
  });

  test('status=429 -> RateLimitError with retry-after', async () => {
    const err = await rejectsWith(
      client.messages.create(ask(directive({ status: 429, retry_after: 7 }))),
      Anthropic.RateLimitError,
      429,
      'rate_limit_error',
    );
    assert.equal(err.headers.get('retry-after'), '7');
  });

  test('status faults map to Anthropic error types, also on streams and via x-mock-* headers', async () => {
    const expected = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 500: 'api_error' };
    for (const [status, type] of Object.entries(expected)) {
      const err = await client.messages
        .create(ask(`x ${directive({ status })}`, { stream: true }))
        .then(() => null, (e) => e);
      assert.equal(err?.status, Number(status));
      assert.equal(err.type, type);
    }
    const viaHeader = await client.messages.create(ask('hi'), { headers: { 'x-mock-status': '503' } }).catch((e) => e);
    assert.equal(viaHeader.status, 503);
    assert.equal(viaHeader.type, 'api_error');
  });
});

describe('stream faults', () => {
  test('error_after_chunks: an error event after N deltas; the SDK stream throws', async () => {
    const stream = await client.messages.create(ask(`a b c d ${directive({ error_after_chunks: 2 })}`, { stream: true }));
    const seen = [];
    const err = await (async () => {
      for await (const event of stream) seen.push(event);
    })().then(
      () => assert.fail('stream should throw'),
      (e) => e,
    );
    assert.ok(err instanceof Anthropic.APIError, String(err));
    assert.equal(err.type, 'overloaded_error');
    assert.deepEqual(textDeltas(seen), ['echo: ', 'a ']);

    const helper = client.messages.stream(ask(`x y z ${directive({ error_after_chunks: 1 })}`));
    await assert.rejects(helper.finalMessage(), (e) => e instanceof Anthropic.APIError && /Overloaded/.test(e.message));
  });

  test('reset_after_chunks: the connection resets mid-stream', async () => {
    const stream = await client.messages.create(ask(`a b c d e ${directive({ reset_after_chunks: 2 })}`, { stream: true }));
    const seen = [];
    await assert.rejects(async () => {
      for await (const event of stream) seen.push(event);
    });
    assert.deepEqual(textDeltas(seen), ['echo: ', 'a ']);
  });

  test('latency_ms delays the head; hang times out the SDK', async () => {
    const started = Date.now();
    await client.messages.create(ask(`slow ${directive({ latency_ms: 80 })}`));
    assert.ok(Date.now() - started >= 75);

    const quick = new Anthropic({ baseURL: mock.url, apiKey: 'k', maxRetries: 0, timeout: 300 });
    await assert.rejects(quick.messages.create(ask(directive({ hang: 1 }))), Anthropic.APIConnectionTimeoutError);
    assert.equal((await client.messages.create(ask('still here'))).content[0].text, 'echo: still here');
  });
});
