#pragma once
#include <filesystem>
#include <string_view>

namespace memlens {

// Writes `contents` to a temporary file beside `path` and renames it over
// `path`, so readers never see a half-written file. Throws std::runtime_error
// naming the file on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace memlens
