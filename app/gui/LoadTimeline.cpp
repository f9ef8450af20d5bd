#include "gui/LoadTimeline.h"

#include <fstream>
#include <sstream>

#include "script/ScriptRunner.h"
#include "session/Session.h"
#include "trace/TraceJson.h"

namespace memlens::gui {

LoadedTimeline loadTimeline(const std::filesystem::path& path) {
  LoadedTimeline loaded;
  if (path.extension() == ".json") {
    for (auto& step : readTraceFile(path).steps) loaded.timeline.append(std::move(step));
    return loaded;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open '" + path.string() + "'");
  std::ostringstream source;
  source << in.rdbuf();
  return runScript(source.str());
}

LoadedTimeline runScript(std::string_view source) {
  LoadedTimeline loaded;
  Session session;
  script::ScriptRunner runner(session);
  loaded.firstError = runner.run(source).firstError;
  loaded.timeline = session.timeline();
  return loaded;
}

}  // namespace memlens::gui
