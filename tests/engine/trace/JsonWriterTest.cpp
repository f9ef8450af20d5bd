#include "trace/JsonWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace memlens {
namespace {

// What JsonWriter must match: nlohmann::json's compact dump, invalid UTF-8
// replaced.
std::string nlohmannDump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string writtenString(std::string_view text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

TEST(JsonWriter, EscapesAsNlohmannDoes) {
  EXPECT_EQ(writtenString("a\"b\\c/d\x7f"), R"("a\"b\\c/d)"
                                            "\x7f\"");
  EXPECT_EQ(writtenString("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(writtenString(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(writtenString("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
            "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
  // Each maximal subpart of an ill-formed sequence becomes one U+FFFD.
  EXPECT_EQ(writtenString("\xe2\x82 \xff \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 \xf0\x9f\x98"),
            "\"\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
            "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
            "\xef\xbf\xbd\"");
  for (const std::string text : {"\xe2\x82 \xff \xed\xa0\x80", "\xf0\x9f\x98"}) {
    EXPECT_EQ(writtenString(text), nlohmannDump(text)) << text;
  }
}

// Strings are checked several bytes at a time: every byte that needs an
// escape, at every position of strings of every length up to a few words,
// with every byte after it too.
TEST(JsonWriter, FindsEveryEscapeWhereverItLies) {
  const std::vector<std::string> specials = {
      "\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa9", "\xff", " "};
  for (std::size_t size = 0; size <= 40; ++size) {
    const std::string plain(size, 'a');
    EXPECT_EQ(writtenString(plain), nlohmannDump(plain));
    for (std::size_t at = 0; at < size; ++at) {
      for (const auto& special : specials) {
        std::string text = plain;
        text.replace(at, 1, special);
        ASSERT_EQ(writtenString(text), nlohmannDump(text)) << size << " " << at;
        std::string after = plain;
        after.replace(at, size - at, std::string(size - at, special.front()));
        ASSERT_EQ(writtenString(after), nlohmannDump(after)) << size << " " << at;
      }
    }
  }
}

TEST(JsonWriter, WritesIntegersAtEveryNumberOfDigits) {
  std::vector<std::int64_t> values = {0, std::numeric_limits<std::int64_t>::min(),
                                      std::numeric_limits<std::int64_t>::max()};
  for (std::int64_t power = 1;; power *= 10) {
    for (const std::int64_t v : {power - 1, power, power + 1, 4 * power + 7}) {
      values.push_back(v);
      values.push_back(-v);
    }
    if (power > std::numeric_limits<std::int64_t>::max() / 10) break;
  }
  for (const auto v : values) {
    std::string out;
    JsonWriter(out).integer(v);
    EXPECT_EQ(out, std::to_string(v));
  }
  for (const std::uint64_t v :
       {std::uint64_t{0}, std::uint64_t{99}, std::uint64_t{0x7f0000001000},
        std::uint64_t{10'000'000'000'000'000'000u}, std::numeric_limits<std::uint64_t>::max()}) {
    std::string out;
    JsonWriter(out).unsignedInteger(v);
    EXPECT_EQ(out, std::to_string(v));
  }
}

TEST(JsonWriter, WritesRealsAsNlohmannDoes) {
  for (const double v :
       {0.0, -0.0, 1.0, -3.0, 0.1, 1.5, -2.25, 1e20, 1e-7, 123456789012345.0, 999999999999999.0,
        1e15, 1e15 + 2, -1e15, 4503599627370497.0, 1e300, std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::max(), -std::numeric_limits<double>::min()}) {
    std::string out;
    JsonWriter(out).real(v);
    EXPECT_EQ(out, nlohmannDump(v)) << v;
  }
}

TEST(JsonWriter, SeparatesNestedObjectsAndArrays) {
  std::string out;
  {
    JsonWriter json(out);
    json.beginObject();
    json.key<"a">().beginArray();
    json.integer(1);
    json.beginArray();
    json.endArray();
    json.beginObject();
    json.endObject();
    json.beginArray();
    json.boolean(true);
    json.null();
    json.endArray();
    json.endArray();
    json.key<"b">().beginObject();
    json.key<"c">().string("d");
    json.key<"e">().boolean(false);
    json.endObject();
    json.key<"f">().real(0.5);
    json.endObject();
  }
  EXPECT_EQ(out, R"({"a":[1,[],{},[true,null]],"b":{"c":"d","e":false},"f":0.5})");
  EXPECT_EQ(out, nlohmannDump(nlohmann::json::parse(out)));
}

TEST(JsonWriter, ValuesOutsideAnyObjectOrArrayGetNoSeparator) {
  std::string out;
  {
    JsonWriter json(out);
    json.integer(1);
    json.beginArray();
    json.endArray();
    json.string("x");
  }
  EXPECT_EQ(out, R"(1[]"x")");
}

TEST(JsonWriter, TextReachesTheStringWhenFlushedOrDestroyed) {
  std::string out = "before ";
  {
    JsonWriter json(out);
    json.beginArray();
    json.integer(7);
    EXPECT_EQ(out, "before ") << "appended before a flush";
    json.flush();
    EXPECT_EQ(out, "before [7");
    json.string("x");
    json.endArray();
  }
  EXPECT_EQ(out, R"(before [7,"x"])") << "the destructor flushes";
}

// Much more text than the writer's buffer holds, in small pieces and in one
// string, arrives whole and in order.
TEST(JsonWriter, TextLongerThanItsBufferArrivesWhole) {
  std::string expected = "[";
  std::string out;
  const std::string longText(100'000, 'x');
  {
    JsonWriter json(out);
    json.beginArray();
    for (int i = 0; i < 20'000; ++i) {
      json.integer(i);
      expected += std::to_string(i) + ",";
      if (i % 5'000 == 0) {
        json.string(longText + "\n" + longText);
        expected += "\"" + longText + "\\n" + longText + "\",";
      }
    }
    json.endArray();
  }
  expected.back() = ']';
  EXPECT_EQ(out, expected);
}

}  // namespace
}  // namespace memlens
