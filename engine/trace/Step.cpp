#include "trace/Step.h"

#include <algorithm>
#include <array>
#include <utility>

namespace memlens {
namespace {

constexpr std::array<std::pair<StepKind, std::string_view>, 5> kKindNames{{
    {StepKind::New, "new"},
    {StepKind::InPlace, "in-place"},
    {StepKind::View, "view"},
    {StepKind::Free, "free"},
    {StepKind::None, "none"},
}};

}  // namespace

std::string_view toString(StepKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "none";
}

std::optional<StepKind> stepKindFromString(std::string_view text) {
  for (const auto& [k, name] : kKindNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

bool Step::hasKind(StepKind kind) const {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

}  // namespace memlens
