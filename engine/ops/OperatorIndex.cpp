#include "ops/OperatorIndex.h"

#include <algorithm>
#include <array>

namespace memlens::ops {
namespace {

constexpr std::string_view kNamespace = "aten::";

bool isFactorySchema(const c10::FunctionSchema& schema) {
  const auto& args = schema.arguments();
  return std::any_of(args.begin(), args.end(), [](const c10::Argument& a) {
    return a.kwarg_only() && a.name() == "pin_memory";
  });
}

bool hasOutArgument(const c10::FunctionSchema& schema) {
  const auto& args = schema.arguments();
  return std::any_of(args.begin(), args.end(), [](const c10::Argument& a) { return a.is_out(); });
}

// PyTorch's binding generator (SKIP_PYTHON_BINDINGS_SIGNATURES) hides these
// Scalar overloads, so Python passes numbers to the Tensor overloads as
// wrapped numbers: `x * 2` is mul.Tensor (grad_fn MulBackward0), not mul.Scalar.
bool isHiddenFromPython(const c10::FunctionSchema& schema) {
  static const std::array<std::string_view, 4> kNames{"aten::add", "aten::sub", "aten::mul",
                                                      "aten::div"};
  std::string_view name = schema.name();
  if (!name.empty() && name.back() == '_') name.remove_suffix(1);
  return schema.overload_name() == "Scalar" &&
         std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// Python's bindings try an operator's overloads in a fixed order; ours: plain
// overloads before `out=` ones, the default (unnamed) overload first, then
// fewer arguments first, and the overload name to make the rest stable.
bool bindsEarlier(const Overload& a, const Overload& b) {
  const auto key = [](const Overload& o) {
    return std::make_tuple(o.hasOut, !o.schema->overload_name().empty(),
                           o.schema->arguments().size(), o.schema->overload_name());
  };
  return key(a) < key(b);
}

}  // namespace

const OperatorIndex& OperatorIndex::instance() {
  static const OperatorIndex index;
  return index;
}

OperatorIndex::OperatorIndex() {
  auto& dispatcher = c10::Dispatcher::singleton();
  for (const auto& name : dispatcher.getAllOpNames()) {
    if (name.name.rfind(kNamespace, 0) != 0) continue;
    auto handle = dispatcher.findSchema(name);
    if (!handle) continue;
    const c10::FunctionSchema& schema = handle->schema();
    byName_[name.name.substr(kNamespace.size())].push_back(
        Overload{*handle, &schema, isFactorySchema(schema), hasOutArgument(schema),
                 isHiddenFromPython(schema)});
  }
  names_.reserve(byName_.size());
  for (auto& [name, overloads] : byName_) {
    std::sort(overloads.begin(), overloads.end(), bindsEarlier);
    names_.push_back(name);
  }
  std::sort(names_.begin(), names_.end());
}

const std::vector<Overload>* OperatorIndex::find(std::string_view name) const {
  auto it = byName_.find(std::string(name));
  return it == byName_.end() ? nullptr : &it->second;
}

}  // namespace memlens::ops
