#pragma once
// The session's memory budget. Every allocation LibTorch makes on the CPU is
// checked against it before it happens, so `torch.zeros(10**12)` fails at its
// statement with a MemoryError instead of swapping the machine or getting
// the process killed, and the session carries on. Memory MemLens allocates
// for a script itself (lists, strings) is checked against what is left.
// Process-wide, as LibTorch's CPU allocator is. Torch-free header.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace memlens {

// min(25% of physical memory, 4 GiB).
std::uint64_t defaultMemoryBudget();

// Sets the budget, installing the checking allocator the first time.
void setMemoryBudget(std::uint64_t bytes);
// Installs the default budget unless a budget is already set.
void ensureMemoryBudget();
std::uint64_t memoryBudget();

// Bytes LibTorch holds through the CPU allocator since the budget was installed.
std::uint64_t memoryInUse();

// Throws the budget's MemoryError when `bytes` more would exceed it.
void checkMemoryBudget(std::uint64_t bytes);

// "512 bytes", "1.5 KiB", "4.0 GiB".
std::string formatBytes(std::uint64_t bytes);
// "1073741824", "512M", "512MB", "4G", "4GiB", "1.5G" (binary units); nullopt
// for anything else.
std::optional<std::uint64_t> parseByteSize(std::string_view text);

}  // namespace memlens
