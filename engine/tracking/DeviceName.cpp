#include "tracking/DeviceName.h"

#include <deque>
#include <utility>

namespace memlens::tracking {

const std::string& deviceName(c10::Device device) {
  // A session sees a handful of devices: a short list beats hashing. A deque
  // never moves its elements, so the references handed out stay valid.
  thread_local std::deque<std::pair<c10::Device, std::string>> names;
  for (const auto& [known, name] : names) {
    if (known == device) return name;
  }
  return names.emplace_back(device, device.str()).second;
}

}  // namespace memlens::tracking
