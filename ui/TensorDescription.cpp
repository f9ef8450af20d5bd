#include "ui/TensorDescription.h"

#include <array>
#include <cstdio>

#include "ui/ElementText.h"
#include "ui/StorageCells.h"

namespace memlens::ui {
namespace {

constexpr std::int64_t kGridLimit = 1024;

std::string hex(std::uint64_t value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "0x%llx", static_cast<unsigned long long>(value));
  return buffer.data();
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

// The outermost operator that allocated `storage` in `step`, if it did.
std::string allocatingOperator(const Step& step, std::int64_t storage) {
  for (const auto& event : step.events) {
    if (event.action == MemoryAction::Alloc && event.storage == storage) return event.topOp;
  }
  return "";
}

// The step that first bound this tensor object to a name.
std::optional<std::size_t> firstSeen(const Timeline& timeline, std::size_t step,
                                     std::int64_t tensor) {
  std::optional<std::size_t> first;
  for (auto k = step + 1; k-- > 0;) {
    for (const auto& record : timeline.step(k).tensors) {
      if (record.id == tensor) first = k;
    }
  }
  return first;
}

void fillIndexGrid(const TensorRecord& record, TensorDescription& description) {
  auto& grid = description.grid;
  const auto indices = storageIndices(record, kGridLimit);
  if (!indices) return;
  const auto columns =
      record.shape.empty() ? std::int64_t{1} : std::max<std::int64_t>(1, record.shape.back());
  std::vector<std::int64_t> position(record.shape.size(), 0);
  for (std::size_t n = 0; n < indices->size(); ++n) {
    if (static_cast<std::int64_t>(n) % columns == 0) {
      grid.emplace_back();
      std::string label = "[";
      for (std::size_t k = 0; k + 1 < position.size(); ++k)
        label += std::to_string(position[k]) + ", ";
      description.rowLabels.push_back(label + (position.empty() ? "]" : ":]"));
    }
    IndexCell cell;
    cell.index = "[";
    for (std::size_t d = 0; d < position.size(); ++d) {
      cell.index += (d > 0 ? ", " : "") + std::to_string(position[d]);
    }
    cell.index += "]";
    cell.storageCell = (*indices)[n];
    if (record.values && n < record.values->size()) cell.value = elementText((*record.values)[n]);
    grid.back().push_back(std::move(cell));
    for (auto k = position.size(); k-- > 0;) {
      if (++position[k] < record.shape[k]) break;
      position[k] = 0;
    }
  }
}

}  // namespace

std::optional<TensorDescription> describeTensor(const Timeline& timeline, std::size_t step,
                                                const State& state, std::int64_t tensor) {
  std::vector<std::string> names;
  const TensorRecord* record = nullptr;
  for (const auto& [name, candidate] : state.tensors) {
    if (candidate.id != tensor) continue;
    names.push_back(name);
    if (!record) record = &candidate;
  }
  if (!record) return std::nullopt;
  const auto& r = *record;
  const auto elementSize = dtypeSize(r.dtype);
  const auto storageIt = state.storages.find(r.storage);
  const StorageRecord* storage = storageIt == state.storages.end() ? nullptr : &storageIt->second;

  // Other objects on the same storage make this one a view; the base is the
  // one that starts at the storage's first element and covers all of it.
  std::vector<std::string> sharing;
  std::string base;
  for (const auto& [name, other] : state.tensors) {
    if (other.id == tensor || other.storage != r.storage || r.storage == 0) continue;
    sharing.push_back(name);
    if (base.empty() && storage && other.offset == 0 &&
        elementCount(other.shape) * dtypeSize(other.dtype) == storage->bytes) {
      base = name;
    }
  }

  TensorDescription d;
  d.title = joined(names);
  const auto add = [&](std::string label, std::string value) {
    d.facts.emplace_back(std::move(label), std::move(value));
  };
  add("names", joined(names));
  add("tensor object", "#" + std::to_string(tensor));
  add("shape", tupleText(r.shape));
  add("strides", tupleText(r.strides));
  add("offset", std::to_string(r.offset));
  add("dtype", r.dtype);
  add("device", r.device);
  add("version", "v" + std::to_string(r.version));
  add("requires_grad", r.requiresGrad ? "True" : "False");
  add("grad_fn", r.gradFn ? *r.gradFn : "None");
  add("storage", r.storage == 0 ? "none" : "S" + std::to_string(r.storage));
  if (storage) {
    add("data pointer", hex(storage->ptr + static_cast<std::uint64_t>(r.offset * elementSize)));
    add("storage bytes",
        byteSizeText(storage->bytes) + (storage->internal ? " (held by autograd)" : ""));
  }
  add("tensor bytes", byteSizeText(elementCount(r.shape) * elementSize));
  add("is view", sharing.empty() ? "no" : "yes: shares storage with " + joined(sharing));
  if (!sharing.empty()) add("base", base.empty() ? "(no name holds the whole storage)" : base);
  // The object came from the step that first named it: the operator that
  // allocated its storage there, or, with no allocation, a view or an alias.
  if (const auto seen = firstSeen(timeline, step, tensor)) {
    const auto& origin = timeline.step(*seen);
    const auto op = allocatingOperator(origin, r.storage);
    add("produced by", (op.empty() ? "no allocation" : op) + " \u00b7 line " +
                           std::to_string(origin.line) + ": " + origin.code);
    // What the schemas of the operators that statement called predict,
    // beside what was observed; they can differ (reshape, contiguous, to).
    std::vector<std::string> observed;
    for (auto kind : origin.kinds) observed.emplace_back(toString(kind));
    constexpr std::size_t kShownCalls = 3;
    for (std::size_t i = 0; i < origin.calls.size() && i < kShownCalls; ++i) {
      const OperatorCall& call = origin.calls[i];
      add("operator", call.op() + (call.count > 1 ? " \u00d7" + std::to_string(call.count) : ""));
      add("schema", call.schema());
      add("predicted", call.predicted());
    }
    add("observed", joined(observed));
  }
  fillIndexGrid(r, d);
  return d;
}

}  // namespace memlens::ui
