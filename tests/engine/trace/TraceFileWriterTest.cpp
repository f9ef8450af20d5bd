#include "trace/TraceFileWriter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "trace/TraceJson.h"
#include "trace/TraceTesting.h"

namespace memlens {
namespace {

using testing::sampleTrace;

TEST(TraceFileWriter, WritesWhatWriteTraceJsonDoesAndAppearsOnlyWhenFinished) {
  const auto dir = std::filesystem::temp_directory_path() / "memlens-trace-stream-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "trace.json";
  const auto bytesOf = [](const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto filesIn = [&] {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  };
  // Enough steps to be written out in several pieces.
  Trace trace = sampleTrace();
  const std::vector<Step> once = trace.steps;
  const std::size_t copies = (3u << 20) / writeTraceJson(trace).size() + 1;
  for (std::size_t i = 1; i < copies; ++i) {
    trace.steps.insert(trace.steps.end(), once.begin(), once.end());
  }
  for (const Trace& written : {Trace{"1.13.1", {}}, sampleTrace(), trace}) {
    std::filesystem::remove(path);
    {
      TraceFileWriter writer(path, written.torchVersion);
      for (const Step& step : written.steps) writer.append(std::make_unique<Step>(step));
      EXPECT_FALSE(std::filesystem::exists(path)) << "visible before it is finished";
      writer.finish();
    }
    EXPECT_EQ(bytesOf(path), writeTraceJson(written));
    EXPECT_EQ(filesIn(), std::vector<std::string>{"trace.json"}) << "temporary left behind";
  }
  {
    TraceFileWriter abandoned(path, "1.13.1");
    abandoned.append(std::make_unique<Step>(sampleTrace().steps.front()));
    EXPECT_THROW(abandoned.append(nullptr), std::logic_error);
  }
  EXPECT_EQ(bytesOf(path), writeTraceJson(trace)) << "an unfinished writer replaced the file";
  EXPECT_EQ(filesIn(), std::vector<std::string>{"trace.json"}) << "temporary left behind";
  try {
    TraceFileWriter nowhere(dir / "no-such-dir" / "t.json", "1.13.1");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-dir/t.json: cannot write"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(TraceFileWriter, HandsWrittenStepsBackAsSpares) {
  const auto path = std::filesystem::temp_directory_path() / "memlens-trace-spares-test.json";
  TraceFileWriter writer(path, "1.13.1");
  // The run waits once the writer falls far enough behind, and the writer
  // hands back what it wrote before it takes more: within these many steps
  // some must come back, whatever the threads' timing.
  const int enough = 3 * 4096;
  std::unique_ptr<Step> spare;
  int appended = 0;
  while (!spare && appended < enough) {
    auto step = std::make_unique<Step>(sampleTrace().steps.front());
    step->code = "step " + std::to_string(appended++);
    writer.append(std::move(step));
    spare = writer.spareStep();
  }
  ASSERT_TRUE(spare) << "no written step came back in " << appended;
  EXPECT_EQ(spare->code.rfind("step ", 0), 0u);
  EXPECT_LT(std::stoi(spare->code.substr(5)), appended - 1);
  writer.finish();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace memlens
