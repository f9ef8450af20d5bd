#include "session/MemoryBudget.h"

#include <c10/core/CPUAllocator.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "session/MemoryBudgetError.h"

namespace memlens {
namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

// Wraps LibTorch's CPU allocator: checks the budget, then delegates, so the
// original allocator still reports every allocation and free to LibTorch's
// memory reporting. Returned pointers keep data == context (raw_allocate
// relies on it); the original DataPtr waits in `live_` until the free.
class BudgetAllocator final : public c10::Allocator {
 public:
  explicit BudgetAllocator(c10::Allocator* original) : original_(original) {}

  c10::DataPtr allocate(size_t bytes) const override {
    reserve(bytes);
    c10::DataPtr inner;
    try {
      inner = original_->allocate(bytes);
    } catch (...) {
      inUse.fetch_sub(bytes, std::memory_order_relaxed);
      throw;
    }
    void* data = inner.get();
    if (data == nullptr) {
      inUse.fetch_sub(bytes, std::memory_order_relaxed);
      return inner;
    }
    const c10::Device device = inner.device();
    {
      const std::lock_guard lock(mutex_);
      live_.emplace(data, Live{std::move(inner), bytes});
    }
    return c10::DataPtr(data, data, &release, device);
  }

  c10::DeleterFnPtr raw_deleter() const override { return &release; }

  std::atomic<std::uint64_t> limit{0};
  mutable std::atomic<std::uint64_t> inUse{0};

  void reserve(std::uint64_t bytes) const {
    const std::uint64_t before = inUse.fetch_add(bytes, std::memory_order_relaxed);
    const std::uint64_t budget = limit.load(std::memory_order_relaxed);
    if (bytes > budget || before > budget - bytes) {
      inUse.fetch_sub(bytes, std::memory_order_relaxed);
      throwOverBudget(bytes, before, budget);
    }
  }

  [[noreturn]] static void throwOverBudget(std::uint64_t bytes, std::uint64_t inUse,
                                           std::uint64_t budget) {
    throw MemoryBudgetError({__func__, __FILE__, static_cast<std::uint32_t>(__LINE__)},
                            "allocating " + formatBytes(bytes) +
                                " would exceed the session's memory budget of " +
                                formatBytes(budget) + " (" + formatBytes(inUse) + " in use)");
  }

 private:
  struct Live {
    c10::DataPtr inner;
    std::uint64_t bytes;
  };

  static void release(void* data);

  c10::Allocator* original_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<void*, Live> live_;
};

// Never destroyed: tensors freed during static destruction still come back here.
BudgetAllocator& budgetAllocator() {
  static auto* allocator = new BudgetAllocator(c10::GetCPUAllocator());
  return *allocator;
}

void BudgetAllocator::release(void* data) {
  BudgetAllocator& self = budgetAllocator();
  std::unique_lock lock(self.mutex_);
  auto node = self.live_.extract(data);
  lock.unlock();
  if (node.empty()) return;
  self.inUse.fetch_sub(node.mapped().bytes, std::memory_order_relaxed);
  // `node` frees the memory through the original deleter as it goes.
}

std::once_flag installed;
std::atomic<bool> budgetSet{false};

void install() {
  std::call_once(installed, [] {
    // Priority above LibTorch's own registration, which is 0.
    c10::SetCPUAllocator(&budgetAllocator(), 1);
  });
}

}  // namespace

std::uint64_t defaultMemoryBudget() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || pageSize <= 0) return 4 * kGiB;
  const std::uint64_t physical =
      static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
  return std::min(physical / 4, 4 * kGiB);
}

void setMemoryBudget(std::uint64_t bytes) {
  budgetAllocator().limit.store(bytes, std::memory_order_relaxed);
  budgetSet.store(true, std::memory_order_relaxed);
  install();
}

void ensureMemoryBudget() {
  if (!budgetSet.load(std::memory_order_relaxed)) setMemoryBudget(defaultMemoryBudget());
}

std::uint64_t memoryBudget() {
  return budgetAllocator().limit.load(std::memory_order_relaxed);
}

std::uint64_t memoryInUse() {
  return budgetAllocator().inUse.load(std::memory_order_relaxed);
}

void checkMemoryBudget(std::uint64_t bytes) {
  if (!budgetSet.load(std::memory_order_relaxed)) return;
  const BudgetAllocator& allocator = budgetAllocator();
  const std::uint64_t budget = allocator.limit.load(std::memory_order_relaxed);
  const std::uint64_t inUse = allocator.inUse.load(std::memory_order_relaxed);
  if (bytes > budget || inUse > budget - bytes) {
    BudgetAllocator::throwOverBudget(bytes, inUse, budget);
  }
}

std::string formatBytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

std::optional<std::uint64_t> parseByteSize(std::string_view text) {
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end == text.data() || !(number >= 0)) return std::nullopt;
  std::string unit(end, text.data() + text.size());
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  static constexpr std::pair<const char*, int> kUnits[] = {
      {"", 0},    {"B", 0}, {"K", 1},  {"KB", 1},  {"KIB", 1}, {"M", 2},  {"MB", 2},
      {"MIB", 2}, {"G", 3}, {"GB", 3}, {"GIB", 3}, {"T", 4},   {"TB", 4}, {"TIB", 4}};
  for (const auto& [name, power] : kUnits) {
    if (unit != name) continue;
    const double bytes = std::ldexp(number, 10 * power);
    if (bytes >= 18446744073709551616.0) return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
  }
  return std::nullopt;
}

}  // namespace memlens
