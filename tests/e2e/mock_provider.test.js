// Drives mock_provider directly with the official openai SDK: validates the mock's wire
// formats and fault injection, and the harness that starts it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';

import { startMock } from './harness.js';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 10000 });
});

after(async () => {
  if (mock) assert.equal(await mock.stop(), 0, 'mock exits 0 on SIGTERM');
});

test('chat completion echoes the last user message', async () => {
  const res = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello world' }],
  });
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.model, 'gpt-4o-mini');
  assert.equal(res.choices[0].message.role, 'assistant');
  assert.equal(res.choices[0].message.content, 'echo: hello world');
  assert.equal(res.choices[0].finish_reason, 'stop');
  assert.deepEqual(
    [res.usage.prompt_tokens, res.usage.completion_tokens, res.usage.total_tokens],
    [3, 3, 6],
  );
});
