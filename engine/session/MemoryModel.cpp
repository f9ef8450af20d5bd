#include "session/MemoryModel.h"

#include <ATen/core/List.h>
#include <c10/core/StorageImpl.h>
#include <c10/core/TensorImpl.h>
#include <c10/util/SmallVector.h>
#include <c10/util/flat_hash_map.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "session/NameOrder.h"
#include "session/TensorFacts.h"
#include "tracking/DeviceName.h"

namespace memlens {

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
void forEachTensor(std::string_view name, const c10::IValue& value, const Visit& visit) {
  std::string path(name);
  forEachTensorAt(path, value, visit);
}

bool isContainer(const c10::IValue& value) {
  return value.isTensorList() || value.isList() || value.isTuple();
}

// Erases the entries of a flat hash table that `dead` says to; its erase
// shifts the next entries back, so the position erased from is looked at again.
template <typename Table, typename Predicate>
void eraseIf(Table& table, const Predicate& dead) {
  for (auto it = table.begin(); it != table.end();) {
    if (dead(*it)) {
      it = table.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace

class MemoryModel::Impl {
 public:
  explicit Impl(bool checkEveryName) : checkEveryName_(checkEveryName) {}

  void observe(std::vector<tracking::ObservedEvent>& observed, const Scope::Values& values,
               const StatementReach& reach, const std::vector<ops::ObservedFlow>& flows,
               Step& step);
  void observeSegments(std::vector<DeviceSegments> now, Step& step);

 private:
  struct DeviceAccount {
    std::int64_t baseline = 0;  // LibTorch's total before this session's first event
    std::int64_t lastReported = 0;
    std::int64_t lastReserved = 0;
    std::int64_t liveBytes = 0;
  };
  // By device name; a device once seen stays, so its name can be pointed to.
  using DeviceAccounts = std::map<std::string, DeviceAccount, std::less<>>;
  struct Allocation {
    std::uint64_t serial = 0;  // tells two allocations on one address apart
    std::int64_t bytes = 0;
    const std::string* device = nullptr;  // a key of devices_
    std::int64_t storage = 0;             // 0 until a storage claims it
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
  using NamedTensors = std::map<std::string, NamedTensor, NameOrder>;
  // A name to look at, and its named tensor where already known (else end).
  struct NameToLook {
    std::string_view name;
    NamedTensors::iterator named;
  };
  // What one step found out along the way; kept between steps so that its
  // buffers are allocated once, and cleared at the start of each.
  struct StepScratch {
    // Alloc events to fill with the storage that ended up owning them.
    struct PendingAlloc {
      std::size_t event;
      std::uint64_t ptr;
      std::uint64_t serial;
    };
    std::vector<PendingAlloc> pendingAllocs;
    // Ids are handed out in increasing order, so this stays sorted.
    std::vector<std::int64_t> createdStorages;
    ska::flat_hash_set<std::int64_t> changedStorages;
    // The StorageImpls behind createdStorages and changedStorages, each once.
    std::vector<const c10::StorageImpl*> touchedStorages;
    ska::flat_hash_set<std::int64_t> revealedStorages;  // internal until a tensor showed it
    std::vector<std::int64_t> freedOwners;  // storages whose memory was freed, maybe dead
    std::vector<NameToLook> names;          // to look at
    std::vector<std::int64_t> reads;        // of one flow
    std::vector<std::int64_t> produces;
    bool wroteInPlace = false;
    bool madeView = false;

    void clear();
    bool created(std::int64_t storage) const {
      return std::binary_search(createdStorages.begin(), createdStorages.end(), storage);
    }
  };

  void observeEveryName(const Scope::Values& values, Step& step);
  void observeReached(const Scope::Values& values, const StatementReach& reach, Step& step);
  // Looks at the tensors `name` holds now, and unbinds those it held before
  // and no longer does (`name` itself, or `name[i]...` inside a container).
  void observeName(std::string_view name, NamedTensors::iterator named, const Scope::Values& values,
                   Step& step);
  void unbind(NamedTensors::iterator named, Step& step);
  void watch(NamedTensors::iterator named);
  void unwatch(NamedTensors::iterator named);
  void applyEvents(std::vector<tracking::ObservedEvent>& observed, Step& step);
  std::int64_t storageOf(const at::Tensor& tensor);
  bool unchanged(const NamedTensor& named, const at::Tensor& tensor, std::int64_t version) const;
  void observeTensor(const std::string& name, const at::Tensor& tensor, Step& step,
                     NamedTensors::iterator& hint);
  void claimAllocation(std::uint64_t ptr, std::int64_t storageId);
  void releaseExpired(Step& step);
  void adoptUnclaimedAllocations();
  void resolveEventStorages(Step& step);
  void sumUp(Step& step);
  void recordFlows(const std::vector<ops::ObservedFlow>& flows, Step& step);

  ska::flat_hash_map<std::uint64_t, Allocation> allocations_;  // live, by address
  ska::flat_hash_set<std::uint64_t> freedAddresses_;
  ska::flat_hash_map<const c10::StorageImpl*, StorageEntry> storages_;
  ska::flat_hash_map<std::int64_t, StorageRecord> internalStorages_;  // no StorageImpl seen
  ska::flat_hash_map<const c10::TensorImpl*, TensorObject> objects_;
  // Ordered like the scope's names, so that walking both together finds most
  // names without a lookup.
  NamedTensors named_;
  // Top-level named tensors by their TensorImpl and StorageImpl: whom a
  // reached object can have changed. Elements of containers are not here;
  // containers are looked at after every statement (`list.append` changes
  // them without binding anything).
  ska::flat_hash_map<const void*, c10::SmallVector<NamedTensors::iterator, 1>> watchers_;
  std::set<std::string, NameOrder> containers_;
  bool checkEveryName_ = false;
  std::uint64_t stepNumber_ = 0;
  DeviceAccounts devices_;
  std::map<std::string, std::vector<MemorySegment>> segments_;  // by device, as last recorded
  // Storages by id whose allocation was observed, so whose death shows as a
  // free event of their memory; silent ones (empty, or allocated outside any
  // recording) show in none and are looked at after every statement.
  ska::flat_hash_map<std::int64_t, const c10::StorageImpl*> reportedStorages_;
  ska::flat_hash_set<const c10::StorageImpl*> silentStorages_;
  std::uint64_t nextSerial_ = 1;
  std::int64_t nextStorageId_ = 1;
  std::int64_t nextTensorId_ = 1;
  StepScratch scratch_;
};

MemoryModel::MemoryModel(bool checkEveryName) : impl_(std::make_unique<Impl>(checkEveryName)) {}
MemoryModel::~MemoryModel() = default;
MemoryModel::MemoryModel(MemoryModel&&) noexcept = default;
MemoryModel& MemoryModel::operator=(MemoryModel&&) noexcept = default;

void MemoryModel::observe(std::vector<tracking::ObservedEvent>& observed,
                          const Scope::Values& values, const StatementReach& reach,
                          const std::vector<ops::ObservedFlow>& flows, Step& step) {
  impl_->observe(observed, values, reach, flows, step);
}

void MemoryModel::observeSegments(std::vector<DeviceSegments> now, Step& step) {
  impl_->observeSegments(std::move(now), step);
}

void MemoryModel::Impl::StepScratch::clear() {
  pendingAllocs.clear();
  createdStorages.clear();
  // Clearing a flat table walks all its slots; these are almost always empty.
  if (!changedStorages.empty()) changedStorages.clear();
  touchedStorages.clear();
  if (!revealedStorages.empty()) revealedStorages.clear();
  freedOwners.clear();
  names.clear();
  wroteInPlace = false;
  madeView = false;
}

void MemoryModel::Impl::observe(std::vector<tracking::ObservedEvent>& observed,
                                const Scope::Values& values, const StatementReach& reach,
                                const std::vector<ops::ObservedFlow>& flows, Step& step) {
  scratch_.clear();
  ++stepNumber_;
  applyEvents(observed, step);
  if (checkEveryName_ || reach.everyName) {
    observeEveryName(values, step);
  } else {
    observeReached(values, reach, step);
  }
  std::sort(step.unbound.begin(), step.unbound.end());
  releaseExpired(step);
  adoptUnclaimedAllocations();
  resolveEventStorages(step);
  recordFlows(flows, step);
  sumUp(step);
}

void MemoryModel::Impl::observeEveryName(const Scope::Values& values, Step& step) {
  auto hint = named_.begin();
  std::size_t seen = 0;
  // The next steps may look only at what they reach, and then at the
  // elements only of the containers they know: keep that list true.
  containers_.clear();
  for (const auto& [name, value] : values) {
    if (isContainer(value)) containers_.insert(containers_.end(), name);
    forEachTensor(name, value, [&](const std::string& tensorName, const at::Tensor& tensor) {
      observeTensor(tensorName, tensor, step, hint);
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

void MemoryModel::Impl::observeReached(const Scope::Values& values, const StatementReach& reach,
                                       Step& step) {
  // A named tensor can only have changed if the statement rebound its name,
  // or an operator received (or an attribute assignment wrote) its tensor
  // object or a tensor on its storage: views, `.data` and `out=` all pass
  // the storage. In the scope's order, as a full walk would find them.
  // Looking at a name unbinds only that name and its elements, never another
  // name of the list, so the views and iterators the list holds stay valid.
  std::vector<NameToLook>& names = scratch_.names;
  for (const auto& name : reach.rebound) names.push_back({name, named_.end()});
  for (const auto& name : containers_) names.push_back({name, named_.end()});
  for (const void* object : reach.reached) {
    if (const auto it = watchers_.find(object); it != watchers_.end()) {
      for (const auto named : it->second) names.push_back({named->first, named});
    }
  }
  // Of the entries for one name, the first kept knows its named tensor if any does.
  const auto unknown = named_.end();
  std::sort(names.begin(), names.end(), [&](const NameToLook& a, const NameToLook& b) {
    if (a.name != b.name) return NameOrder{}(a.name, b.name);
    return a.named != unknown && b.named == unknown;
  });
  names.erase(
      std::unique(names.begin(), names.end(),
                  [](const NameToLook& a, const NameToLook& b) { return a.name == b.name; }),
      names.end());
  for (const auto& [name, named] : names) observeName(name, named, values, step);
}

void MemoryModel::Impl::observeName(std::string_view name, NamedTensors::iterator named,
                                    const Scope::Values& values, Step& step) {
  // `name` may be a key this unbinds: the copy outlives it.
  std::string path(name);
  const auto value = values.find(path);
  const bool holdsContainer = value != values.end() && isContainer(value->second);
  // Elements (`name[0]`) are named only while `name` is in containers_.
  bool heldContainer = false;
  if (const auto it = containers_.find(path); it != containers_.end()) {
    heldContainer = true;
    if (!holdsContainer) containers_.erase(it);
  } else if (holdsContainer) {
    containers_.insert(path);
  }
  bool sawName = false;
  if (value != values.end()) {
    sawName = value->second.isTensor() && value->second.toTensor().defined();
    auto hint = named;
    forEachTensorAt(path, value->second,
                    [&](const std::string& tensorName, const at::Tensor& tensor) {
                      observeTensor(tensorName, tensor, step, hint);
                    });
  }
  if (heldContainer || holdsContainer) {
    const std::string elementPrefix = path + "[";
    for (auto it = named_.lower_bound(elementPrefix);
         it != named_.end() && it->first.starts_with(elementPrefix);) {
      const auto next = std::next(it);
      if (it->second.lastSeenStep != stepNumber_) unbind(it, step);
      it = next;
    }
  }
  if (sawName) return;  // observeTensor marked it seen
  if (auto it = named_.find(path); it != named_.end() && it->second.lastSeenStep != stepNumber_) {
    unbind(it, step);
  }
}

void MemoryModel::Impl::unbind(NamedTensors::iterator named, Step& step) {
  unwatch(named);
  step.unbound.push_back(named->first);
  named_.erase(named);
}

void MemoryModel::Impl::watch(NamedTensors::iterator named) {
  if (named->first.find('[') != std::string::npos) return;  // inside a container
  watchers_[named->second.impl].push_back(named);
  if (named->second.storageImpl != nullptr) watchers_[named->second.storageImpl].push_back(named);
}

void MemoryModel::Impl::unwatch(NamedTensors::iterator named) {
  if (named->first.find('[') != std::string::npos) return;  // never watched
  for (const void* key : {static_cast<const void*>(named->second.impl),
                          static_cast<const void*>(named->second.storageImpl)}) {
    const auto it = watchers_.find(key);
    if (it == watchers_.end()) continue;
    auto& watching = it->second;
    if (const auto found = std::find(watching.begin(), watching.end(), named);
        found != watching.end()) {
      watching.erase(found);
      if (watching.empty()) watchers_.erase(it);
    }
  }
}

void MemoryModel::Impl::recordFlows(const std::vector<ops::ObservedFlow>& flows, Step& step) {
  const auto idOf = [&](const c10::weak_intrusive_ptr<c10::StorageImpl>& storage) {
    auto it = storages_.find(storage._unsafe_get_target());
    return it == storages_.end() ? std::int64_t{0} : it->second.record.id;
  };
  std::vector<std::int64_t>& reads = scratch_.reads;
  std::vector<std::int64_t>& produces = scratch_.produces;
  for (const auto& flow : flows) {
    reads.clear();
    produces.clear();
    for (const auto& storage : flow.reads) {
      const auto id = idOf(storage);
      if (id != 0 && !scratch_.created(id)) reads.push_back(id);
    }
    for (const auto& storage : flow.produces) {
      const auto id = idOf(storage);
      if (id != 0 && scratch_.created(id)) produces.push_back(id);
    }
    // Only flows from storages seen before into storages new in this step
    // tell where new memory came from.
    if (!reads.empty() && !produces.empty()) step.flows.push_back({flow.op, reads, produces});
  }
}

void MemoryModel::Impl::applyEvents(std::vector<tracking::ObservedEvent>& observed, Step& step) {
  step.events.reserve(observed.size());
  // The events of a step nearly always share one device: looked up by name
  // only when it changes.
  auto accountIt = devices_.end();
  for (auto& e : observed) {
    bool firstOnDevice = false;
    if (accountIt == devices_.end() || accountIt->first != e.device) {
      std::tie(accountIt, firstOnDevice) = devices_.try_emplace(e.device);
    }
    DeviceAccount& account = accountIt->second;
    const std::int64_t signedBytes = e.action == MemoryAction::Alloc ? e.bytes : -e.bytes;
    if (firstOnDevice) account.baseline = e.totalAllocated - signedBytes;
    account.lastReported = e.totalAllocated;
    account.lastReserved = e.totalReserved;

    // Filled in place: building a MemoryEvent and moving it into the list
    // would move each of its three strings twice.
    MemoryEvent& event = step.events.emplace_back();
    event.action = e.action;
    event.ptr = e.ptr;
    event.bytes = e.bytes;
    event.device = std::move(e.device);
    event.op = std::move(e.op);
    event.topOp = std::move(e.topOp);
    event.totalAllocated = e.totalAllocated - account.baseline;
    if (e.action == MemoryAction::Alloc) {
      const bool recycled = freedAddresses_.count(e.ptr) > 0;
      const std::uint64_t serial = nextSerial_++;
      allocations_.insert_or_assign(e.ptr,
                                    Allocation{serial, e.bytes, &accountIt->first, 0, recycled});
      account.liveBytes += e.bytes;
      scratch_.pendingAllocs.push_back({step.events.size() - 1, e.ptr, serial});
    } else if (auto it = allocations_.find(e.ptr); it != allocations_.end()) {
      const std::int64_t owner = it->second.storage;
      if (owner != 0) {
        event.storage = owner;
        if (internalStorages_.erase(owner) > 0) {
          step.freed.push_back(owner);
        } else {
          scratch_.freedOwners.push_back(owner);
        }
      }
      account.liveBytes -= it->second.bytes;
      allocations_.erase(it);
      freedAddresses_.insert(e.ptr);
    }
  }
}

void MemoryModel::Impl::claimAllocation(std::uint64_t ptr, std::int64_t storageId) {
  if (auto it = allocations_.find(ptr); it != allocations_.end()) it->second.storage = storageId;
}

std::int64_t MemoryModel::Impl::storageOf(const at::Tensor& tensor) {
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
      if (scratch_.changedStorages.insert(record.id).second) {
        scratch_.wroteInPlace = true;
        scratch_.touchedStorages.push_back(impl);
      }
    }
    return record.id;
  }

  StorageRecord record;
  record.ptr = ptr;
  record.bytes = bytes;
  record.device = tracking::deviceName(storage.device());
  auto allocation = allocations_.find(ptr);
  const auto internal = allocation == allocations_.end()
                            ? internalStorages_.end()
                            : internalStorages_.find(allocation->second.storage);
  if (internal != internalStorages_.end()) {
    // Memory seen earlier without an owner (e.g. a gradient written by
    // backward) now shows its StorageImpl: the same storage, now visible.
    record.id = internal->first;
    record.recycledAddress = internal->second.recycledAddress;
    internalStorages_.erase(internal);
    scratch_.changedStorages.insert(record.id);
    scratch_.revealedStorages.insert(record.id);
  } else {
    record.id = nextStorageId_++;
    if (allocation != allocations_.end()) {
      record.recycledAddress = allocation->second.recycledAddress;
      allocation->second.storage = record.id;
    }
    scratch_.createdStorages.push_back(record.id);
  }
  if (allocation == allocations_.end() || bytes == 0) {
    silentStorages_.insert(impl);
  } else {
    reportedStorages_.emplace(record.id, impl);
  }
  const std::int64_t id = record.id;
  storages_.emplace(impl, StorageEntry{storage.getWeakStorageImpl(), std::move(record)});
  scratch_.touchedStorages.push_back(impl);
  return id;
}

void MemoryModel::Impl::observeTensor(const std::string& name, const at::Tensor& tensor, Step& step,
                                      NamedTensors::iterator& hint) {
  c10::TensorImpl* impl = tensor.unsafeGetTensorImpl();
  const std::int64_t version = versionOf(tensor);
  // Most names show the same tensor as after the last step: check that first,
  // cheaply, before touching the registries. The scope's names come in the
  // same order as named_'s, so the one after the last name is usually it;
  // otherwise lower_bound finds it, or where a new name goes.
  auto named = hint != named_.end() && hint->first == name ? hint : named_.lower_bound(name);
  const bool newName = named == named_.end() || named->first != name;
  if (!newName) {
    hint = std::next(named);
    named->second.lastSeenStep = stepNumber_;
    if (unchanged(named->second, tensor, version)) return;
  }
  const std::int64_t storageId = storageOf(tensor);

  auto objectIt = objects_.find(impl);
  if (objectIt == objects_.end()) {
    objectIt = objects_
                   .emplace(impl, TensorObject{c10::weak_intrusive_ptr<c10::TensorImpl>(
                                                   tensor.getIntrusivePtr()),
                                               nextTensorId_++, version})
                   .first;
    // A new tensor object on a storage some tensor object showed before: a view.
    if (storageId != 0 && !scratch_.created(storageId) &&
        scratch_.revealedStorages.count(storageId) == 0) {
      scratch_.madeView = true;
    }
  } else if (TensorObject& object = objectIt->second; version != object.version) {
    object.version = version;
    scratch_.wroteInPlace = true;
  }

  TensorRecord record = describeTensor(tensor);
  record.name = name;
  record.id = objectIt->second.id;
  record.storage = storageId;
  if (newName) {
    named = named_.emplace_hint(named, name, NamedTensor{});
    hint = std::next(named);
    named->second.lastSeenStep = stepNumber_;
  }
  NamedTensor& entry = named->second;
  // A new or changed record goes to the step, and is copied into the one
  // remembered, whose buffers mostly fit it already.
  if (newName || !(entry.record == record)) {
    step.tensors.push_back(std::move(record));
    entry.record = step.tensors.back();
  }
  const c10::StorageImpl* storageImpl =
      tensor.has_storage() ? tensor.storage().unsafeGetStorageImpl() : nullptr;
  // The watchers follow the tensor object and the storage; most changes
  // (in-place writes) keep both.
  const bool rewatch = entry.impl != impl || entry.storageImpl != storageImpl;
  if (rewatch) unwatch(named);
  entry.impl = impl;
  entry.version = version;
  entry.dtype = tensor.scalar_type();
  entry.device = tensor.device();
  entry.storageImpl = storageImpl;
  entry.storageData = storageImpl ? storageImpl->data() : nullptr;
  entry.storageBytes = storageImpl ? storageImpl->nbytes() : 0;
  gatherElementBytes(tensor, entry.elementBytes);
  if (rewatch) watch(named);
}

bool MemoryModel::Impl::unchanged(const NamedTensor& named, const at::Tensor& tensor,
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

void MemoryModel::Impl::releaseExpired(Step& step) {
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
  for (const std::int64_t id : scratch_.freedOwners) {
    if (const auto it = reportedStorages_.find(id); it != reportedStorages_.end()) {
      releaseIfDead(it->second);
    }
  }
  eraseIf(silentStorages_, releaseIfDead);
  // Dead tensor objects only hold a little memory each; sweep them in bulk.
  if (objects_.size() > 2 * named_.size() + 64) {
    eraseIf(objects_, [](const auto& entry) { return entry.second.impl.expired(); });
  }
}

void MemoryModel::Impl::adoptUnclaimedAllocations() {
  // Memory allocated in this step, still alive, that no named tensor reaches:
  // LibTorch holds it (autograd's saved tensors, gradients). Show it too, so
  // that every live byte belongs to some storage.
  for (const auto& pending : scratch_.pendingAllocs) {
    auto it = allocations_.find(pending.ptr);
    if (it == allocations_.end() || it->second.serial != pending.serial) continue;
    Allocation& allocation = it->second;
    if (allocation.storage != 0) continue;
    StorageRecord record{nextStorageId_++,           pending.ptr,
                         allocation.bytes,           *allocation.device,
                         allocation.recycledAddress, true};
    allocation.storage = record.id;
    scratch_.createdStorages.push_back(record.id);
    internalStorages_.emplace(record.id, std::move(record));
  }
}

void MemoryModel::Impl::resolveEventStorages(Step& step) {
  for (const auto& pending : scratch_.pendingAllocs) {
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

void MemoryModel::Impl::sumUp(Step& step) {
  // Only what the step touched, not every storage the session knows.
  for (const c10::StorageImpl* impl : scratch_.touchedStorages) {
    if (auto it = storages_.find(impl); it != storages_.end()) {
      step.storages.push_back(it->second.record);
    }
  }
  for (const std::int64_t id : scratch_.createdStorages) {
    if (auto it = internalStorages_.find(id); it != internalStorages_.end()) {
      step.storages.push_back(it->second);
    }
  }
  std::sort(step.storages.begin(), step.storages.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  std::sort(step.freed.begin(), step.freed.end());

  // Storages only count as created once alive at the end of the step.
  if (!scratch_.createdStorages.empty()) step.kinds.push_back(StepKind::New);
  if (scratch_.wroteInPlace) step.kinds.push_back(StepKind::InPlace);
  if (scratch_.madeView) step.kinds.push_back(StepKind::View);
  if (!step.freed.empty()) step.kinds.push_back(StepKind::Free);
  if (step.kinds.empty()) step.kinds.push_back(StepKind::None);

  for (const auto& [device, account] : devices_) {
    step.totals.push_back(
        {device, account.lastReported - account.baseline, account.liveBytes, account.lastReserved});
  }
}

void MemoryModel::Impl::observeSegments(std::vector<DeviceSegments> now, Step& step) {
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
