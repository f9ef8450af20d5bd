#include "session/MemoryModel.h"

#include <ATen/core/List.h>

#include <algorithm>
#include <utility>

#include "session/TensorFacts.h"

namespace memlens {

struct MemoryModel::StepScratch {
  // Alloc events to fill with the storage that ended up owning them.
  struct PendingAlloc {
    std::size_t event;
    std::uint64_t ptr;
    std::uint64_t serial;
  };
  std::vector<PendingAlloc> pendingAllocs;
  std::unordered_set<std::int64_t> createdStorages;
  std::unordered_set<std::int64_t> changedStorages;
  // The StorageImpls behind createdStorages and changedStorages, each once.
  std::vector<const c10::StorageImpl*> touchedStorages;
  std::unordered_set<std::int64_t> revealedStorages;  // internal until a tensor showed it
  std::vector<std::int64_t> freedOwners;              // storages whose memory was freed, maybe dead
  bool wroteInPlace = false;
  bool madeView = false;
};

namespace {

// Names for tensors inside containers: `parts[0]`, `pair[1][0]`. `path` is
// the container's name, extended and restored on the way down, so a deep
// nest costs its size, not its size times its depth.
template <typename Visit>
void forEachTensorAt(std::string& path, const c10::IValue& value, const Visit& visit) {
  const auto visitElement = [&](std::size_t index, const auto& visitChild) {
    const std::size_t length = path.size();
    path += '[';
    path += std::to_string(index);
    path += ']';
    visitChild();
    path.resize(length);
  };
  if (value.isTensor()) {
    if (value.toTensor().defined()) visit(std::as_const(path), value.toTensor());
  } else if (value.isTensorList()) {
    const auto list = value.toTensorList();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const at::Tensor tensor = list.get(i);
      if (tensor.defined()) visitElement(i, [&] { visit(std::as_const(path), tensor); });
    }
  } else if (value.isList()) {
    const auto list = value.toListRef();
    for (std::size_t i = 0; i < list.size(); ++i) {
      visitElement(i, [&] { forEachTensorAt(path, list[i], visit); });
    }
  } else if (value.isTuple()) {
    const auto& elements = value.toTupleRef().elements();
    for (std::size_t i = 0; i < elements.size(); ++i) {
      visitElement(i, [&] { forEachTensorAt(path, elements[i], visit); });
    }
  }
}

template <typename Visit>
void forEachTensor(const std::string& name, const c10::IValue& value, const Visit& visit) {
  std::string path = name;
  forEachTensorAt(path, value, visit);
}

}  // namespace

void MemoryModel::observe(std::vector<tracking::ObservedEvent> observed,
                          const Scope::Values& values, const StatementReach& reach,
                          const std::vector<ops::ObservedFlow>& flows, Step& step) {
  StepScratch scratch;
  ++stepNumber_;
  applyEvents(std::move(observed), step, scratch);
  if (checkEveryName_) {
    observeEveryName(values, step, scratch);
  } else {
    observeReached(values, reach, step, scratch);
  }
  std::sort(step.unbound.begin(), step.unbound.end());
  releaseExpired(step, scratch);
  adoptUnclaimedAllocations(scratch);
  resolveEventStorages(step, scratch);
  recordFlows(flows, scratch, step);
  sumUp(step, scratch);
}

void MemoryModel::observeEveryName(const Scope::Values& values, Step& step, StepScratch& scratch) {
  auto hint = named_.begin();
  std::size_t seen = 0;
  for (const auto& [name, value] : values) {
    forEachTensor(name, value, [&](const std::string& tensorName, const at::Tensor& tensor) {
      observeTensor(tensorName, tensor, step, scratch, hint);
      ++seen;
    });
  }
  // Names are unique, so when every remembered name was seen none was unbound.
  if (seen == named_.size()) return;
  for (auto it = named_.begin(); it != named_.end();) {
    const auto next = std::next(it);
    if (it->second.lastSeenStep != stepNumber_) unbind(it, step);
    it = next;
  }
}

void MemoryModel::observeReached(const Scope::Values& values, const StatementReach& reach,
                                 Step& step, StepScratch& scratch) {
  // A named tensor can only have changed if the statement rebound its name,
  // or an operator received (or an attribute assignment wrote) its tensor
  // object or a tensor on its storage: views, `.data` and `out=` all pass
  // the storage. In the scope's order, as a full walk would find them.
  std::vector<std::string> names(reach.rebound.begin(), reach.rebound.end());
  names.insert(names.end(), containers_.begin(), containers_.end());
  for (const void* object : reach.reached) {
    const auto [first, last] = watchers_.equal_range(object);
    for (auto it = first; it != last; ++it) names.push_back(it->second->first);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const auto& name : names) observeName(name, values, step, scratch);
}

void MemoryModel::observeName(const std::string& name, const Scope::Values& values, Step& step,
                              StepScratch& scratch) {
  const auto value = values.find(name);
  if (value != values.end() &&
      (value->second.isTensorList() || value->second.isList() || value->second.isTuple())) {
    containers_.insert(name);
  } else {
    containers_.erase(name);
  }
  if (value != values.end()) {
    auto hint = named_.end();
    forEachTensor(name, value->second,
                  [&](const std::string& tensorName, const at::Tensor& tensor) {
                    observeTensor(tensorName, tensor, step, scratch, hint);
                  });
  }
  if (auto it = named_.find(name); it != named_.end() && it->second.lastSeenStep != stepNumber_) {
    unbind(it, step);
  }
  const std::string elementPrefix = name + "[";
  for (auto it = named_.lower_bound(elementPrefix);
       it != named_.end() && it->first.starts_with(elementPrefix);) {
    const auto next = std::next(it);
    if (it->second.lastSeenStep != stepNumber_) unbind(it, step);
    it = next;
  }
}

void MemoryModel::unbind(NamedTensors::iterator named, Step& step) {
  unwatch(named);
  step.unbound.push_back(named->first);
  named_.erase(named);
}

void MemoryModel::watch(NamedTensors::iterator named) {
  if (named->first.find('[') != std::string::npos) return;  // inside a container
  watchers_.emplace(named->second.impl, named);
  if (named->second.storageImpl != nullptr) watchers_.emplace(named->second.storageImpl, named);
}

void MemoryModel::unwatch(NamedTensors::iterator named) {
  for (const void* key : {static_cast<const void*>(named->second.impl),
                          static_cast<const void*>(named->second.storageImpl)}) {
    const auto [first, last] = watchers_.equal_range(key);
    for (auto it = first; it != last; ++it) {
      if (it->second == named) {
        watchers_.erase(it);
        break;
      }
    }
  }
}

void MemoryModel::recordFlows(const std::vector<ops::ObservedFlow>& flows,
                              const StepScratch& scratch, Step& step) const {
  const auto idOf = [&](const c10::weak_intrusive_ptr<c10::StorageImpl>& storage) {
    auto it = storages_.find(storage._unsafe_get_target());
    return it == storages_.end() ? std::int64_t{0} : it->second.record.id;
  };
  for (const auto& flow : flows) {
    DataFlow out{flow.op, {}, {}};
    for (const auto& storage : flow.reads) {
      const auto id = idOf(storage);
      if (id != 0 && scratch.createdStorages.count(id) == 0) out.reads.push_back(id);
    }
    for (const auto& storage : flow.produces) {
      const auto id = idOf(storage);
      if (id != 0 && scratch.createdStorages.count(id) > 0) out.produces.push_back(id);
    }
    // Only flows from storages seen before into storages new in this step
    // tell where new memory came from.
    if (!out.reads.empty() && !out.produces.empty()) step.flows.push_back(std::move(out));
  }
}

void MemoryModel::applyEvents(std::vector<tracking::ObservedEvent> observed, Step& step,
                              StepScratch& scratch) {
  step.events.reserve(observed.size());
  for (auto& e : observed) {
    auto [accountIt, firstOnDevice] = devices_.try_emplace(e.device);
    DeviceAccount& account = accountIt->second;
    const std::int64_t signedBytes = e.action == MemoryAction::Alloc ? e.bytes : -e.bytes;
    if (firstOnDevice) account.baseline = e.totalAllocated - signedBytes;
    account.lastReported = e.totalAllocated;
    account.lastReserved = e.totalReserved;

    MemoryEvent event{e.action,
                      e.ptr,
                      e.bytes,
                      e.device,
                      std::nullopt,
                      std::move(e.op),
                      std::move(e.topOp),
                      e.totalAllocated - account.baseline};
    if (e.action == MemoryAction::Alloc) {
      const bool recycled = freedAddresses_.count(e.ptr) > 0;
      const std::uint64_t serial = nextSerial_++;
      allocations_[e.ptr] = Allocation{serial, e.bytes, e.device, 0, recycled};
      account.liveBytes += e.bytes;
      scratch.pendingAllocs.push_back({step.events.size(), e.ptr, serial});
    } else if (auto it = allocations_.find(e.ptr); it != allocations_.end()) {
      const std::int64_t owner = it->second.storage;
      if (owner != 0) event.storage = owner;
      if (internalStorages_.erase(owner) > 0) {
        step.freed.push_back(owner);
      } else if (owner != 0) {
        scratch.freedOwners.push_back(owner);
      }
      account.liveBytes -= it->second.bytes;
      allocations_.erase(it);
      freedAddresses_.insert(e.ptr);
    }
    step.events.push_back(std::move(event));
  }
}

void MemoryModel::claimAllocation(std::uint64_t ptr, std::int64_t storageId) {
  if (auto it = allocations_.find(ptr); it != allocations_.end()) it->second.storage = storageId;
}

std::int64_t MemoryModel::storageOf(const at::Tensor& tensor, StepScratch& scratch) {
  if (!tensor.has_storage()) return 0;
  const c10::Storage& storage = tensor.storage();
  const c10::StorageImpl* impl = storage.unsafeGetStorageImpl();
  if (impl == nullptr) return 0;
  const auto ptr = reinterpret_cast<std::uintptr_t>(storage.data());
  const auto bytes = static_cast<std::int64_t>(storage.nbytes());

  if (auto it = storages_.find(impl); it != storages_.end()) {
    StorageRecord& record = it->second.record;
    if (record.ptr != ptr || record.bytes != bytes) {
      // resize_ (or set_) moved or grew the memory of the same storage.
      record.ptr = ptr;
      record.bytes = bytes;
      claimAllocation(ptr, record.id);
      if (scratch.changedStorages.insert(record.id).second) {
        scratch.wroteInPlace = true;
        scratch.touchedStorages.push_back(impl);
      }
    }
    return record.id;
  }

  StorageRecord record;
  record.ptr = ptr;
  record.bytes = bytes;
  record.device = storage.device().str();
  auto allocation = allocations_.find(ptr);
  if (allocation != allocations_.end() && allocation->second.storage != 0 &&
      internalStorages_.count(allocation->second.storage) > 0) {
    // Memory seen earlier without an owner (e.g. a gradient written by
    // backward) now shows its StorageImpl: the same storage, now visible.
    record.id = allocation->second.storage;
    record.recycledAddress = internalStorages_[record.id].recycledAddress;
    internalStorages_.erase(record.id);
    scratch.changedStorages.insert(record.id);
    scratch.revealedStorages.insert(record.id);
  } else {
    record.id = nextStorageId_++;
    if (allocation != allocations_.end()) {
      record.recycledAddress = allocation->second.recycledAddress;
      allocation->second.storage = record.id;
    }
    scratch.createdStorages.insert(record.id);
  }
  if (allocation == allocations_.end() || bytes == 0) {
    silentStorages_.insert(impl);
  } else {
    reportedStorages_.emplace(record.id, impl);
  }
  storages_.emplace(impl, StorageEntry{storage.getWeakStorageImpl(), record});
  scratch.touchedStorages.push_back(impl);
  return record.id;
}

void MemoryModel::observeTensor(const std::string& name, const at::Tensor& tensor, Step& step,
                                StepScratch& scratch, NamedTensors::iterator& hint) {
  c10::TensorImpl* impl = tensor.unsafeGetTensorImpl();
  const std::int64_t version = versionOf(tensor);
  // Most names show the same tensor as after the last step: check that first,
  // cheaply, before touching the registries. The scope's names come in the
  // same order as named_'s, so the one after the last name is usually it.
  auto named = hint != named_.end() && hint->first == name ? hint : named_.find(name);
  if (named != named_.end()) {
    hint = std::next(named);
    named->second.lastSeenStep = stepNumber_;
    if (unchanged(named->second, tensor, version)) return;
  }
  const std::int64_t storageId = storageOf(tensor, scratch);

  auto objectIt = objects_.find(impl);
  if (objectIt == objects_.end()) {
    objectIt = objects_
                   .emplace(impl, TensorObject{c10::weak_intrusive_ptr<c10::TensorImpl>(
                                                   tensor.getIntrusivePtr()),
                                               nextTensorId_++, version})
                   .first;
    // A new tensor object on a storage some tensor object showed before: a view.
    if (storageId != 0 && scratch.createdStorages.count(storageId) == 0 &&
        scratch.revealedStorages.count(storageId) == 0) {
      scratch.madeView = true;
    }
  } else if (TensorObject& object = objectIt->second; version != object.version) {
    object.version = version;
    scratch.wroteInPlace = true;
  }

  TensorRecord record = describeTensor(tensor);
  record.name = name;
  record.id = objectIt->second.id;
  record.storage = storageId;
  if (named == named_.end()) {
    named = named_.emplace_hint(hint, name, NamedTensor{});
    hint = std::next(named);
    named->second.lastSeenStep = stepNumber_;
    step.tensors.push_back(record);
  } else if (!(named->second.record == record)) {
    step.tensors.push_back(record);
  }
  NamedTensor& entry = named->second;
  unwatch(named);
  entry.impl = impl;
  entry.version = version;
  entry.dtype = tensor.scalar_type();
  entry.device = tensor.device();
  entry.storageImpl = tensor.has_storage() ? tensor.storage().unsafeGetStorageImpl() : nullptr;
  entry.storageData = entry.storageImpl ? entry.storageImpl->data() : nullptr;
  entry.storageBytes = entry.storageImpl ? entry.storageImpl->nbytes() : 0;
  gatherElementBytes(tensor, entry.elementBytes);
  entry.record = std::move(record);
  watch(named);
}

bool MemoryModel::unchanged(const NamedTensor& named, const at::Tensor& tensor,
                            std::int64_t version) const {
  const TensorRecord& record = named.record;
  const c10::StorageImpl* storage =
      tensor.has_storage() ? tensor.storage().unsafeGetStorageImpl() : nullptr;
  if (storage != named.storageImpl ||
      (storage != nullptr &&
       (storage->data() != named.storageData || storage->nbytes() != named.storageBytes))) {
    return false;
  }
  if (named.impl != tensor.unsafeGetTensorImpl() || named.version != version ||
      named.dtype != tensor.scalar_type() || named.device != tensor.device() ||
      record.requiresGrad != tensor.requires_grad()) {
    return false;
  }
  if (!std::equal(record.shape.begin(), record.shape.end(), tensor.sizes().begin(),
                  tensor.sizes().end())) {
    return false;
  }
  if (tensor.layout() == c10::kStrided &&
      (record.offset != tensor.storage_offset() ||
       !std::equal(record.strides.begin(), record.strides.end(), tensor.strides().begin(),
                   tensor.strides().end()))) {
    return false;
  }
  // Values can change without a version bump (writes through `.data`), so
  // small tensors compare their bytes; large ones record no values.
  return !record.values || elementBytesEqual(tensor, named.elementBytes);
}

void MemoryModel::releaseExpired(Step& step, const StepScratch& scratch) {
  const auto releaseIfDead = [&](const c10::StorageImpl* impl) {
    const auto it = storages_.find(impl);
    if (it == storages_.end() || !it->second.impl.expired()) return false;
    step.freed.push_back(it->second.record.id);
    reportedStorages_.erase(it->second.record.id);
    storages_.erase(it);
    return true;
  };
  // A storage whose memory LibTorch reported can only have died with a free
  // event of that memory; only silent ones need a look every step.
  for (const std::int64_t id : scratch.freedOwners) {
    if (const auto it = reportedStorages_.find(id); it != reportedStorages_.end()) {
      releaseIfDead(it->second);
    }
  }
  std::erase_if(silentStorages_, releaseIfDead);
  // Dead tensor objects only hold a little memory each; sweep them in bulk.
  if (objects_.size() > 2 * named_.size() + 64) {
    std::erase_if(objects_, [](const auto& entry) { return entry.second.impl.expired(); });
  }
}

void MemoryModel::adoptUnclaimedAllocations(StepScratch& scratch) {
  // Memory allocated in this step, still alive, that no named tensor reaches:
  // LibTorch holds it (autograd's saved tensors, gradients). Show it too, so
  // that every live byte belongs to some storage.
  for (const auto& pending : scratch.pendingAllocs) {
    auto it = allocations_.find(pending.ptr);
    if (it == allocations_.end() || it->second.serial != pending.serial) continue;
    Allocation& allocation = it->second;
    if (allocation.storage != 0) continue;
    StorageRecord record{nextStorageId_++,           pending.ptr,
                         allocation.bytes,           allocation.device,
                         allocation.recycledAddress, true};
    allocation.storage = record.id;
    internalStorages_.emplace(record.id, record);
    scratch.createdStorages.insert(record.id);
  }
}

void MemoryModel::resolveEventStorages(Step& step, const StepScratch& scratch) {
  for (const auto& pending : scratch.pendingAllocs) {
    auto it = allocations_.find(pending.ptr);
    if (it != allocations_.end() && it->second.serial == pending.serial &&
        it->second.storage != 0) {
      step.events[pending.event].storage = it->second.storage;
    }
  }
  // A storage freed in this very step keeps its id on the events that
  // allocated it, so a reader can follow its whole life.
  for (auto& event : step.events) {
    if (event.action != MemoryAction::Free || !event.storage) continue;
    for (auto& earlier : step.events) {
      if (&earlier == &event) break;
      if (earlier.action == MemoryAction::Alloc && earlier.ptr == event.ptr && !earlier.storage) {
        earlier.storage = event.storage;
      }
    }
  }
}

void MemoryModel::sumUp(Step& step, const StepScratch& scratch) {
  // Only what the step touched, not every storage the session knows.
  for (const c10::StorageImpl* impl : scratch.touchedStorages) {
    if (auto it = storages_.find(impl); it != storages_.end()) {
      step.storages.push_back(it->second.record);
    }
  }
  for (const std::int64_t id : scratch.createdStorages) {
    if (auto it = internalStorages_.find(id); it != internalStorages_.end()) {
      step.storages.push_back(it->second);
    }
  }
  std::sort(step.storages.begin(), step.storages.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  std::sort(step.freed.begin(), step.freed.end());

  // Storages only count as created once alive at the end of the step.
  if (!scratch.createdStorages.empty()) step.kinds.push_back(StepKind::New);
  if (scratch.wroteInPlace) step.kinds.push_back(StepKind::InPlace);
  if (scratch.madeView) step.kinds.push_back(StepKind::View);
  if (!step.freed.empty()) step.kinds.push_back(StepKind::Free);
  if (step.kinds.empty()) step.kinds.push_back(StepKind::None);

  for (const auto& [device, account] : devices_) {
    step.totals.push_back(
        {device, account.lastReported - account.baseline, account.liveBytes, account.lastReserved});
  }
}

void MemoryModel::observeSegments(std::vector<DeviceSegments> now, Step& step) {
  std::map<std::string, std::vector<MemorySegment>> current;
  for (auto& device : now) current[device.device] = std::move(device.segments);
  for (const auto& [device, segments] : segments_) {
    if (!current.contains(device)) step.segments.push_back({device, {}});
  }
  for (const auto& [device, segments] : current) {
    const auto before = segments_.find(device);
    if (before == segments_.end() || before->second != segments) {
      step.segments.push_back({device, segments});
    }
  }
  std::sort(step.segments.begin(), step.segments.end(),
            [](const auto& a, const auto& b) { return a.device < b.device; });
  // Memory reporting updates the reserved total only when something is
  // allocated or freed; emptying the cache changes it silently.
  for (auto& total : step.totals) {
    const auto it = current.find(total.device);
    total.reservedBytes = 0;
    if (it == current.end()) continue;
    for (const auto& segment : it->second) total.reservedBytes += segment.bytes;
  }
  segments_ = std::move(current);
}

}  // namespace memlens
