#include "api/admin/query_params.h"

#include <gtest/gtest.h>

namespace sluice::api::admin {
namespace {

TEST(QueryParams, DecodesKnownParameters) {
  QueryParams params;
  EXPECT_FALSE(QueryParams::parse("/admin/spend?group_by=team&from=2026-11-01T00%3A00%3A00Z&to=",
                                  {"group_by", "from", "to"}, params));
  EXPECT_EQ(params.get("group_by"), "team");
  EXPECT_EQ(params.get("from"), "2026-11-01T00:00:00Z");
  EXPECT_TRUE(params.has("to"));
  EXPECT_EQ(params.get("to"), "");
  EXPECT_FALSE(params.has("interval"));
}

TEST(QueryParams, NamesTheUnknownRepeatedOrBrokenParameter) {
  QueryParams a, b, c;
  auto unknown = QueryParams::parse("/x?group_by=team&colour=red", {"group_by"}, a);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->param, "colour");
  EXPECT_EQ(unknown->http_status(), 400);
  auto twice = QueryParams::parse("/x?group_by=a&group_by=b", {"group_by"}, b);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->param, "group_by");
  auto broken = QueryParams::parse("/x?group_by=%zz", {"group_by"}, c);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->param, "group_by");
}

}  // namespace
}  // namespace sluice::api::admin
