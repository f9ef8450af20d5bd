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

void Step::clearKeepingBuffers() {
  // Binding every member by name: a member added to Step stops this from
  // compiling until it is cleared here too. (Assigning Step{} instead would
  // cost more than the allocations this saves.)
  auto& [line_, code_, kinds_, output_, error_, tensors_, unbound_, storages_, freed_, events_,
         calls_, flows_, totals_, segments_, substeps_] = *this;
  line_ = 0;
  code_.clear();
  kinds_.clear();
  output_.clear();
  error_.reset();
  tensors_.clear();
  unbound_.clear();
  storages_.clear();
  freed_.clear();
  events_.clear();
  calls_.clear();
  flows_.clear();
  totals_.clear();
  segments_.clear();
  substeps_.clear();
}

}  // namespace memlens
