#include "session/Devices.h"

#include <ATen/Context.h>

namespace memlens {

bool deviceAvailable(std::string_view type) {
  if (type == "cpu") return true;
  if (type == "cuda") return at::hasCUDA();
  return false;
}

}  // namespace memlens
