#pragma once
// Turns what LibTorch was observed doing during a statement (allocation
// events) and the values the statement left behind into a Step: storages
// created, resized and freed, tensor objects and their facts, and the kinds.
//
// Identity comes from LibTorch's own objects: a storage is a StorageImpl and a
// tensor object a TensorImpl. The model holds weak references to both, which
// (a) tells it exactly when LibTorch released them and (b) keeps their
// addresses from being reused while the model still remembers them.

#include <memory>
#include <string>
#include <vector>

#include "ops/OperatorCall.h"
#include "session/Scope.h"
#include "trace/Step.h"
#include "tracking/Recording.h"

namespace memlens {

// What a statement can have changed among the named values: the names it
// bound or unbound, and the tensor objects and storages (TensorImpl and
// StorageImpl addresses) that operators received or the script wrote to.
struct StatementReach {
  std::vector<std::string> rebound;
  std::vector<const void*> reached;
  // Something may have written tensors neither rebound nor reached
  // (tracking::Recording::reachUnknown): look at every name.
  bool everyName = false;
};

class MemoryModel {
 public:
  // checkEveryName: look at every named tensor after every statement instead
  // of only those the statement reached; the reference the tests hold the
  // reach-based check to.
  explicit MemoryModel(bool checkEveryName = false);
  ~MemoryModel();
  MemoryModel(MemoryModel&&) noexcept;
  MemoryModel& operator=(MemoryModel&&) noexcept;

  // Fills step.events, storages, freed, tensors, unbound, kinds and totals.
  // The strings of `observed` move into step.events; the caller may reuse
  // the emptied events' vector.
  void observe(std::vector<tracking::ObservedEvent>& observed, const Scope::Values& values,
               const StatementReach& reach, const std::vector<ops::ObservedFlow>& flows,
               Step& step);
  // Fills step.segments with the devices whose reserved segments differ from
  // the last step's, given all of them now; the reserved totals follow them.
  void observeSegments(std::vector<DeviceSegments> now, Step& step);

 private:
  // The registries, in the .cpp: their hash tables stay out of this header.
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace memlens
