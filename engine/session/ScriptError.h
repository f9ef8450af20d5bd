#pragma once
#include <stdexcept>
#include <string>

namespace memlens {

// An error raised by MemLens itself with Python's exception type and an
// optional position (0: the statement's own position).
class ScriptError : public std::runtime_error {
 public:
  ScriptError(std::string type, const std::string& message, int line = 0, int column = 0)
      : std::runtime_error(message), type_(std::move(type)), line_(line), column_(column) {}

  const std::string& type() const { return type_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::string type_;
  int line_;
  int column_;
};

}  // namespace memlens
