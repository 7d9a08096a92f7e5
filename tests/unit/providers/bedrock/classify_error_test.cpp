#include "providers/bedrock/classify_error.h"

#include <gtest/gtest.h>

namespace sluice::providers::bedrock {
namespace {

struct Case {
  int status;
  std::string body;
  ErrorClass cls;
};

TEST(BedrockClassifyError, Table) {
  const std::vector<Case> cases{
      {429, R"({"message":"Too many requests, please wait before trying again."})",
       ErrorClass::rate_limited},
      {400, R"({"__type":"ThrottlingException","message":"slow down"})", ErrorClass::rate_limited},
      {503, R"({"message":"Bedrock is unable to process your request."})", ErrorClass::overloaded},
      {408, R"({"message":"Model has timed out in processing the request."})", ErrorClass::timeout},
      {403,
       R"({"message":"The request signature we calculated does not match the signature you provided."})",
       ErrorClass::auth},
      {403, R"({"message":"The security token included in the request is invalid."})",
       ErrorClass::auth},
      {403, R"({"Message":"User is not authorized to perform: bedrock:InvokeModel"})",
       ErrorClass::auth},
      {404, R"({"message":"The provided model identifier is invalid."})", ErrorClass::not_found},
      {400, R"({"message":"Malformed input request: extraneous key [foo] is not permitted"})",
       ErrorClass::bad_request},
      {400, R"({"message":"Input is too long for requested model."})", ErrorClass::context_length},
      {400, R"({"message":"prompt is too long: 210000 tokens > 200000 maximum"})",
       ErrorClass::context_length},
      {424, R"({"message":"Received error from model"})", ErrorClass::server},
      {500, R"({"message":"Internal server error"})", ErrorClass::server},
      {502, "<html>bad gateway</html>", ErrorClass::server},
      {400, R"({"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"x"})",
       ErrorClass::auth},
  };
  for (const Case& c : cases) {
    const GatewayError error = classify_error("aws", c.status, "", c.body);
    EXPECT_EQ(error.cls, c.cls) << c.status << " " << c.body;
  }
}

TEST(BedrockClassifyError, KeepsAwsMessageAndStatus) {
  const GatewayError client = classify_error(
      "aws", 403, "",
      R"({"message":"The request signature we calculated does not match the signature you provided."})");
  EXPECT_EQ(client.status, 403);
  EXPECT_EQ(client.message,
            "The request signature we calculated does not match the signature you provided.");
  const GatewayError server = classify_error("aws", 500, "3", R"({"message":"boom"})");
  EXPECT_FALSE(server.status.has_value());
  EXPECT_EQ(server.message, "provider 'aws' returned HTTP 500: boom");
  EXPECT_EQ(server.retry_after, "3");
  const GatewayError html = classify_error("aws", 502, "", "<html>bad gateway</html>");
  EXPECT_EQ(html.message, "provider 'aws' returned HTTP 502: <html>bad gateway</html>");
}

TEST(BedrockClassifyError, ExceptionNamesInAnySpelling) {
  EXPECT_EQ(class_for_exception("ThrottlingException", ErrorClass::server),
            ErrorClass::rate_limited);
  EXPECT_EQ(class_for_exception("throttlingException", ErrorClass::server),
            ErrorClass::rate_limited);
  EXPECT_EQ(class_for_exception("ThrottlingException:http://internal.amazon.com/coral/x",
                                ErrorClass::server),
            ErrorClass::rate_limited);
  EXPECT_EQ(class_for_exception("ResourceNotFoundException", ErrorClass::server),
            ErrorClass::not_found);
  EXPECT_EQ(class_for_exception("", ErrorClass::bad_request), ErrorClass::bad_request);
}

TEST(BedrockClassifyError, StreamErrorsNameTheProviderForItsFaults) {
  const GatewayError server =
      stream_error("aws", "modelStreamErrorException", R"({"message":"Model failed"})");
  EXPECT_EQ(server.cls, ErrorClass::server);
  EXPECT_EQ(server.message,
            "provider 'aws' stream error (modelStreamErrorException): Model failed");
  const GatewayError caller = stream_error("aws", "validationException", R"({"message":"bad"})");
  EXPECT_EQ(caller.cls, ErrorClass::bad_request);
  EXPECT_EQ(caller.message, "bad");
  EXPECT_EQ(stream_error("aws", "throttlingException", "").message, "throttlingException");
}

}  // namespace
}  // namespace sluice::providers::bedrock
