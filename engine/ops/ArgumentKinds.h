#pragma once
// What choosing an overload depends on in a call's arguments: how many there
// are, the keyword names, and the kind of each value (and of each element of
// a list or tuple), not the values themselves. Two calls of one operator with
// the same kinds bind to the same overload, so the choice can be remembered.

#include <cstddef>
#include <string_view>

#include "ops/OperatorCall.h"

namespace memlens::ops {

class ArgumentKinds {
 public:
  // False where the kinds do not settle the choice: a string can be a device
  // whose parsing fails or not by its text, and long or deeply nested lists
  // are not worth a key.
  bool describe(const std::vector<Overload>& overloads, const CallArguments& call);

  std::string_view key() const { return {bytes_, size_}; }

 private:
  bool add(const void* data, std::size_t size);
  bool addKind(const c10::IValue& value, int depth);

  static constexpr std::size_t kCapacity = 96;
  char bytes_[kCapacity];
  std::size_t size_ = 0;
};

}  // namespace memlens::ops
