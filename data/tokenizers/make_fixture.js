// Generates the tokenizer test fixture with js-tiktoken, the reference implementation, so the
// expected ids and counts in the C++ tests never come from our own code.
// Run: cd data/tokenizers && npm ci && node make_fixture.js
"use strict";

const fs = require("fs");
const path = require("path");
const { Tiktoken } = require("js-tiktoken/lite");

const VOCABULARIES = ["o200k_base", "cl100k_base"];
const OUT = path.join(__dirname, "../../tests/unit/telemetry/tokenizer/fixtures/tokenizer_cases.json");

const encoders = Object.fromEntries(
  VOCABULARIES.map((name) => [name, new Tiktoken(require(`js-tiktoken/ranks/${name}`))]),
);

// Special tokens are plain text for us, so nothing is allowed and nothing is disallowed.
const encode = (name, text) => encoders[name].encode(text, [], []);

const TEXTS = {
  empty: "",
  hello_world: "hello world",
  english:
    "The quick brown fox jumps over the lazy dog. It wasn't the first time; the dog didn't " +
    "seem to mind, and the fox, being a fox, kept jumping until sunset.",
  contractions: "don't I'm we'll they've she'd it's DON'T I'M WE'LL He'S you'Re o'clock",
  capitals: "HELLO World CamelCaseIdentifier XMLHttpRequest iPhone McDonald's",
  numbers: "1234567 3.14159 -42 1,000,000 2024-05-13 0x1F 007 12345678901234567890",
  code_cpp:
    "int main(int argc, char** argv) {\n  for (int i = 0; i < argc; ++i) {\n" +
    '    std::printf("%s\\n", argv[i]);\n  }\n  return 0;\n}\n',
  code_python:
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n\n" +
    "print([fib(i) for i in range(10)])  # 0, 1, 1, 2, ...\n",
  json: '{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi!"}], "n": 1}',
  whitespace: "a   b\n\n\n  c\t\t d   \r\n\r\n e \u00a0 f\u3000g    ",
  trailing_spaces: "line with trailing spaces     \n    \n",
  cjk: "你好，世界！这是一个测试。日本語のテキストも少し。한국어 텍스트도 있습니다.",
  accents: "café naïve résumé Ærøskøbing Ünïcödé façade",
  scripts: "Привет, мир! مرحبا بالعالم שלום עולם नमस्ते दुनिया ສະບາຍດີ Γειά σου κόσμε",
  emoji: "I love 🍕 and 🎉! 👩‍👩‍👧‍👦 family, 🇫🇷 flag, 👍🏽 thumbs, ❤️ heart.",
  special_tokens: "Text with <|endoftext|> and <|fim_prefix|> and <|endofprompt|> inside.",
  url: "See https://example.com/path/to/page?query=value&other=42#fragment for details.",
  long_a: "a".repeat(1500),
  long_spaces: "x" + " ".repeat(1000) + "y",
  long_bang: "!".repeat(700),
  long_ab: "ab".repeat(500),
  long_digits: "1".repeat(100),
  long_word: "Supercalifragilisticexpialidocious".repeat(20),
  base64_blob:
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
};

// Invalid UTF-8, as bytes: what a WHATWG TextDecoder makes of them is what gets tokenized.
const INVALID_HEX = {
  lone_continuation: "61 80 62",
  bad_lead_bytes: "ff fe 68 69",
  truncated_three_byte: "e2 82 20 61",
  truncated_emoji: "f0 9f 98 68 65 6c 6c 6f",
  surrogate: "ed a0 80 61",
  overlong: "c0 af 2f",
  mixed: "48 c3 a9 6c c3 28 6c 6f e2 82 ac",
};

function tokensFor(text) {
  return Object.fromEntries(
    VOCABULARIES.map((name) => {
      const ids = encode(name, text);
      return [name, { ids, count: ids.length }];
    }),
  );
}

// The OpenAI cookbook's estimate, over the same fields count_chat_prompt_tokens reads.
function chatPromptTokens(name, request) {
  const count = (text) => (typeof text === "string" ? encode(name, text).length : 0);
  let total = 0;
  for (const message of request.messages) {
    total += 3 + count(message.role);
    if (typeof message.content === "string") total += count(message.content);
    if (Array.isArray(message.content)) {
      for (const part of message.content) total += count(part.text);
    }
    if (message.name !== undefined) total += 1 + count(message.name);
    for (const call of message.tool_calls ?? []) {
      total += count(call.function.name) + count(call.function.arguments);
    }
  }
  return total + 3;
}

const CHAT_REQUEST = {
  model: "gpt-4o",
  temperature: 0.2,
  messages: [
    { role: "system", content: "You are a helpful assistant. Answer briefly." },
    { role: "user", name: "alice", content: "What's the weather in Paris and in 東京?" },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "get_weather", arguments: '{"city": "Paris", "unit": "celsius"}' },
        },
        {
          id: "call_2",
          type: "function",
          function: { name: "get_weather", arguments: '{"city": "Tokyo"}' },
        },
      ],
    },
    { role: "tool", tool_call_id: "call_1", content: '{"temp": 18, "sky": "cloudy"}' },
    { role: "tool", tool_call_id: "call_2", content: '{"temp": 24, "sky": "clear"}' },
    {
      role: "user",
      content: [
        { type: "text", text: "Also, what is in this picture? 🖼️" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
        { type: "text", text: "Thanks!" },
      ],
    },
  ],
  tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
};

const fixture = {
  generator: `data/tokenizers/make_fixture.js with js-tiktoken ${
    JSON.parse(fs.readFileSync(path.join(__dirname, "node_modules/js-tiktoken/package.json"))).version
  }`,
  cases: Object.entries(TEXTS).map(([name, text]) => ({ name, text, ...tokensFor(text) })),
  invalid_utf8: Object.entries(INVALID_HEX).map(([name, hex]) => {
    const bytes = Buffer.from(hex.replace(/ /g, ""), "hex");
    return { name, hex: hex.replace(/ /g, ""), ...tokensFor(new TextDecoder().decode(bytes)) };
  }),
  chat: {
    request: CHAT_REQUEST,
    ...Object.fromEntries(VOCABULARIES.map((name) => [name, chatPromptTokens(name, CHAT_REQUEST)])),
  },
};

fs.mkdirSync(path.dirname(OUT), { recursive: true });
// One line per id list keeps the file short and its diffs readable.
const text = JSON.stringify(fixture, null, 1).replace(/"ids": \[[\d,\s]*\]/g, (list) =>
  list.replace(/\s+/g, "").replace(":", ": "),
);
fs.writeFileSync(OUT, text + "\n");
console.log(`wrote ${OUT}: ${fixture.cases.length} texts, ${fixture.invalid_utf8.length} invalid`);
