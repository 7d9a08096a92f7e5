#include "core/gateway_error.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(GatewayError, MapsClassesToStatuses) {
  EXPECT_EQ(http_status_for(ErrorClass::bad_request), 400);
  EXPECT_EQ(http_status_for(ErrorClass::auth), 401);
  EXPECT_EQ(http_status_for(ErrorClass::not_found), 404);
  EXPECT_EQ(http_status_for(ErrorClass::method_not_allowed), 405);
  EXPECT_EQ(http_status_for(ErrorClass::payload_too_large), 413);
  EXPECT_EQ(http_status_for(ErrorClass::rate_limited), 429);
  EXPECT_EQ(http_status_for(ErrorClass::connection), 502);
  EXPECT_EQ(http_status_for(ErrorClass::overloaded), 503);
  EXPECT_EQ(http_status_for(ErrorClass::timeout), 504);
  EXPECT_EQ(http_status_for(ErrorClass::client_closed), 499);
  EXPECT_EQ(error_class_name(ErrorClass::client_closed), "client_closed");
}

TEST(GatewayError, SerializesOpenAiShape) {
  GatewayError e{ErrorClass::not_found, "The model \"x\" does not exist", "model"};
  EXPECT_EQ(
      e.to_openai_json(),
      R"({"error":{"message":"The model \"x\" does not exist","type":"invalid_request_error",)"
      R"("param":"model","code":"not_found"}})");
  GatewayError passthrough{ErrorClass::bad_request, "bad", "", 422};
  EXPECT_EQ(passthrough.http_status(), 422);
}

}  // namespace
}  // namespace sluice
