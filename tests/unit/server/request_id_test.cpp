#include "server/request_id.h"

#include <gtest/gtest.h>

namespace sluice::server {
namespace {

TEST(RequestId, EchoesSaneIds) { EXPECT_EQ(request_id_for("abc-123_x.y:z"), "abc-123_x.y:z"); }

TEST(RequestId, ReplacesMissingOrUnsafeIds) {
  for (std::string_view bad : {"", "has space", "new\nline", "<script>"}) {
    const std::string id = request_id_for(bad);
    EXPECT_EQ(id.size(), 28u) << bad;
    EXPECT_EQ(id.rfind("req_", 0), 0u) << bad;
  }
  EXPECT_EQ(request_id_for(std::string(129, 'a')).size(), 28u);
  EXPECT_NE(request_id_for(""), request_id_for(""));
}

}  // namespace
}  // namespace sluice::server
