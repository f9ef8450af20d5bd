#include "trace/TraceJson.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "trace/TraceTesting.h"

namespace memlens {
namespace {

using testing::sampleTrace;
using testing::storageRecord;
using testing::tensorRecord;

TEST(TraceJson, RoundTripsEveryField) {
  const Trace trace = sampleTrace();
  EXPECT_EQ(readTraceJson(writeTraceJson(trace)), trace);
  EXPECT_EQ(readTraceJson(writeTraceJson(trace, /*pretty=*/true)), trace);
}

TEST(TraceJson, NotANumberSurvivesAsPythonSpellsIt) {
  Trace trace = sampleTrace();
  trace.steps[0].tensors[0].values =
      std::vector<ElementValue>{std::numeric_limits<double>::quiet_NaN()};
  const std::string json = writeTraceJson(trace);
  EXPECT_NE(json.find("\"nan\""), std::string::npos);
  const Trace back = readTraceJson(json);
  EXPECT_TRUE(std::isnan(std::get<double>(back.steps[0].tensors[0].values->at(0))));
}

TEST(TraceJson, WritesTheContractsFieldNames) {
  const std::string json = writeTraceJson(sampleTrace());
  for (const char* field : {"\"format\":\"memlens-trace\"",
                            "\"version\":1",
                            "\"torch_version\"",
                            "\"steps\"",
                            "\"line\"",
                            "\"code\"",
                            "\"kind\":[\"new\"]",
                            "\"output\"",
                            "\"error\":null",
                            "\"tensors\"",
                            "\"unbound\"",
                            "\"storages\"",
                            "\"freed\"",
                            "\"events\"",
                            "\"requires_grad\"",
                            "\"grad_fn\"",
                            "\"values\"",
                            "\"strides\"",
                            "\"offset\"",
                            "\"dtype\"",
                            "\"action\":\"alloc\"",
                            "\"ptr\"",
                            "\"bytes\"",
                            "\"op\":\"aten::empty\"",
                            "\"substeps\"",
                            "\"reserved_bytes\":2097152",
                            "\"segments\":[{\"device\":\"cuda:0\"",
                            "\"allocated_bytes\":512"}) {
    EXPECT_NE(json.find(field), std::string::npos) << field;
  }
}

TEST(TraceJson, TracesFromBeforeReservedMemoryStillRead) {
  Trace trace = sampleTrace();
  trace.steps.pop_back();  // the only step with segments
  std::string json = writeTraceJson(trace);
  EXPECT_EQ(json.find("\"segments\""), std::string::npos) << "written only where there are some";
  const std::string reserved = ",\"reserved_bytes\":0";
  ASSERT_NE(json.find(reserved), std::string::npos);
  for (auto at = json.find(reserved); at != std::string::npos; at = json.find(reserved)) {
    json.erase(at, reserved.size());
  }
  EXPECT_EQ(readTraceJson(json), trace);
}

TEST(TraceJson, TracesFromBeforeGradFnStillRead) {
  const Trace trace = sampleTrace();
  std::string json = writeTraceJson(trace);
  ASSERT_NE(json.find("\"grad_fn\":\"AddBackward0\""), std::string::npos);
  for (const std::string field : {",\"grad_fn\":\"AddBackward0\"", ",\"grad_fn\":null"}) {
    for (auto at = json.find(field); at != std::string::npos; at = json.find(field)) {
      json.erase(at, field.size());
    }
  }
  ASSERT_EQ(json.find("grad_fn"), std::string::npos);
  const Trace read = readTraceJson(json);
  EXPECT_FALSE(read.steps.at(1).tensors.at(0).gradFn);
  EXPECT_EQ(read.steps.at(0), trace.steps.at(0));
}

// Traces keep the bytes nlohmann::json wrote for them (sorted keys, its
// number formats, U+FFFD for invalid UTF-8), compact and pretty.
TEST(TraceJson, WritesTheSameBytesAsEver) {
  Step inner;
  inner.line = 4;
  inner.code = "pass";
  inner.kinds = {StepKind::None};
  Step step;
  step.line = 3;
  step.code = "print(\"a\\\\b\")";
  step.kinds = {StepKind::New, StepKind::Free};
  step.output = "\t\"\xc3\xa9\"\x01\n\xff\xe2\x82 end";
  auto t = tensorRecord("x", 7, 2);
  t.shape = {2, 3};
  t.strides = {3, 1};
  t.dtype = "complex128";
  t.gradFn = "AddBackward0";
  t.values =
      std::vector<ElementValue>{0.1,
                                1e20,
                                -0.0,
                                std::numeric_limits<double>::quiet_NaN(),
                                std::complex<double>(1.0, -std::numeric_limits<double>::infinity()),
                                std::int64_t{-5},
                                true};
  step.tensors.push_back(t);
  step.storages.push_back({2, 0xffffffffffffff00, 96, "cpu", true, false});
  step.events.push_back({MemoryAction::Alloc, 0xffffffffffffff00, 96, "cpu", std::nullopt,
                         "aten::empty", "aten::ones", 96});
  step.error = StepError{"RuntimeError", "boom", 3, 1};
  step.segments.push_back({"cuda:0", {{4096, 2097152, 96}}});
  step.substeps = {inner};
  EXPECT_EQ(
      writeTraceJson(Trace{"1.13.0", {step}}),
      R"j({"format":"memlens-trace","version":1,"torch_version":"1.13.0","steps":[{"calls":[],)j"
      R"j("code":"print(\"a\\\\b\")","error":{"column":1,"line":3,"message":"boom",)j"
      R"j("type":"RuntimeError"},"events":[{"action":"alloc","bytes":96,"device":"cpu",)j"
      R"j("op":"aten::empty","ptr":18446744073709551360,"storage":null,"top_op":"aten::ones",)j"
      R"j("total_allocated":96}],"flows":[],"freed":[],"kind":["new","free"],"line":3,)j"
      "\"output\":\"\\t\\\"\u00e9\\\"\\u0001\\n\ufffd\ufffd end\","
      R"j("segments":[{"device":"cuda:0","segments":[{"allocated_bytes":96,"bytes":2097152,)j"
      R"j("ptr":4096}]}],"storages":[{"bytes":96,"device":"cpu","id":2,"internal":false,)j"
      R"j("ptr":18446744073709551360,"recycled_address":true}],"substeps":[{"calls":[],)j"
      R"j("code":"pass","error":null,"events":[],"flows":[],"freed":[],"kind":["none"],)j"
      R"j("line":4,"output":"","storages":[],"tensors":[],"totals":[],"unbound":[]}],)j"
      R"j("tensors":[{"device":"cpu","dtype":"complex128","grad_fn":"AddBackward0","id":7,)j"
      R"j("name":"x","offset":0,"requires_grad":false,"shape":[2,3],"storage":2,)j"
      R"j("strides":[3,1],"values":[0.1,1e+20,-0.0,"nan",[1.0,"-inf"],-5,true],"version":0}],)j"
      R"j("totals":[],"unbound":[]}]})j"
      "\n");

  Step del;
  del.line = 2;
  del.code = "del x";
  del.kinds = {StepKind::Free};
  del.unbound = {"x"};
  del.freed = {1};
  del.storages.push_back({3, 64, 8, "cpu", false, true});
  EXPECT_EQ(writeTraceJson(Trace{"1.13.0", {inner, del}}, /*pretty=*/true),
            R"j({"format":"memlens-trace","version":1,"torch_version":"1.13.0","steps":[
{
 "calls": [],
 "code": "pass",
 "error": null,
 "events": [],
 "flows": [],
 "freed": [],
 "kind": [
  "none"
 ],
 "line": 4,
 "output": "",
 "storages": [],
 "tensors": [],
 "totals": [],
 "unbound": []
},
{
 "calls": [],
 "code": "del x",
 "error": null,
 "events": [],
 "flows": [],
 "freed": [
  1
 ],
 "kind": [
  "free"
 ],
 "line": 2,
 "output": "",
 "storages": [
  {
   "bytes": 8,
   "device": "cpu",
   "id": 3,
   "internal": true,
   "ptr": 64,
   "recycled_address": false
  }
 ],
 "tensors": [],
 "totals": [],
 "unbound": [
  "x"
 ]
}]}
)j");
}

// Any JSON writer's trace reads: fields in any order, escaped keys, a byte
// order mark, and a repeated field of which the last counts.
TEST(TraceJson, ReadsAnyWritersJson) {
  const Trace trace = readTraceJson(
      "\xEF\xBB\xBF {\"steps\" : [ {\"unbound\":[],\"events\":[],\"freed\":[],\"storages\":[],"
      "\"tensors\":[],\"error\":null,\"output\":\"\\u00e9\\ud83d\\ude00\",\"kind\":[\"none\"],"
      "\"code\":\"x\",\"\\u006cine\":\"one\",\"line\":2,\"future\":{\"a\":[1,{}]}}],"
      "\"torch_version\":\"1.13.0\",\"version\":1,\"format\":\"memlens-trace\"}\n");
  ASSERT_EQ(trace.steps.size(), 1u);
  EXPECT_EQ(trace.steps[0].line, 2);
  EXPECT_EQ(trace.steps[0].output, "\u00e9\U0001F600");
}

void expectError(const std::string& json, const std::string& expected) {
  try {
    readTraceJson(json);
    FAIL() << "accepted: " << json;
  } catch (const TraceFormatError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
}

TEST(TraceJson, MalformedInputGetsSpecificErrors) {
  const std::string head = R"({"format":"memlens-trace","version":1,"torch_version":"1.13")";
  const std::string step =
      R"({"line":1,"code":"x","kind":["none"],"output":"","error":null,"tensors":[],)"
      R"("unbound":[],"storages":[],"freed":[],"events":[]})";
  EXPECT_NO_THROW(readTraceJson(head + R"(,"steps":[)" + step + "]}"));

  try {
    readTraceJson(head + R"(,"steps":[)");
    FAIL();
  } catch (const TraceFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON at byte"), std::string::npos) << e.what();
  }
  expectError("[1,2]", "trace: expected a JSON object at the top level");
  expectError(R"({"format":"other","version":1})",
              "format: expected \"memlens-trace\", got \"other\"");
  expectError(R"({"format":"memlens-trace","version":2})",
              "version: this MemLens reads trace version 1, the file is version 2");
  expectError(head + "}", "trace: missing field \"steps\"");
  expectError(head + R"(,"steps":{}})", "steps: expected an array");
  expectError(head + R"(,"steps":[{"line":"one"}]})", "steps[0].line: expected an integer");
  expectError(head + R"(,"steps":[)" +
                  std::string(step).replace(step.find("[\"none\"]"), 8, "[\"copy\"]") + "]}",
              "steps[0].kind[0]: unknown step kind \"copy\"");
  expectError(head + R"(,"steps":[)" +
                  std::string(step).replace(step.find("\"tensors\":[]"), 12,
                                            R"("tensors":[{"name":"x"}])") +
                  "]}",
              "steps[0].tensors[0]: missing field \"id\"");
  expectError(head + R"(,"steps":[)" +
                  std::string(step).replace(
                      step.find("\"events\":[]"), 11,
                      R"("events":[{"action":"grow","ptr":1,"bytes":1,"device":"cpu","op":""}])") +
                  "]}",
              "steps[0].events[0].action: expected \"alloc\" or \"free\", got \"grow\"");
  expectError(
      head + R"(,"steps":[)" +
          std::string(step).replace(step.find("\"storages\":[]"), 13,
                                    R"("storages":[{"id":1,"ptr":-5,"bytes":1,"device":"cpu"}])") +
          "]}",
      "steps[0].storages[0].ptr: expected a non-negative integer");
}

// Whatever order the problems lie in the text, the one named is the one a
// reader of the whole document names: syntax first, then the fields in a
// fixed order, the header's before the steps'.
TEST(TraceJson, NamesTheProblemAWholeDocumentReaderNames) {
  const std::string step =
      R"({"line":1,"code":"x","kind":["none"],"output":"","error":null,"tensors":[],)"
      R"("unbound":[],"storages":[],"freed":[],"events":[]})";
  expectError(R"({"steps":[{"a version 2 step":true}],"format":"memlens-trace","version":2,)"
              R"("torch_version":"2.0"})",
              "version: this MemLens reads trace version 1, the file is version 2");
  try {
    readTraceJson(R"({"format":"memlens-trace","version":2,"steps":[} )");
    FAIL();
  } catch (const TraceFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON at byte"), std::string::npos) << e.what();
  }
  expectError(R"({"format":"memlens-trace","version":1,"torch_version":"1.13","steps":[)" +
                  std::string(step).replace(step.find("\"line\":1,"), 9, "") + "]}",
              "steps[0]: missing field \"line\"");
  expectError(
      R"({"format":"memlens-trace","version":1,"torch_version":"1.13","steps":[)" +
          std::string(step).replace(step.find("\"line\":1"), 8, R"("kind":["copy"],"line":"1")") +
          "]}",
      "steps[0].line: expected an integer");
}

TEST(TraceJson, FilesAreWrittenAtomicallyAndErrorsNameTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / "memlens-trace-test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "trace.json";
  writeTraceFile(path, sampleTrace());
  EXPECT_EQ(readTraceFile(path), sampleTrace());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename(), "trace.json") << "temporary left behind";
  }
  std::ofstream(path) << "{\"format\": 3}";
  try {
    readTraceFile(path);
    FAIL();
  } catch (const TraceFormatError& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ": format: expected a string");
  }
  EXPECT_THROW(readTraceFile(dir / "missing.json"), TraceFormatError);
  EXPECT_THROW(writeTraceFile(dir / "no-such-dir" / "t.json", sampleTrace()), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace memlens
