// type: bedrock: region and AWS keys are required (or a Bedrock api_key), api_base is derived
// from the region.
#include "config/bedrock_provider.h"

#include <gtest/gtest.h>

#include "load_config_for_test.h"

namespace sluice::config {
namespace {

using testing::load_error;
using testing::load_ok;

std::string provider(const std::string& extra) {
  return "providers:\n  aws:\n    type: bedrock\n" + extra;
}

TEST(BedrockConfig, KeysAndDerivedBase) {
  const Config config = load_ok(provider(
      "    region: eu-west-3\n    aws_access_key_id: AKID\n    aws_secret_access_key: s3cr3t\n"
      "    aws_session_token: tok\n"));
  const ProviderConfig& p = config.providers.at("aws");
  EXPECT_EQ(p.family, "bedrock");
  EXPECT_EQ(p.region, "eu-west-3");
  EXPECT_EQ(p.aws_access_key_id, "AKID");
  EXPECT_EQ(p.aws_session_token, "tok");
  EXPECT_TRUE(p.api_base.tls);
  EXPECT_EQ(p.api_base.host, "bedrock-runtime.eu-west-3.amazonaws.com");
  EXPECT_EQ(p.api_base.base_path, "");
}

TEST(BedrockConfig, ExplicitBaseAndBearerKey) {
  const Config config = load_ok(
      provider("    region: us-east-1\n    api_base: http://127.0.0.1:9000\n    api_key: brk\n"));
  EXPECT_EQ(config.providers.at("aws").api_base.host, "127.0.0.1");
}

TEST(BedrockConfig, MissingPiecesAreNamed) {
  EXPECT_NE(load_error(provider("    aws_access_key_id: A\n    aws_secret_access_key: S\n"))
                .find("region"),
            std::string::npos);
  EXPECT_NE(load_error(provider("    region: us-east-1\n")).find("aws_access_key_id"),
            std::string::npos);
  const std::string no_secret =
      load_error(provider("    region: us-east-1\n    aws_access_key_id: A\n"));
  EXPECT_NE(no_secret.find("aws_secret_access_key"), std::string::npos) << no_secret;
  const std::string empty = load_error(provider(
      "    region: us-east-1\n    aws_access_key_id: A\n    aws_secret_access_key: \"\"\n"));
  EXPECT_NE(empty.find("is empty"), std::string::npos) << empty;
  EXPECT_NE(load_error(provider("    region: \"us east\"\n    aws_access_key_id: A\n"
                                "    aws_secret_access_key: S\n"))
                .find("invalid AWS region"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice::config
