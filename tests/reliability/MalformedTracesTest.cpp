// Malformed trace files, each with the message it must give. A trace comes
// from anywhere; reading one may fail, but only with a TraceFormatError that
// says where and why, never a crash, a hang or an exhausted machine.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "trace/TraceJson.h"
#include "trace/TraceLimits.h"

namespace memlens {
namespace {

// One step that made a tensor: every kind of record a trace holds.
const std::string kValid =
    R"j({"format":"memlens-trace","version":1,"torch_version":"1.13.0","steps":[)j"
    R"j({"code":"x = torch.ones(2)","error":null,"events":[{"action":"alloc","bytes":8,)j"
    R"j("device":"cpu","op":"aten::empty","ptr":4096,"storage":1,"top_op":"aten::ones",)j"
    R"j("total_allocated":8}],"freed":[],"kind":["new"],"line":2,"output":"",)j"
    R"j("storages":[{"bytes":8,"device":"cpu","id":1,"internal":false,"ptr":4096,)j"
    R"j("recycled_address":false}],"tensors":[{"device":"cpu","dtype":"float32","id":1,)j"
    R"j("name":"x","offset":0,"requires_grad":false,"shape":[2],"storage":1,"strides":[1],)j"
    R"j("values":[1.0,1.0],"version":0}],"totals":[],"unbound":[]}]})j";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("no '" + from + "' in the sample trace");
  return text.replace(at, from.size(), to);
}

struct MalformedTrace {
  const char* name;
  std::string text;
  const char* message;  // a part of the message
};

void PrintTo(const MalformedTrace& trace, std::ostream* out) {
  *out << trace.name;
}

const MalformedTrace kTraces[] = {
    {"empty", "", "not valid JSON at byte 0: the text ends before the trace is complete"},
    {"truncated", kValid.substr(0, kValid.size() / 2), "before the trace is complete"},
    {"truncated_in_a_string", kValid.substr(0, 30), "before the trace is complete"},
    {"not_json", "hello", "not valid JSON at byte 1"},
    {"trailing_garbage", kValid + " {}", "not valid JSON at byte"},
    {"nan_literal", replaced(kValid, "1.0,1.0", "NaN,1.0"), "not valid JSON"},
    {"number_overflow",
     replaced(kValid, R"j("ptr":4096,"storage")j", R"j("ptr":9e3830243520,"storage")j"),
     "not a readable JSON value: [json.exception.out_of_range.406] number overflow"},
    {"top_level_array", "[1, 2]", "expected a JSON object at the top level"},
    {"missing_format", replaced(kValid, R"j("format":"memlens-trace",)j", ""),
     "missing field \"format\""},
    {"other_format", replaced(kValid, "memlens-trace", "chrome-trace"),
     "expected \"memlens-trace\", got \"chrome-trace\""},
    {"newer_version", replaced(kValid, R"j("version":1)j", R"j("version":2)j"),
     "this MemLens reads trace version 1, the file is version 2"},
    {"version_as_string", replaced(kValid, R"j("version":1)j", R"j("version":"1")j"),
     "version: expected an integer"},
    {"steps_not_an_array", replaced(kValid, R"j("steps":[)j", R"j("steps":"none","rest":[)j"),
     "steps: expected an array"},
    {"line_as_string", replaced(kValid, R"j("line":2)j", R"j("line":"2")j"),
     "steps[0].line: expected an integer"},
    {"line_out_of_range", replaced(kValid, R"j("line":2)j", R"j("line":99999999999)j"),
     "steps[0].line: integer out of range"},
    {"unknown_kind", replaced(kValid, R"j(["new"])j", R"j(["teleport"])j"),
     "unknown step kind \"teleport\""},
    {"unknown_action", replaced(kValid, R"j("action":"alloc")j", R"j("action":"leak")j"),
     "expected \"alloc\" or \"free\", got \"leak\""},
    {"negative_pointer", replaced(kValid, R"j("ptr":4096,"storage")j", R"j("ptr":-1,"storage")j"),
     "events[0].ptr: expected a non-negative integer"},
    {"strides_mismatch", replaced(kValid, R"j("strides":[1])j", R"j("strides":[1,1])j"),
     "shape and strides differ in length"},
    {"complex_with_three_parts", replaced(kValid, "1.0,1.0", "[1.0,2.0,3.0],1.0"),
     "a complex value is [real, imaginary]"},
    {"missing_error", replaced(kValid, R"j("error":null,)j", ""), "missing field \"error\""},
    {"invalid_utf8", replaced(kValid, "x = torch", "x = \xff torch"),
     "not UTF-8 text: invalid byte at byte"},
    {"overlong_utf8", replaced(kValid, "x = torch", "x = \xc0\xaf torch"), "not UTF-8 text"},
    {"surrogate_utf8", replaced(kValid, "x = torch", "x = \xed\xa0\x80 torch"), "not UTF-8 text"},
    {"utf16", std::string("\xff\xfe{\0}\0", 6), "not UTF-8 text: invalid byte at byte 0 (line 1)"},
    {"deeply_nested", std::string(100000, '[') + std::string(100000, ']'),
     "nested more than 256 levels deep at byte 256"},
    {"deeply_nested_substeps",
     replaced(kValid, R"j("unbound":[])j",
              R"j("unbound":[],"substeps":)j" + std::string(300, '[') + std::string(300, ']')),
     "nested more than 256 levels deep"},
};

class MalformedTraces : public testing::TestWithParam<MalformedTrace> {};

TEST_P(MalformedTraces, AreRejectedWithTheirMessage) {
  const MalformedTrace& trace = GetParam();
  try {
    readTraceJson(trace.text);
    FAIL() << "read without error";
  } catch (const TraceFormatError& e) {
    EXPECT_NE(std::string(e.what()).find(trace.message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Table, MalformedTraces, testing::ValuesIn(kTraces),
                         [](const testing::TestParamInfo<MalformedTrace>& param) {
                           return std::string(param.param.name);
                         });

TEST(MalformedTraces, TableHasAtLeastTwenty) {
  EXPECT_GE(std::size(kTraces), 20u);
}

TEST(MalformedTraces, TheSampleItselfReads) {
  const Trace trace = readTraceJson(kValid);
  ASSERT_EQ(trace.steps.size(), 1u);
  EXPECT_EQ(trace.steps[0].tensors.at(0).name, "x");
}

TEST(MalformedTraces, OversizedFileIsRejectedBeforeItIsRead) {
  const auto path = std::filesystem::temp_directory_path() / "memlens-oversized-trace.json";
  { std::ofstream(path) << "{"; }
  std::filesystem::resize_file(path, kMaxTraceBytes + 1);  // sparse: no disk used
  try {
    readTraceFile(path);
    ADD_FAILURE() << "read without error";
  } catch (const TraceFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("MemLens reads traces up to 1024 MiB"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace memlens
