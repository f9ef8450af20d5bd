#include "session/OperatorCalls.h"

#include <ATen/core/dispatch/Dispatcher.h>

#include <sstream>
#include <unordered_map>

#include "ops/Effect.h"

namespace memlens {
namespace {

// Schemas never change once registered: describe each overload once, per
// thread so that sessions on different threads need no lock.
const std::shared_ptr<const OperatorDescription>& describe(const tracking::ObservedCall& call) {
  thread_local std::unordered_map<const void*, std::shared_ptr<const OperatorDescription>>
      described;
  if (const auto it = described.find(call.overloadId); it != described.end()) return it->second;
  OperatorDescription out;
  out.op = call.overload.empty() ? call.name : call.name + "." + call.overload;
  if (auto handle = c10::Dispatcher::singleton().findSchema({call.name, call.overload})) {
    std::ostringstream schema;
    schema << handle->schema();
    out.schema = schema.str();
    out.predicted = ops::describe(ops::predictEffect(handle->schema()));
  }
  return described
      .emplace(call.overloadId, std::make_shared<const OperatorDescription>(std::move(out)))
      .first->second;
}

}  // namespace

void describeCalls(const std::vector<std::pair<const tracking::ObservedCall*, std::int64_t>>& calls,
                   std::vector<OperatorCall>& into) {
  into.reserve(into.size() + calls.size());
  for (const auto& [call, count] : calls) {
    into.push_back(OperatorCall{describe(*call), count});
  }
}

}  // namespace memlens
