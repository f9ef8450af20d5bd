#pragma once
// CUDA as Python's torch.cuda sees it: lazy initialisation, the caching
// allocator's statistics, and the segments it reserved. On a LibTorch
// without CUDA everything answers as Python PyTorch does on a CPU-only
// build. No LibTorch in this header.

#include <cstdint>
#include <optional>
#include <vector>

#include "trace/Step.h"

namespace memlens::tracking {

// torch.cuda._lazy_init: what Python runs before any CUDA tensor is made.
// Throws a ScriptError (AssertionError "Torch not compiled with CUDA
// enabled") without CUDA support, and LibTorch's own error when CUDA is
// built in but no GPU answers.
void initCuda();
// Whether initCuda succeeded in this process (torch.cuda.is_initialized()).
bool cudaInitialized();

struct CudaMemoryStats {
  std::int64_t allocated = 0;
  std::int64_t reserved = 0;
  std::int64_t peakAllocated = 0;
  std::int64_t peakReserved = 0;
};

// The caching allocator's statistics for a device (-1: the current one);
// zeros until CUDA is initialised, as in Python.
CudaMemoryStats cudaMemoryStats(int device);
// torch.cuda.empty_cache(): gives cached, unused segments back to the driver.
void emptyCudaCache();
// torch.cuda.synchronize(): initialises CUDA, then waits for the device.
void synchronizeCuda();

// Every segment the caching allocator holds, on every device, in address
// order; nullopt where this build cannot see them (no CUDA, CUDA not yet
// initialised, or an allocator backend without snapshots).
std::optional<std::vector<DeviceSegments>> cudaSegments();

}  // namespace memlens::tracking
