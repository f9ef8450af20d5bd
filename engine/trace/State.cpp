#include "trace/State.h"

namespace memlens {

void State::apply(const Step& step) {
  for (const auto& record : step.tensors) tensors[record.name] = record;
  for (const auto& name : step.unbound) tensors.erase(name);
  for (const auto& storage : step.storages) storages[storage.id] = storage;
  for (auto id : step.freed) storages.erase(id);
  for (const auto& device : step.segments) {
    if (device.segments.empty()) {
      segments.erase(device.device);
    } else {
      segments[device.device] = device.segments;
    }
  }
}

}  // namespace memlens
