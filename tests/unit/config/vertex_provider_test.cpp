// type: vertex: project, region and credentials_file are required, the key file is validated at
// load, and api_base is derived from region and project.
#include "config/vertex_provider.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../testing/rsa_test_key.h"
#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::load_error;
using testing::load_ok;
namespace fs = std::filesystem;

// A key file in a fresh temp dir, removed with the fixture.
class VertexConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-vertex-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    key_file_ = write("sa.json", sluice::testing::service_account_json());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // A vertex provider with `extra` lines (each "    key: value\n") after the type.
  static std::string provider(const std::string& extra) {
    return "providers:\n  v:\n    type: vertex\n" + extra;
  }

  fs::path dir_;
  std::string key_file_;
};

TEST_F(VertexConfig, DerivesApiBaseAndLoadsTheKey) {
  const Config config =
      load_ok(provider("    project: my-proj\n    region: us-central1\n"
                       "    credentials_file: " +
                       key_file_ + "\n"));
  const ProviderConfig& v = config.providers.at("v");
  EXPECT_EQ(v.family, "gemini");
  EXPECT_EQ(v.api_key, "");
  EXPECT_EQ(v.project, "my-proj");
  EXPECT_EQ(v.region, "us-central1");
  EXPECT_TRUE(v.api_base.tls);
  EXPECT_EQ(v.api_base.host, "us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(v.api_base.base_path, "/v1/projects/my-proj/locations/us-central1");
  EXPECT_EQ(v.service_account.client_email, "sa@proj.iam.gserviceaccount.com");
  EXPECT_EQ(v.service_account.token_url.host, "oauth2.googleapis.com");
}

TEST_F(VertexConfig, GlobalRegionAndExplicitApiBase) {
  const Config global =
      load_ok(provider("    project: p\n    region: global\n"
                       "    credentials_file: " +
                       key_file_ + "\n"));
  EXPECT_EQ(global.providers.at("v").api_base.host, "aiplatform.googleapis.com");
  EXPECT_EQ(global.providers.at("v").api_base.base_path, "/v1/projects/p/locations/global");
  const Config local =
      load_ok(provider("    project: p\n    region: r\n"
                       "    api_base: http://127.0.0.1:9/v1/projects/p\n"
                       "    credentials_file: " +
                       key_file_ + "\n"));
  EXPECT_EQ(local.providers.at("v").api_base.host, "127.0.0.1");
  EXPECT_EQ(local.providers.at("v").api_base.base_path, "/v1/projects/p");
}

TEST_F(VertexConfig, RequiredKeys) {
  EXPECT_EQ(load_error(provider("    region: r\n    credentials_file: " + key_file_ + "\n")),
            "t.yaml:2: providers.v.project: is required (the Google Cloud project id)");
  EXPECT_EQ(load_error(provider("    project: p\n    credentials_file: " + key_file_ + "\n")),
            "t.yaml:2: providers.v.region: is required (e.g. us-central1 or global)");
  EXPECT_EQ(load_error(provider("    project: p\n    region: r\n")),
            "t.yaml:2: providers.v.credentials_file: is required (a service account key JSON "
            "file)");
  EXPECT_EQ(load_error(provider("    project: p\n    region: r\n    credentials_file: \"\"\n")),
            "t.yaml:6: providers.v.credentials_file: is empty");
  EXPECT_EQ(load_error(provider(
                "    project: \"a/b\"\n    region: r\n    credentials_file: " + key_file_ + "\n")),
            "t.yaml:4: providers.v.project: invalid project id");
  EXPECT_EQ(load_error(provider("    project: p\n    region: \"x.evil.com/\"\n"
                                "    credentials_file: " +
                                key_file_ + "\n")),
            "t.yaml:5: providers.v.region: invalid region");
  EXPECT_EQ(load_error(provider("    project: p\n    region: r\n    api_key: k\n"
                                "    credentials_file: " +
                                key_file_ + "\n")),
            "t.yaml:6: providers.v.api_key: type vertex authenticates with credentials_file, "
            "not api_key");
}

TEST_F(VertexConfig, BadKeyFiles) {
  const std::string base = "    project: p\n    region: r\n    credentials_file: ";
  const std::string missing = (dir_ / "nope.json").string();
  EXPECT_EQ(load_error(provider(base + missing + "\n")),
            "t.yaml:6: providers.v.credentials_file: cannot read service account file '" + missing +
                "': No such file or directory");
  const std::string not_json = write("bad.json", "not json");
  EXPECT_EQ(load_error(provider(base + not_json + "\n")),
            "t.yaml:6: providers.v.credentials_file: service account file '" + not_json +
                "' is not valid JSON");
  const std::string no_key =
      write("nokey.json", R"({"client_email":"a@b","token_uri":"https://t/token"})");
  EXPECT_EQ(load_error(provider(base + no_key + "\n")),
            "t.yaml:6: providers.v.credentials_file: service account file '" + no_key +
                "' has no \"private_key\"");
}

TEST_F(VertexConfig, KeyFileFromTheEnvironmentIsNotEchoed) {
  const std::string error = load_error(
      provider("    project: p\n    region: r\n    credentials_file: \"${GOOGLE_KEY}\"\n"),
      testing::fake_env({{"GOOGLE_KEY", (dir_ / "secret-name.json").string()}}));
  EXPECT_EQ(error,
            "t.yaml:6: providers.v.credentials_file: cannot read service account file from the "
            "environment: No such file or directory");
}

}  // namespace
}  // namespace sluice::config
