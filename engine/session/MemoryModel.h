#pragma once
// Turns what LibTorch was observed doing during a statement (allocation
// events) and the values the statement left behind into a Step: storages
// created, resized and freed, tensor objects and their facts, and the kinds.
//
// Identity comes from LibTorch's own objects: a storage is a StorageImpl and a
// tensor object a TensorImpl. The model holds weak references to both, which
// (a) tells it exactly when LibTorch released them and (b) keeps their
// addresses from being reused while the model still remembers them.

#include <c10/core/StorageImpl.h>
#include <c10/core/TensorImpl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
};

class MemoryModel {
 public:
  // checkEveryName: look at every named tensor after every statement instead
  // of only those the statement reached; the reference the tests hold the
  // reach-based check to.
  explicit MemoryModel(bool checkEveryName = false) : checkEveryName_(checkEveryName) {}

  // Fills step.events, storages, freed, tensors, unbound, kinds and totals.
  void observe(std::vector<tracking::ObservedEvent> observed, const Scope::Values& values,
               const StatementReach& reach, const std::vector<ops::ObservedFlow>& flows,
               Step& step);
  // Fills step.segments with the devices whose reserved segments differ from
  // the last step's, given all of them now; the reserved totals follow them.
  void observeSegments(std::vector<DeviceSegments> now, Step& step);

 private:
  struct Allocation {
    std::uint64_t serial = 0;  // tells two allocations on one address apart
    std::int64_t bytes = 0;
    std::string device;
    std::int64_t storage = 0;  // 0 until a storage claims it
    bool recycledAddress = false;
  };
  struct StorageEntry {
    c10::weak_intrusive_ptr<c10::StorageImpl> impl;
    StorageRecord record;
  };
  struct TensorObject {
    c10::weak_intrusive_ptr<c10::TensorImpl> impl;
    std::int64_t id = 0;
    std::int64_t version = 0;
  };
  // What a name showed after the last step, and a fingerprint that tells
  // cheaply whether its record could have changed since.
  struct NamedTensor {
    const c10::TensorImpl* impl = nullptr;
    std::int64_t version = 0;
    c10::ScalarType dtype = c10::ScalarType::Undefined;
    c10::Device device = c10::Device(c10::kCPU);
    // The storage as last seen, to skip the storage registry when unchanged.
    const c10::StorageImpl* storageImpl = nullptr;
    const void* storageData = nullptr;
    std::size_t storageBytes = 0;
    std::uint64_t lastSeenStep = 0;
    std::vector<std::uint8_t> elementBytes;  // small tensors: their values, raw
    TensorRecord record;
  };
  struct DeviceAccount {
    std::int64_t baseline = 0;  // LibTorch's total before this session's first event
    std::int64_t lastReported = 0;
    std::int64_t lastReserved = 0;
    std::int64_t liveBytes = 0;
  };
  struct StepScratch;
  using NamedTensors = std::map<std::string, NamedTensor, std::less<>>;

  void observeEveryName(const Scope::Values& values, Step& step, StepScratch& scratch);
  void observeReached(const Scope::Values& values, const StatementReach& reach, Step& step,
                      StepScratch& scratch);
  // Looks at the tensors `name` holds now, and unbinds those it held before
  // and no longer does (`name` itself, or `name[i]...` inside a container).
  void observeName(const std::string& name, const Scope::Values& values, Step& step,
                   StepScratch& scratch);
  void unbind(NamedTensors::iterator named, Step& step);
  void watch(NamedTensors::iterator named);
  void unwatch(NamedTensors::iterator named);
  void applyEvents(std::vector<tracking::ObservedEvent> observed, Step& step, StepScratch& scratch);
  std::int64_t storageOf(const at::Tensor& tensor, StepScratch& scratch);
  bool unchanged(const NamedTensor& named, const at::Tensor& tensor, std::int64_t version) const;
  void observeTensor(const std::string& name, const at::Tensor& tensor, Step& step,
                     StepScratch& scratch, NamedTensors::iterator& hint);
  void claimAllocation(std::uint64_t ptr, std::int64_t storageId);
  void releaseExpired(Step& step, const StepScratch& scratch);
  void adoptUnclaimedAllocations(StepScratch& scratch);
  void resolveEventStorages(Step& step, const StepScratch& scratch);
  void sumUp(Step& step, const StepScratch& scratch);
  void recordFlows(const std::vector<ops::ObservedFlow>& flows, const StepScratch& scratch,
                   Step& step) const;

  std::unordered_map<std::uint64_t, Allocation> allocations_;  // live, by address
  std::unordered_set<std::uint64_t> freedAddresses_;
  std::unordered_map<const c10::StorageImpl*, StorageEntry> storages_;
  std::unordered_map<std::int64_t, StorageRecord> internalStorages_;  // no StorageImpl seen
  std::unordered_map<const c10::TensorImpl*, TensorObject> objects_;
  // Ordered like the scope's names, so that walking both together finds most
  // names without a lookup.
  NamedTensors named_;
  // Top-level named tensors by their TensorImpl and StorageImpl: whom a
  // reached object can have changed. Elements of containers are not here;
  // containers are looked at after every statement (`list.append` changes
  // them without binding anything).
  std::unordered_multimap<const void*, NamedTensors::iterator> watchers_;
  std::set<std::string, std::less<>> containers_;
  bool checkEveryName_ = false;
  std::uint64_t stepNumber_ = 0;
  std::map<std::string, DeviceAccount, std::less<>> devices_;
  std::map<std::string, std::vector<MemorySegment>> segments_;  // by device, as last recorded
  // Storages by id whose allocation was observed, so whose death shows as a
  // free event of their memory; silent ones (empty, or allocated outside any
  // recording) show in none and are looked at after every statement.
  std::unordered_map<std::int64_t, const c10::StorageImpl*> reportedStorages_;
  std::unordered_set<const c10::StorageImpl*> silentStorages_;
  std::uint64_t nextSerial_ = 1;
  std::int64_t nextStorageId_ = 1;
  std::int64_t nextTensorId_ = 1;
};

}  // namespace memlens
