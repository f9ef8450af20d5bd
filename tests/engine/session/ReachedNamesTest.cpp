// After each statement the memory model looks only at the named tensors the
// statement reached (names it bound, objects and storages operators received,
// attribute writes). Here it must find exactly what looking at every named
// tensor after every statement finds, on every script of the corpus.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "script/ScriptRunner.h"
#include "session/Session.h"

namespace memlens {
namespace {

// Each step as JSON. Addresses, and whether one was recycled, follow malloc,
// which the two runs use differently; everything else must agree.
std::vector<std::string> stepsOf(const std::string& source, bool checkEveryName) {
  Session session(SessionOptions{.checkEveryName = checkEveryName});
  script::ScriptRunner runner(session);
  runner.run(source, script::RunOptions{.keepGoing = true});
  std::vector<std::string> steps;
  for (Step step : session.timeline().steps()) {
    for (auto& event : step.events) event.ptr = 0;
    for (auto& storage : step.storages) {
      storage.ptr = 0;
      storage.recycledAddress = false;
    }
    steps.push_back(writeTraceJson("", {step}, true));
  }
  return steps;
}

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> scripts;
  for (const char* dir : {"tests/differential/scripts", "resources/lessons"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(MEMLENS_SOURCE_DIR) / dir)) {
      if (entry.path().extension() == ".py") scripts.push_back(entry.path());
    }
  }
  std::sort(scripts.begin(), scripts.end());
  return scripts;
}

TEST(ReachedNames, FindWhatCheckingEveryNameFinds) {
  const auto scripts = corpus();
  ASSERT_GT(scripts.size(), 100u);
  for (const auto& path : scripts) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream source;
    source << in.rdbuf();
    const auto reached = stepsOf(source.str(), false);
    const auto every = stepsOf(source.str(), true);
    ASSERT_EQ(reached.size(), every.size()) << path;
    for (std::size_t i = 0; i < reached.size(); ++i) {
      ASSERT_EQ(reached[i], every[i]) << path << ", step " << i;
    }
  }
}

}  // namespace
}  // namespace memlens
