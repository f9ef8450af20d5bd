#include "tracking/Cuda.h"

#include <ATen/Context.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>

#include <algorithm>
#include <atomic>
#include <map>

#include "session/ScriptError.h"

#if MEMLENS_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

namespace memlens::tracking {
namespace {

std::atomic<bool> initializedOnce{false};

// LibTorch 2.6 replaced Context::lazyInitCUDA() by lazyInitDevice(type);
// call whichever this LibTorch has.
template <typename Context>
void lazyInitCudaContext(Context& context) {
  if constexpr (requires { context.lazyInitDevice(c10::DeviceType::CUDA); }) {
    context.lazyInitDevice(c10::DeviceType::CUDA);
  } else {
    context.lazyInitCUDA();
  }
}

#if MEMLENS_WITH_CUDA
namespace allocator = c10::cuda::CUDACachingAllocator;

// snapshot() returns the segments up to LibTorch 1.13 and a SnapshotInfo
// holding them (beside allocation traces) from 2.0 on.
const std::vector<allocator::SegmentInfo>& segmentsOf(
    const std::vector<allocator::SegmentInfo>& segments) {
  return segments;
}
template <typename Snapshot>
const auto& segmentsOf(const Snapshot& snapshot) {
  return snapshot.segments;
}

c10::DeviceIndex deviceIndex(int device) {
  return device < 0 ? c10::cuda::current_device() : static_cast<c10::DeviceIndex>(device);
}
#endif

}  // namespace

void initCuda() {
  // Python asks whether its torch._C was built with CUDA; LibTorch's
  // equivalent is whether a CUDA device guard was registered at load time.
  if (!c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA)) {
    throw ScriptError("AssertionError", "Torch not compiled with CUDA enabled");
  }
  lazyInitCudaContext(at::globalContext());
  initializedOnce = true;
}

bool cudaInitialized() {
  return initializedOnce;
}

CudaMemoryStats cudaMemoryStats([[maybe_unused]] int device) {
  CudaMemoryStats out;
#if MEMLENS_WITH_CUDA
  if (!cudaInitialized()) return out;
  const auto stats = allocator::getDeviceStats(deviceIndex(device));
  // Index 0 of each StatArray is StatType::AGGREGATE, Python's ".all".
  out.allocated = stats.allocated_bytes[0].current;
  out.reserved = stats.reserved_bytes[0].current;
  out.peakAllocated = stats.allocated_bytes[0].peak;
  out.peakReserved = stats.reserved_bytes[0].peak;
#endif
  return out;
}

void emptyCudaCache() {
#if MEMLENS_WITH_CUDA
  if (cudaInitialized()) allocator::emptyCache();
#endif
}

void synchronizeCuda() {
  initCuda();
#if MEMLENS_WITH_CUDA
  c10::cuda::device_synchronize();
#endif
}

std::optional<std::vector<DeviceSegments>> cudaSegments() {
#if MEMLENS_WITH_CUDA
  if (!cudaInitialized()) return std::nullopt;
  std::map<std::int64_t, DeviceSegments> byDevice;
  try {
    const auto snapshot = allocator::snapshot();
    for (const auto& segment : segmentsOf(snapshot)) {
      auto& device = byDevice[segment.device];
      device.device =
          c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(segment.device)).str();
      device.segments.push_back({static_cast<std::uint64_t>(segment.address), segment.total_size,
                                 segment.allocated_size});
    }
  } catch (const c10::Error&) {
    // The cudaMallocAsync backend keeps no segments of its own to show.
    return std::nullopt;
  }
  std::vector<DeviceSegments> out;
  for (auto& [index, device] : byDevice) {
    std::sort(device.segments.begin(), device.segments.end(),
              [](const auto& a, const auto& b) { return a.ptr < b.ptr; });
    out.push_back(std::move(device));
  }
  return out;
#else
  return std::nullopt;
#endif
}

}  // namespace memlens::tracking
