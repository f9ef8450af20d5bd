#pragma once
// Runs a batch of Python expressions through the reference interpreter (Debian's Python with
// PyTorch 1.13) in one process, since importing torch takes seconds.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace memlens::test {

inline constexpr const char* kCaseDelimiter = "<<<memlens-reference-case>>>";

// The text of each `show(lambda: ...)` call, in order. `calls` holds one Python statement per
// case that calls show() once; `preamble` runs first. Exceptions come back as "Type: message".
// Fails the current test (and returns nothing) when the interpreter is missing or errors.
inline std::vector<std::string> runReferencePython(const std::string& preamble,
                                                   const std::vector<std::string>& calls) {
  const auto directory = std::filesystem::temp_directory_path();
  const std::string stem = "memlens-reference-" + std::to_string(::getpid()) + "-" +
                           std::to_string(reinterpret_cast<std::uintptr_t>(&calls));
  const auto scriptPath = directory / (stem + ".py");
  const auto errorPath = directory / (stem + ".err");
  {
    std::ofstream script(scriptPath);
    script << "import sys\n"
              "def show(f):\n"
              "    try:\n"
              "        r = f()\n"
              "    except Exception as e:\n"
              "        r = type(e).__name__ + ': ' + str(e)\n"
              "    sys.stdout.write(r + '\\n"
           << kCaseDelimiter << "\\n')\n"
           << preamble << "\n";
    for (const auto& call : calls) script << call << "\n";
  }
  // -I: isolated, so a stray copy.py beside the temporary script (or any
  // PYTHON* variable) cannot shadow a module torch imports.
  const std::string command = std::string("PYTHONIOENCODING=utf-8 ") + MEMLENS_REFERENCE_PYTHON +
                              " -I " + scriptPath.string() + " 2>" + errorPath.string();
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  if (pipe != nullptr) {
    char buffer[65536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
  }
  const int status = pipe != nullptr ? ::pclose(pipe) : -1;
  std::stringstream errors;
  errors << std::ifstream(errorPath).rdbuf();
  std::filesystem::remove(scriptPath);
  std::filesystem::remove(errorPath);

  std::vector<std::string> results;
  const std::string delimiter = std::string("\n") + kCaseDelimiter + "\n";
  for (std::size_t start = 0, found = 0;
       (found = output.find(delimiter, start)) != std::string::npos;
       start = found + delimiter.size()) {
    results.push_back(output.substr(start, found - start));
  }
  EXPECT_EQ(status, 0) << "reference Python failed: " << command << "\n" << errors.str();
  EXPECT_EQ(results.size(), calls.size()) << "reference Python printed too few cases\n"
                                          << errors.str();
  if (status != 0 || results.size() != calls.size()) return {};
  return results;
}

// A Python bytes literal decoded as UTF-8: carries any text into the script unchanged.
inline std::string pythonStringLiteral(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "b'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out + "'.decode('utf-8')";
}

}  // namespace memlens::test
