// providers: presets, overrides and every validation rule, with the exact line and key reported.
#include "config/provider_section.h"

#include <gtest/gtest.h>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::fake_env;
using testing::load_error;
using testing::load_ok;

TEST(ConfigProviders, PresetDefaults) {
  Config config = load_ok(R"(providers:
  openai: { type: openai, api_key: sk-1 }
  fast: { type: groq, api_key: gsk }
  local: { type: ollama }
)");
  const ProviderConfig& openai = config.providers.at("openai");
  EXPECT_EQ(openai.name, "openai");
  EXPECT_EQ(openai.type, "openai");
  EXPECT_EQ(openai.family, "openai");
  EXPECT_EQ(openai.api_key, "sk-1");
  EXPECT_TRUE(openai.api_base.tls);
  EXPECT_EQ(openai.api_base.host, "api.openai.com");
  EXPECT_EQ(openai.api_base.port, 443);
  EXPECT_EQ(openai.api_base.base_path, "/v1");
  EXPECT_EQ(openai.auth_header, "authorization");
  EXPECT_TRUE(openai.verify_tls);
  EXPECT_EQ(openai.connect_timeout_ms, 5'000u);
  EXPECT_EQ(openai.first_byte_timeout_ms, 120'000u);
  EXPECT_EQ(openai.idle_timeout_ms, 60'000u);
  EXPECT_TRUE(openai.headers.empty());
  EXPECT_EQ(config.providers.at("fast").api_base.base_path, "/openai/v1");
  const ProviderConfig& local = config.providers.at("local");
  EXPECT_FALSE(local.api_base.tls);
  EXPECT_EQ(local.api_base.host, "127.0.0.1");
  EXPECT_EQ(local.api_base.port, 11434);
  EXPECT_EQ(local.api_key, "");
}

TEST(ConfigProviders, EveryKeyOverrides) {
  Config config = load_ok(R"(providers:
  my-vllm.1:
    type: vllm
    api_base: "https://gpu.internal:8443/v1/"
    api_key: tok
    auth_header: x-api-key
    ca_file: /etc/ssl/private-ca.pem
    verify_tls: false
    connect_timeout_ms: 100
    first_byte_timeout_ms: 200
    idle_timeout_ms: 300
    headers:
      X-Team: ml
      OpenAI-Organization: org-1
)");
  const ProviderConfig& p = config.providers.at("my-vllm.1");
  EXPECT_EQ(p.type, "vllm");
  EXPECT_EQ(p.api_base.host, "gpu.internal");
  EXPECT_EQ(p.api_base.port, 8443);
  EXPECT_EQ(p.api_base.base_path, "/v1");
  EXPECT_EQ(p.api_key, "tok");
  EXPECT_EQ(p.auth_header, "x-api-key");
  EXPECT_EQ(p.ca_file, "/etc/ssl/private-ca.pem");
  EXPECT_FALSE(p.verify_tls);
  EXPECT_EQ(p.connect_timeout_ms, 100u);
  EXPECT_EQ(p.first_byte_timeout_ms, 200u);
  EXPECT_EQ(p.idle_timeout_ms, 300u);
  EXPECT_EQ(p.headers.size(), 2u);
  EXPECT_EQ(p.headers.at("X-Team"), "ml");
  EXPECT_EQ(p.headers.at("OpenAI-Organization"), "org-1");
}

TEST(ConfigProviders, TypeIsRequired) {
  EXPECT_EQ(load_error("providers:\n  a:\n    api_key: x\n"),
            "t.yaml:2: providers.a.type: is required (one of: openai, xai, groq, mistral, "
            "deepseek, together, openrouter, fireworks, anthropic, gemini, azure, vertex, bedrock, "
            "ollama, vllm, llamacpp, "
            "openai_compatible)");
  EXPECT_EQ(load_error("providers:\n  a:\n"),
            "t.yaml:2: providers.a.type: is required (one of: openai, xai, groq, mistral, "
            "deepseek, together, openrouter, fireworks, anthropic, gemini, azure, vertex, bedrock, "
            "ollama, vllm, llamacpp, "
            "openai_compatible)");
}

TEST(ConfigProviders, UnknownTypeListsSupportedTypes) {
  EXPECT_EQ(load_error("providers:\n  a:\n    api_key: x\n    type: cohere\n"),
            "t.yaml:4: providers.a.type: unknown provider type 'cohere' (supported: openai, xai, "
            "groq, mistral, deepseek, together, openrouter, fireworks, anthropic, gemini, azure, "
            "vertex, bedrock, ollama, vllm, "
            "llamacpp, "
            "openai_compatible)");
}

TEST(ConfigProviders, UnknownKey) {
  EXPECT_EQ(load_error("providers:\n  a:\n    type: ollama\n    colour: blue\n"),
            "t.yaml:4: providers.a.colour: unknown key 'colour' (expected one of: type, "
            "api_base, api_key, auth_header, ca_file, verify_tls, connect_timeout_ms, "
            "first_byte_timeout_ms, idle_timeout_ms, headers, api_version, region, "
            "aws_access_key_id, aws_secret_access_key, aws_session_token, project, "
            "credentials_file)");
}

TEST(ConfigProviders, HostedPresetsNeedAKey) {
  EXPECT_EQ(load_error("providers:\n  x:\n    type: xai\n"),
            "t.yaml:2: providers.x.api_key: is required (type xai needs a key)");
  EXPECT_EQ(load_error("providers:\n  x:\n    type: xai\n    api_key: \"\"\n"),
            "t.yaml:4: providers.x.api_key: is empty (type xai needs a key)");
  EXPECT_EQ(
      load_error("providers:\n  x:\n    type: xai\n    api_key: \"${K}\"\n", fake_env({{"K", ""}})),
      "t.yaml:4: providers.x.api_key: is empty (type xai needs a key)");
}

TEST(ConfigProviders, LocalPresetsNeedNoKey) {
  for (const char* type : {"ollama", "vllm", "llamacpp", "openai_compatible"}) {
    Config config = load_ok(std::string("providers:\n  l: { api_base: \"http://h:1/v1\", type: ") +
                            type + " }\n");
    EXPECT_EQ(config.providers.at("l").api_key, "") << type;
  }
}

TEST(ConfigProviders, SelfHostedTypesNeedApiBase) {
  EXPECT_EQ(load_error("providers:\n  gpu:\n    type: vllm\n"),
            "t.yaml:2: providers.gpu.api_base: is required (type vllm has no default)");
  EXPECT_EQ(load_error("providers:\n  c: { type: openai_compatible }\n"),
            "t.yaml:2: providers.c.api_base: is required (type openai_compatible has no default)");
}

TEST(ConfigProviders, BadApiBase) {
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    api_base: \"ftp://h/v1\"\n"),
            "t.yaml:4: providers.o.api_base: scheme must be http or https (e.g. "
            "https://api.example.com/v1)");
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n\n    api_base: \"http://h:99999\"\n"),
            "t.yaml:5: providers.o.api_base: port must be a number from 1 to 65535");
}

TEST(ConfigProviders, ProviderNames) {
  EXPECT_EQ(load_error("providers:\n  ok: { type: ollama }\n  \"a/b\": { type: ollama }\n"),
            "t.yaml:3: providers.a/b: provider names must not contain '/' (it separates "
            "provider/model)");
  EXPECT_EQ(
      load_error("providers:\n  \"a b\": { type: ollama }\n"),
      "t.yaml:2: providers.a b: invalid provider name (use letters, digits, '_', '.' and '-')");
  EXPECT_EQ(load_error("providers:\n  a: { type: ollama }\n  a: { type: ollama }\n"),
            "t.yaml:3: providers.a: duplicate key 'a'");
}

TEST(ConfigProviders, ProviderMustBeAMap) {
  EXPECT_EQ(load_error("providers:\n  a: openai\n"),
            "t.yaml:2: providers.a: expected a map, got a scalar");
  EXPECT_EQ(load_error("providers:\n  - a\n"), "t.yaml:1: providers: expected a map, got a list");
}

TEST(ConfigProviders, VerifyTlsMustBeABoolean) {
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    verify_tls: maybe\n"),
            "t.yaml:4: providers.o.verify_tls: must be true or false");
}

TEST(ConfigProviders, TimeoutsMustBePositive) {
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    connect_timeout_ms: 0\n"),
            "t.yaml:4: providers.o.connect_timeout_ms: must be between 1 and 4294967295");
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    first_byte_timeout_ms: x\n"),
            "t.yaml:4: providers.o.first_byte_timeout_ms: must be a non-negative integer");
}

TEST(ConfigProviders, Headers) {
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    headers:\n      \"Bad Name\": v\n"),
            "t.yaml:5: providers.o.headers.Bad Name: invalid HTTP header name");
  EXPECT_EQ(load_error(
                "providers:\n  o:\n    type: ollama\n    headers:\n      X-A: \"a\\r\\nX-B: b\"\n"),
            "t.yaml:5: providers.o.headers.X-A: header value contains CR, LF or NUL");
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    headers: [a]\n"),
            "t.yaml:4: providers.o.headers: expected a map, got a list");
  EXPECT_EQ(load_error("providers:\n  o:\n    type: ollama\n    auth_header: \"x y\"\n"),
            "t.yaml:4: providers.o.auth_header: invalid HTTP header name");
}

TEST(ConfigProviders, ReadProvidersDirectly) {
  YamlReader reader("direct.yaml", fake_env());
  Located section{YAML::Load("l: { type: llamacpp, api_base: \"http://h:8080\" }"), "providers",
                  "providers", 0};
  auto providers = read_providers(reader, section);
  ASSERT_EQ(providers.size(), 1u);
  EXPECT_EQ(providers.at("l").api_base.port, 8080);
  EXPECT_EQ(providers.at("l").api_base.base_path, "");
}

}  // namespace
}  // namespace sluice::config

namespace sluice::config {
namespace {

TEST(ConfigProviders, AzureNeedsItsResourceUrlAndKeepsApiVersion) {
  EXPECT_EQ(load_error("providers:\n  az:\n    type: azure\n    api_key: k\n"),
            "t.yaml:2: providers.az.api_base: is required (type azure has no default)");
  const Config config = load_ok(
      "providers:\n  az:\n    type: azure\n    api_key: k\n"
      "    api_base: https://res.openai.azure.com\n    api_version: 2025-01-01-preview\n");
  const ProviderConfig& az = config.providers.at("az");
  EXPECT_EQ(az.family, "openai");
  EXPECT_EQ(az.auth_header, "api-key");
  EXPECT_EQ(az.api_version, "2025-01-01-preview");
}

TEST(ConfigProviders, AwsKeysAreRead) {
  const Config config = load_ok(
      "providers:\n  a:\n    type: openai_compatible\n    api_base: http://h/v1\n"
      "    region: eu-west-1\n    aws_access_key_id: AK\n    aws_secret_access_key: SK\n"
      "    aws_session_token: ST\n");
  const ProviderConfig& a = config.providers.at("a");
  EXPECT_EQ(a.region, "eu-west-1");
  EXPECT_EQ(a.aws_access_key_id, "AK");
  EXPECT_EQ(a.aws_secret_access_key, "SK");
  EXPECT_EQ(a.aws_session_token, "ST");
}

}  // namespace
}  // namespace sluice::config
