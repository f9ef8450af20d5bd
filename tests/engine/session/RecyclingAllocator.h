#pragma once
// A CPU allocator for tests that keeps freed blocks and hands the most recent
// one of the same size straight back, as PyTorch's CUDA caching allocator
// does; it reports to LibTorch's memory profiling like LibTorch's allocators.
// Installed for the lifetime of a RecyclingAllocatorScope.

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace memlens::testing {

class RecyclingAllocator final : public c10::Allocator {
 public:
  ~RecyclingAllocator() override {
    for (auto& [size, blocks] : cache_) {
      for (void* block : blocks) c10::free_cpu(block);
    }
  }

  c10::DataPtr allocate(size_t bytes) const override {
    void* block = nullptr;
    auto& cached = cache_[bytes];
    if (!cached.empty()) {
      block = cached.back();
      cached.pop_back();
    } else {
      block = c10::alloc_cpu(bytes);
    }
    sizes_[block] = bytes;
    live_ += static_cast<std::int64_t>(bytes);
    report(block, static_cast<std::int64_t>(bytes));
    return {block, block, &release, c10::Device(c10::kCPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &release; }

  static RecyclingAllocator& instance() {
    static RecyclingAllocator allocator;
    return allocator;
  }

 private:
  static void release(void* block) {
    RecyclingAllocator& self = instance();
    const auto it = self.sizes_.find(block);
    const auto bytes = it->second;
    self.sizes_.erase(it);
    self.live_ -= static_cast<std::int64_t>(bytes);
    report(block, -static_cast<std::int64_t>(bytes));
    self.cache_[bytes].push_back(block);
  }

  static void report(void* block, std::int64_t signedBytes) {
    if (c10::memoryProfilingEnabled()) {
      c10::reportMemoryUsageToProfiler(block, signedBytes, instance().live_, 0,
                                       c10::Device(c10::kCPU));
    }
  }

  mutable std::map<size_t, std::vector<void*>> cache_;
  mutable std::unordered_map<void*, size_t> sizes_;
  mutable std::int64_t live_ = 0;
};

class RecyclingAllocatorScope {
 public:
  static constexpr std::uint8_t kPriority = 200;
  RecyclingAllocatorScope() : previous_(c10::GetCPUAllocator()) {
    c10::SetCPUAllocator(&RecyclingAllocator::instance(), kPriority);
  }
  ~RecyclingAllocatorScope() { c10::SetCPUAllocator(previous_, kPriority); }
  RecyclingAllocatorScope(const RecyclingAllocatorScope&) = delete;
  RecyclingAllocatorScope& operator=(const RecyclingAllocatorScope&) = delete;

 private:
  c10::Allocator* previous_;
};

}  // namespace memlens::testing
