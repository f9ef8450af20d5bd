#include "TutorialTrace.h"

namespace memlens::ui::test {

TensorRecord scalarTensor(const std::string& name, std::int64_t id, std::int64_t storage,
                          std::int64_t value, std::int64_t version) {
  TensorRecord record;
  record.name = name;
  record.id = id;
  record.storage = storage;
  record.dtype = "int64";
  record.device = "cpu";
  record.version = version;
  record.values = std::vector<ElementValue>{value};
  return record;
}

StorageRecord storageRecord(std::int64_t id, std::uint64_t ptr, std::int64_t bytes) {
  return {id, ptr, bytes, "cpu", false, false};
}

MemoryEvent allocation(std::int64_t storage, std::uint64_t ptr, std::int64_t bytes,
                       const std::string& op) {
  MemoryEvent event;
  event.ptr = ptr;
  event.bytes = bytes;
  event.device = "cpu";
  event.storage = storage;
  event.op = op;
  event.topOp = op;
  return event;
}

Step statement(int line, const std::string& code, StepKind kind) {
  Step step;
  step.line = line;
  step.code = code;
  step.kinds = {kind};
  return step;
}

Timeline tutorialTimeline() {
  Timeline timeline;
  Step x = statement(1, "x = torch.tensor(4)", StepKind::New);
  x.tensors = {scalarTensor("x", 1, 1, 4)};
  x.storages = {storageRecord(1, 0x1000, 8)};
  x.events = {allocation(1, 0x1000, 8, "aten::scalar_tensor")};
  timeline.append(x);

  Step y = statement(2, "y = torch.tensor(3)", StepKind::New);
  y.tensors = {scalarTensor("y", 2, 2, 3)};
  y.storages = {storageRecord(2, 0x2000, 8)};
  y.events = {allocation(2, 0x2000, 8, "aten::scalar_tensor")};
  timeline.append(y);

  Step z = statement(3, "z = x.add_(y)", StepKind::InPlace);
  z.tensors = {scalarTensor("x", 1, 1, 7, 1), scalarTensor("z", 1, 1, 7, 1)};
  timeline.append(z);

  Step w = statement(4, "w = torch.add(x, y)", StepKind::New);
  w.tensors = {scalarTensor("w", 3, 3, 10)};
  w.storages = {storageRecord(3, 0x3000, 8)};
  w.events = {allocation(3, 0x3000, 8, "aten::add")};
  timeline.append(w);
  return timeline;
}

State largeState(std::size_t storages) {
  State state;
  for (std::size_t i = 0; i < storages; ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    const auto bytes = static_cast<std::int64_t>(8U << (i % 12));
    state.storages[id] = storageRecord(id, 0x10000 + i * 0x10000, bytes);
    TensorRecord base;
    base.name = "t" + std::to_string(i);
    base.id = 2 * id;
    base.storage = id;
    base.dtype = "float32";
    base.device = "cpu";
    base.shape = {bytes / 4};
    base.strides = {1};
    state.tensors[base.name] = base;
    TensorRecord view = base;
    view.name = "v" + std::to_string(i);
    view.id = 2 * id + 1;
    view.shape = {bytes / 8};
    view.strides = {2};
    state.tensors[view.name] = view;
  }
  return state;
}

}  // namespace memlens::ui::test
