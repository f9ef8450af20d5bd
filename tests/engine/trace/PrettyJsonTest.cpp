#include "trace/PrettyJson.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace memlens {
namespace {

std::string pretty(std::string_view compact) {
  std::string out = "before ";
  appendPrettyJson(out, compact);
  return out;
}

// (Keys sorted: nlohmann sorts what it parses.)
TEST(PrettyJson, LaysOutAsNlohmannDoes) {
  for (const std::string compact :
       {R"({"a":[1,[],{},[true,null]],"b":{"c":"d","e":false},"f":0.5})", R"([])", R"({})",
        R"("x")", R"(12)", R"([[[]]])",
        R"({"more":[",",":","[{"],"text":"a, b: [c] {d} \"e\" \\"})"}) {
    EXPECT_EQ(pretty(compact), "before " + nlohmann::json::parse(compact).dump(1)) << compact;
  }
}

}  // namespace
}  // namespace memlens
