#include "providers/bedrock/sigv4.h"

#include <gtest/gtest.h>

namespace sluice::providers::bedrock {
namespace {

// The credentials of AWS's SigV4 test suite.
constexpr std::string_view kKeyId = "AKIDEXAMPLE";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

SigV4Scope suite_scope() {
  return SigV4Scope{kKeyId, kSecret, "us-east-1", "service", "20150830T123600Z"};
}

SigV4Request suite_request(std::string_view method, std::string_view path) {
  return SigV4Request{method,
                      path,
                      {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}},
                      sha256_hex("")};
}

// Expected signatures: AWS's published test-suite values (get-vanilla, post-vanilla,
// get-vanilla-query-order-key-case), re-derived with python3 hmac/hashlib by following the spec.
TEST(SigV4, GetVanilla) {
  const SigV4Result result = sigv4_sign(suite_request("GET", "/"), suite_scope());
  EXPECT_EQ(result.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_TRUE(result.string_to_sign.starts_with(
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"))
      << result.string_to_sign;
  EXPECT_EQ(result.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(result.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4, PostVanilla) {
  EXPECT_EQ(sigv4_sign(suite_request("POST", "/"), suite_scope()).signature,
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SigV4, QueryIsSorted) {
  const auto result =
      sigv4_sign(suite_request("GET", "/?Param2=value2&Param1=value1"), suite_scope());
  EXPECT_NE(result.canonical_request.find("\nParam1=value1&Param2=value2\n"), std::string::npos);
  EXPECT_EQ(result.signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4, HeadersAreLowercasedTrimmedSortedAndJoined) {
  SigV4Request request = suite_request("GET", "/");
  request.headers.emplace_back("My-Header1", "  a   b  c ");
  request.headers.emplace_back("my-header1", "d");
  const auto result = sigv4_sign(request, suite_scope());
  EXPECT_NE(result.canonical_request.find("\nmy-header1:a b c,d\nx-amz-date:"), std::string::npos)
      << result.canonical_request;
  EXPECT_EQ(result.signed_headers, "host;my-header1;x-amz-date");
}

TEST(SigV4, PathSegmentsAreEncodedTwice) {
  EXPECT_EQ(uri_encode_segment("anthropic.claude-3-5-sonnet-20240620-v1:0"),
            "anthropic.claude-3-5-sonnet-20240620-v1%3A0");
  EXPECT_EQ(uri_encode_segment("a/b c~"), "a%2Fb%20c~");
  EXPECT_EQ(canonical_uri("/model/anthropic.claude-v2%3A1/converse"),
            "/model/anthropic.claude-v2%253A1/converse");
  EXPECT_EQ(canonical_uri(""), "/");
  EXPECT_EQ(canonical_uri("/"), "/");
}

TEST(SigV4, AmzDate) {
  // 2024-07-01T12:00:00Z
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1719835200));
  EXPECT_EQ(amz_date(when), "20240701T120000Z");
}

// A Bedrock Converse call with a session token, derived independently with python3
// (hmac/hashlib/urllib.parse; the script is the spec's steps, written from the AWS docs).
TEST(SigV4, BedrockConverseFixedVector) {
  const std::string body = R"({"messages":[{"role":"user","content":[{"text":"Hello"}]}]})";
  const std::string hash = sha256_hex(body);
  ASSERT_EQ(hash, "7421da8d1a0949a481724fee62d5886aacde03836bf58248adb73e8b61ac0d54");
  const std::string path =
      "/model/" + uri_encode_segment("anthropic.claude-3-5-sonnet-20240620-v1:0") + "/converse";
  SigV4Request request{"POST",
                       path,
                       {{"host", "bedrock-runtime.us-east-1.amazonaws.com"},
                        {"x-amz-date", "20240701T120000Z"},
                        {"x-amz-content-sha256", hash},
                        {"x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN"}},
                       hash};
  const SigV4Scope scope{kKeyId, kSecret, "us-east-1", "bedrock", "20240701T120000Z"};
  const SigV4Result result = sigv4_sign(request, scope);
  EXPECT_EQ(result.canonical_request,
            "POST\n/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse\n\n"
            "host:bedrock-runtime.us-east-1.amazonaws.com\nx-amz-content-sha256:" +
                hash +
                "\nx-amz-date:20240701T120000Z\nx-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN\n\n"
                "host;x-amz-content-sha256;x-amz-date;x-amz-security-token\n" +
                hash);
  EXPECT_EQ(result.signature, "6b2e56b456eebbb261aa40b2e936e6edda5804db8c33d8470537f7bff2393ec3");
}

TEST(SigV4, BedrockArnModelIdVector) {
  const std::string arn =
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
      "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
  const std::string path = "/model/" + uri_encode_segment(arn) + "/converse-stream";
  EXPECT_EQ(path,
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus."
            "anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
  const std::string hash = sha256_hex("{}");
  SigV4Request request{"POST",
                       path,
                       {{"host", "bedrock-runtime.us-west-2.amazonaws.com"},
                        {"x-amz-date", "20240701T120000Z"},
                        {"x-amz-content-sha256", hash}},
                       hash};
  const SigV4Scope scope{kKeyId, kSecret, "us-west-2", "bedrock", "20240701T120000Z"};
  EXPECT_EQ(sigv4_sign(request, scope).signature,
            "3abbe2b1f03ae1f4e26e7e3d84f0d39b150f2f423b7b5c1dd11cfc5a0761f131");
}

}  // namespace
}  // namespace sluice::providers::bedrock
