#pragma once
// `memlens export (SCRIPT.py|TRACE.json) [--step N|last] [--png F] [--svg F]
// [--pdf F] [--html F] [--pdf-report F] [--scale K] [--theme light|dark] ...`:
// renders one step of the memory map (or a frame of the motion into it), and
// the HTML and PDF reports, to files, no display needed.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace memlens::gui {

extern const char* const kExportUsage;

// What a report says it ran on: a trace's recorded LibTorch version, or for a
// script the LibTorch this program runs it with.
std::string torchVersionFor(const std::filesystem::path& input);
// A script's source; empty for a trace (the report rebuilds it from the steps).
std::string scriptTextFor(const std::filesystem::path& input);

// Returns the exit status: 0 written, 1 failed, 2 usage error.
int runExport(const std::vector<std::string_view>& args);

}  // namespace memlens::gui
