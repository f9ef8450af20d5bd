#pragma once
// What the user picked on the map: a tensor object (by clicking it or one of
// its names) or a storage block. Plain data shared by the map, the inspector
// and the selection model.

#include <cstdint>

namespace memlens::ui {

struct Selection {
  enum class Kind : std::uint8_t { None, Tensor, Storage };
  Kind kind = Kind::None;
  std::int64_t id = 0;

  static Selection tensor(std::int64_t id) { return {Kind::Tensor, id}; }
  static Selection storage(std::int64_t id) { return {Kind::Storage, id}; }
  bool empty() const { return kind == Kind::None; }
  bool operator==(const Selection&) const = default;
};

}  // namespace memlens::ui
