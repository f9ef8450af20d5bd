#pragma once
// A timeline from a file: a memlens-trace JSON as written, or a script run
// through a Session statement by statement, right here.

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "trace/Step.h"
#include "trace/Timeline.h"

namespace memlens::gui {

struct LoadedTimeline {
  Timeline timeline;
  std::optional<StepError> firstError;  // a script that failed part-way (its steps so far are kept)
};

// Throws std::runtime_error naming the file when it cannot be read or parsed.
LoadedTimeline loadTimeline(const std::filesystem::path& path);
// Runs a script's source text through a fresh Session.
LoadedTimeline runScript(std::string_view source);

}  // namespace memlens::gui
