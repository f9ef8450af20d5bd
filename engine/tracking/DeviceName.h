#pragma once
// The name LibTorch gives a device ("cpu", "cuda:0"), made once per device
// and thread: c10::Device::str() builds it anew at every call, and every
// allocation event, storage and tensor record of a step names its device.

#include <c10/core/Device.h>

#include <string>

namespace memlens::tracking {

// Valid as long as the calling thread lives.
const std::string& deviceName(c10::Device device);

}  // namespace memlens::tracking
