#pragma once
// `memlens export (SCRIPT.py|TRACE.json) [--step N|last] [--png F] [--svg F]
// [--pdf F] [--scale K] [--theme light|dark] [--layout log|linear|address]
// [--select NAME] [--motion T] [--no-legend]`: renders one step of the memory map (or a
// frame of the motion into it) to files, no display needed.

#include <string_view>
#include <vector>

namespace memlens::gui {

extern const char* const kExportUsage;

// Returns the exit status: 0 written, 1 failed, 2 usage error.
int runExport(const std::vector<std::string_view>& args);

}  // namespace memlens::gui
