#include "ops/OperatorCatalog.h"

#include <sstream>

#include "ops/Effect.h"
#include "ops/OperatorIndex.h"

namespace memlens::ops {

std::vector<OperatorInfo> listOperators(std::string_view pattern) {
  const OperatorIndex& index = OperatorIndex::instance();
  std::vector<OperatorInfo> out;
  for (const auto& name : index.names()) {
    if (name.find(pattern) == std::string::npos) continue;
    for (const Overload& overload : *index.find(name)) {
      std::ostringstream schema;
      schema << *overload.schema;
      out.push_back({name, overload.schema->overload_name(), schema.str(),
                     describe(predictEffect(*overload.schema))});
    }
  }
  return out;
}

}  // namespace memlens::ops
