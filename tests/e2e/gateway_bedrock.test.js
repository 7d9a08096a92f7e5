// The official openai SDK against Sluice routed to a Bedrock provider (the mock's Converse mode):
// requests are translated to Converse, signed with AWS SigV4 (the mock checks the signature),
// and ConverseStream's binary event-stream frames are decoded back into OpenAI chunks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';

import { directive, startMock, startSluice } from './harness.js';

const KEY_ID = 'AKIDMOCKEXAMPLE';
const SECRET = 'mock/secret+KEY0123456789abcdefEXAMPLE';
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
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

describe('openai SDK -> sluice -> bedrock upstream', { timeout: 60000 }, () => {
  let client;

  before(async () => {
    const mock = await startMock({
      threads: 1,
      args: ['--aws-access-key-id', KEY_ID, '--aws-secret-access-key', SECRET],
    });
    running.push(mock);
    const base = `http://127.0.0.1:${mock.port}`;
    const gw = await startSluice({
      configYaml: `
providers:
  aws:
    type: bedrock
    region: us-east-1
    api_base: "${base}"
    aws_access_key_id: "${KEY_ID}"
    aws_secret_access_key: "${SECRET}"
    aws_session_token: "session-token-mock"
  aws_badsecret:
    type: bedrock
    region: us-east-1
    api_base: "${base}"
    aws_access_key_id: "${KEY_ID}"
    aws_secret_access_key: "not-the-secret"
models:
  - name: smart
    deployments: [ { provider: aws, model: "${MODEL}" } ]
  - name: smart-badsecret
    deployments: [ { provider: aws_badsecret, model: "${MODEL}" } ]
`,
    });
    running.push(gw);
    client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-client', maxRetries: 0, timeout: 15000 });
  });

  test('chat: signed, translated answer with usage', async () => {
    const res = await client.chat.completions.create({
      model: 'smart',
      messages: [{ role: 'system', content: 'be brief' }, ...user('hello bedrock')],
    });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.choices[0].message.content, 'echo: hello bedrock');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.equal(res.usage.completion_tokens, 3);
    assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);
  });

  test('stream: event-stream frames become chunks, usage last', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user('stream through the event stream'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    assert.equal(text, 'echo: stream through the event stream');
    assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'stop'));
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, 6);
    assert.ok(last.usage.prompt_tokens > 0);
  });

  test('tools round trip: toolUse becomes tool_calls, the result goes back as toolResult', async () => {
    const first = await client.chat.completions.create({ model: 'smart', messages: user('weather in Paris'), tools: [weatherTool] });
    const call = first.choices[0].message.tool_calls?.[0];
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    assert.equal(call.id, 'tooluse_mock_1');
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

  test('streamed tool use arrives as tool_calls deltas', async () => {
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

  test('a wrong secret is an auth error with AWS message, never the secret', async () => {
    const err = await errorOf(client.chat.completions.create({ model: 'smart-badsecret', messages: user('hi') }));
    assert.ok(err.status === 401 || err.status === 403, `status ${err.status}`);
    assert.match(err.message, /signature we calculated does not match/);
    assert.ok(!err.message.includes('not-the-secret'));
    assert.ok(!JSON.stringify(err.error ?? {}).includes(SECRET));
  });

  test('throttling: 429 with retry-after', async () => {
    const err = await errorOf(
      client.chat.completions.create({ model: 'smart', messages: user(`x ${directive({ status: 429, retry_after: 2 })}`) }),
    );
    assert.equal(err.status, 429);
    assert.equal(err.headers.get('retry-after'), '2');
    assert.match(err.message, /Too many requests/);
  });

  test('upstream 503 is overloaded naming the provider', async () => {
    const err = await errorOf(
      client.chat.completions.create({ model: 'smart', messages: user(`x ${directive({ status: 503 })}`) }),
    );
    assert.equal(err.status, 503);
    assert.match(err.message, /aws/);
  });

  test('a broken CRC mid-stream ends the stream with an error (no hang)', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user(`one two three four ${directive({ bad_crc_after_chunks: 2 })}`),
      stream: true,
    });
    let text = '';
    const err = await errorOf((async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })());
    assert.match(String(err.message), /CRC/);
    assert.match(String(err.message), /aws/);
    assert.equal(text, 'echo: one ');
  });

  test('an exception frame mid-stream ends the stream with the error', async () => {
    const stream = await client.chat.completions.create({
      model: 'smart',
      messages: user(`one two three four ${directive({ error_after_chunks: 2 })}`),
      stream: true,
    });
    const err = await errorOf((async () => {
      for await (const _ of stream) { /* drain */ }
    })());
    assert.match(String(err.message), /interrupted/);
  });

  test('the gateway still serves after the faults', async () => {
    const res = await client.chat.completions.create({ model: 'smart', messages: user('still here') });
    assert.equal(res.choices[0].message.content, 'echo: still here');
  });
});
