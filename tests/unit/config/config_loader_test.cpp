// load_config_text / load_config_file: defaults, top level, server, storage, YAML and type errors.
#include "config/config_loader.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::load_error;
using testing::load_ok;

TEST(ConfigLoader, EmptyDocumentGivesDefaults) {
  Config config = load_ok("");
  EXPECT_EQ(config.source_path, "t.yaml");
  EXPECT_EQ(config.server.host, "0.0.0.0");
  EXPECT_EQ(config.server.port, 4000);
  EXPECT_EQ(config.server.workers, 0u);
  EXPECT_EQ(config.server.max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(config.server.max_header_bytes, 16u * 1024);
  EXPECT_EQ(config.server.idle_timeout_ms, 60'000u);
  EXPECT_EQ(config.server.shutdown_grace_ms, 10'000u);
  EXPECT_EQ(config.storage.url, "sqlite://sluice.db");
  EXPECT_TRUE(config.providers.empty());
  EXPECT_TRUE(config.models.empty());
}

TEST(ConfigLoader, NullSectionsGiveDefaults) {
  Config config = load_ok("server:\nstorage:\nproviders:\nmodels:\n");
  EXPECT_EQ(config.server.port, 4000);
  EXPECT_TRUE(config.models.empty());
}

TEST(ConfigLoader, ServerKeys) {
  Config config = load_ok(R"(server:
  listen: "[::1]:4100"
  workers: 8
  max_body_bytes: 1048576
  max_header_bytes: 8192
  idle_timeout_ms: 5000
  shutdown_grace_ms: 0
  admin_key: sk-admin-test
)");
  EXPECT_EQ(config.server.host, "::1");
  EXPECT_EQ(config.server.port, 4100);
  EXPECT_EQ(config.server.workers, 8u);
  EXPECT_EQ(config.server.max_body_bytes, 1048576u);
  EXPECT_EQ(config.server.max_header_bytes, 8192u);
  EXPECT_EQ(config.server.idle_timeout_ms, 5000u);
  EXPECT_EQ(config.server.shutdown_grace_ms, 0u);
  EXPECT_EQ(config.server.admin_key, "sk-admin-test");
}

TEST(ConfigLoader, UnknownTopLevelKey) {
  EXPECT_EQ(load_error("server: {}\nredis: { url: x }\n"),
            "t.yaml:2: redis: unknown key 'redis' (expected one of: server, storage, telemetry, "
            "providers, models)");
}

TEST(ConfigLoader, UnknownNestedKey) {
  EXPECT_EQ(load_error("server:\n  listen: \"0.0.0.0:1\"\n  foo: 1\n"),
            "t.yaml:3: server.foo: unknown key 'foo' (expected one of: listen, workers, "
            "max_body_bytes, max_header_bytes, idle_timeout_ms, shutdown_grace_ms, admin_key)");
}

TEST(ConfigLoader, DuplicateKey) {
  EXPECT_EQ(load_error("server:\n  workers: 1\n  workers: 2\n"),
            "t.yaml:3: server.workers: duplicate key 'workers'");
}

TEST(ConfigLoader, TopLevelMustBeAMap) {
  EXPECT_EQ(load_error("- a\n- b\n"), "t.yaml:1: expected a map, got a list");
}

TEST(ConfigLoader, SectionOfTheWrongKind) {
  EXPECT_EQ(load_error("server: 4000\n"), "t.yaml:1: server: expected a map, got a scalar");
  EXPECT_EQ(load_error("models:\n  name: x\n"), "t.yaml:1: models: expected a list, got a map");
}

TEST(ConfigLoader, BadListen) {
  EXPECT_EQ(load_error("server:\n  listen: \"0.0.0.0:0\"\n"),
            "t.yaml:2: server.listen: port must be a number from 1 to 65535");
  EXPECT_EQ(load_error("server:\n  listen: [a]\n"),
            "t.yaml:2: server.listen: expected a string, got a list");
}

TEST(ConfigLoader, NumbersMustBeNonNegativeIntegersInRange) {
  EXPECT_EQ(load_error("server:\n  workers: -1\n"),
            "t.yaml:2: server.workers: must be a non-negative integer");
  EXPECT_EQ(load_error("server:\n\n  workers: 2.5\n"),
            "t.yaml:3: server.workers: must be a non-negative integer");
  EXPECT_EQ(load_error("server:\n  workers: 5000\n"),
            "t.yaml:2: server.workers: must be between 0 and 1024");
  EXPECT_EQ(load_error("server:\n  idle_timeout_ms: 4294967296\n"),
            "t.yaml:2: server.idle_timeout_ms: must be between 1 and 4294967295");
  EXPECT_EQ(load_error("server:\n  max_body_bytes: 0\n"),
            "t.yaml:2: server.max_body_bytes: must be between 1 and 18446744073709551615");
  EXPECT_EQ(load_error("server:\n  max_header_bytes: {a: 1}\n"),
            "t.yaml:2: server.max_header_bytes: expected a string, got a map");
  EXPECT_EQ(load_error("server:\n  shutdown_grace_ms: 99999999999999999999\n"),
            "t.yaml:2: server.shutdown_grace_ms: must be a non-negative integer");
}

TEST(ConfigLoader, StorageUrl) {
  EXPECT_EQ(load_ok("storage: { url: \"postgres://u:p@db/sluice\" }\n").storage.url,
            "postgres://u:p@db/sluice");
  EXPECT_EQ(load_ok("storage: { url: \"postgresql://db/s\" }\n").storage.url, "postgresql://db/s");
  EXPECT_EQ(load_ok("storage: { url: \"sqlite:///var/lib/s.db\" }\n").storage.url,
            "sqlite:///var/lib/s.db");
}

TEST(ConfigLoader, BadStorageUrlIsNotEchoed) {
  std::string message = load_error("storage:\n  url: \"mysql://user:hunter2@db\"\n");
  EXPECT_EQ(message,
            "t.yaml:2: storage.url: must start with sqlite://, postgres:// or postgresql://");
  EXPECT_EQ(load_error("storage:\n  url: \"sqlite://\"\n"),
            "t.yaml:2: storage.url: nothing after the scheme");
  EXPECT_EQ(load_error("storage:\n  url: \"\"\n"), "t.yaml:2: storage.url: is empty");
}

TEST(ConfigLoader, YamlSyntaxErrorHasFileAndLine) {
  EXPECT_EQ(load_error("server:\n  listen: \"0.0.0.0:1\"\nmodels: [a,\n"),
            "t.yaml:4: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(load_error("server:\n  a: b: c\n"), "t.yaml:2: invalid YAML: illegal map value");
}

TEST(ConfigLoader, NonScalarKeyIsAnError) {
  EXPECT_EQ(load_error("server:\n  ? [a]\n  : 1\n"),
            "t.yaml:2: server: keys must be plain strings");
}

TEST(ConfigLoader, FileThatCannotBeRead) {
  const std::string path = "/nonexistent/sluice.yaml";
  auto result = load_config_file(path);
  ASSERT_TRUE(std::holds_alternative<ConfigError>(result));
  EXPECT_EQ(std::get<ConfigError>(result).message,
            path + ": cannot read: " + std::strerror(ENOENT));
}

TEST(ConfigLoader, DirectoryCannotBeRead) {
  auto result = load_config_file(SLUICE_SOURCE_DIR "/examples");
  ASSERT_TRUE(std::holds_alternative<ConfigError>(result));
  EXPECT_EQ(std::get<ConfigError>(result).message,
            std::string(SLUICE_SOURCE_DIR "/examples: cannot read: ") + std::strerror(EISDIR));
}

TEST(ConfigLoader, FileErrorsNameThePath) {
  auto result = load_config_file(SLUICE_SOURCE_DIR "/tests/unit/config/load_config_for_test.h");
  ASSERT_TRUE(std::holds_alternative<ConfigError>(result));
  EXPECT_EQ(std::get<ConfigError>(result).message.rfind(
                SLUICE_SOURCE_DIR "/tests/unit/config/load_config_for_test.h:", 0),
            0u);
}

}  // namespace
}  // namespace sluice::config
