#include "TimelineTesting.h"

#include <string>

namespace memlens::ui::test {

Timeline syntheticTimeline(std::size_t steps) {
  Timeline timeline;
  std::int64_t cpu = 0;
  std::int64_t cuda = 0;
  const auto allocate = [](Step& step, std::int64_t id, std::int64_t bytes,
                           const std::string& device, std::int64_t& total) {
    total += bytes;
    step.storages.push_back(
        {id, static_cast<std::uint64_t>(id) * 0x1000, bytes, device, false, false});
    step.events.push_back({MemoryAction::Alloc, static_cast<std::uint64_t>(id) * 0x1000, bytes,
                           device, id, "aten::empty", "aten::ones", total});
  };
  for (std::size_t i = 0; i < steps; ++i) {
    Step step;
    step.line = static_cast<int>(i + 1);
    const auto id = static_cast<std::int64_t>(i + 1);
    switch (i % 7) {
      case 0:
        step.code = "a = torch.ones(" + std::to_string(16 * (1 + i % 13)) + ")";
        step.kinds = {StepKind::New};
        allocate(step, id, 64 * static_cast<std::int64_t>(1 + i % 13), "cpu", cpu);
        break;
      case 1:
        step.code = "a.add_(1)";
        step.kinds = {StepKind::InPlace};
        break;
      case 2:
        step.code = "v = a.t()";
        step.kinds = {StepKind::View};
        break;
      case 3:
        // Frees the storage of step i - 3.
        step.code = "del a, v";
        step.kinds = {StepKind::Free};
        step.freed = {id - 3};
        cpu -= 64 * static_cast<std::int64_t>(1 + (i - 3) % 13);
        break;
      case 4:
        step.code = "print(1)";
        step.kinds = {StepKind::None};
        break;
      case 5:
        step.code = "g = torch.ones(128, device='cuda')";
        step.kinds = {StepKind::New};
        allocate(step, id, 512, "cuda:0", cuda);
        break;
      default:
        step.code = "del g";
        step.kinds = {StepKind::Free};
        step.freed = {id - 1};
        cuda -= 512;
        break;
    }
    if (i % 1000 == 999) step.error = StepError{"RuntimeError", "synthetic", step.line, 1};
    timeline.append(std::move(step));
  }
  return timeline;
}

}  // namespace memlens::ui::test
