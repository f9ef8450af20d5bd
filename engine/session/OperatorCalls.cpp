#include "session/OperatorCalls.h"

#include <ATen/core/dispatch/Dispatcher.h>

#include <map>
#include <mutex>
#include <sstream>

#include "ops/Effect.h"

namespace memlens {
namespace {

struct Described {
  std::string schema;
  std::string predicted;
};

// Schemas never change once registered; describe each overload once.
const Described& describe(const tracking::ObservedCall& call) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, Described> cache;
  const std::lock_guard lock(mutex);
  auto key = std::make_pair(call.name, call.overload);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Described described;
  if (auto handle = c10::Dispatcher::singleton().findSchema({call.name, call.overload})) {
    std::ostringstream schema;
    schema << handle->schema();
    described = {schema.str(), ops::describe(ops::predictEffect(handle->schema()))};
  }
  return cache.emplace(std::move(key), std::move(described)).first->second;
}

}  // namespace

std::vector<OperatorCall> describeCalls(
    const std::vector<std::pair<tracking::ObservedCall, std::int64_t>>& calls) {
  std::vector<OperatorCall> out;
  out.reserve(calls.size());
  for (const auto& [call, count] : calls) {
    const Described& described = describe(call);
    out.push_back(OperatorCall{call.overload.empty() ? call.name : call.name + "." + call.overload,
                               described.schema, described.predicted, count});
  }
  return out;
}

}  // namespace memlens
