#include "script/Attributes.h"

#include "script/Objects.h"
#include "script/Sandbox.h"
#include "script/Values.h"

namespace memlens::script {

c10::IValue callAten(const std::string& op, const std::string& displayName,
                     ops::CallArguments arguments) {
  checkOperatorAllowed(op);
  auto result = ops::callOperator(op, arguments, displayName);
  const auto& returns = result.overload->schema->returns();
  // Enum-like returns (ScalarType from result_type) come back as ints.
  const auto python = [&](std::size_t i) {
    if (i < returns.size() && returns[i].real_type()->kind() == c10::TypeKind::ScalarTypeType &&
        result.returns[i].isInt()) {
      return ops::dtypeValue(static_cast<c10::ScalarType>(result.returns[i].toInt()));
    }
    return pythonValue(std::move(result.returns[i]));
  };
  if (result.returns.size() == 1) return python(0);
  if (result.returns.empty()) return c10::IValue();
  std::vector<c10::IValue> values;
  for (std::size_t i = 0; i < result.returns.size(); ++i) values.push_back(python(i));
  // Named returns are PyTorch's torch.return_types namedtuples.
  if (!returns.empty() && !returns[0].name().empty()) {
    std::vector<std::string> fields;
    for (const auto& r : returns) fields.push_back(r.name());
    std::string name = op;
    if (!name.empty() && name.back() == '_') name.pop_back();
    return makeNamedTuple("torch.return_types." + name, fields, std::move(values));
  }
  return makeTuple(std::move(values));
}

c10::IValue unique(const c10::IValue& tensor, const ops::CallArguments& arguments) {
  bool sorted = true, returnInverse = false, returnCounts = false;
  c10::IValue dim;
  const char* names[] = {"sorted", "return_inverse", "return_counts", "dim"};
  const auto set = [&](std::string_view name, const c10::IValue& value) {
    if (name == "sorted")
      sorted = value.toBool();
    else if (name == "return_inverse")
      returnInverse = value.toBool();
    else if (name == "return_counts")
      returnCounts = value.toBool();
    else if (name == "dim")
      dim = value;
    else
      throwTypeError("unique() got an unexpected keyword argument '" + std::string(name) + "'");
  };
  for (std::size_t i = 0; i < arguments.positional.size() && i < 4; ++i) {
    set(names[i], arguments.positional[i]);
  }
  for (const auto& [name, value] : arguments.keywords) set(name, value);
  const c10::IValue result =
      dim.isNone()
          ? callAten("_unique2", "unique",
                     ops::CallArguments{{tensor, sorted, returnInverse, returnCounts}, {}})
          : callAten("unique_dim", "unique",
                     ops::CallArguments{{tensor, dim, sorted, returnInverse, returnCounts}, {}});
  const auto parts = sequenceItems(result);
  if (!returnInverse && !returnCounts) return parts.at(0);
  std::vector<c10::IValue> out{parts.at(0)};
  if (returnInverse) out.push_back(parts.at(1));
  if (returnCounts) out.push_back(parts.at(2));
  return makeTuple(std::move(out));
}

c10::IValue getAttribute(const c10::IValue& object, const std::string& name, ScriptState& state) {
  if (const auto* module = objectAs<ModuleObject>(object)) {
    return torchModuleAttribute(module->name, name, state);
  }
  if (object.isTensor()) return tensorAttribute(object, name);
  return objectAttribute(object, name);
}

void setAttribute(const c10::IValue& object, const std::string& name, const c10::IValue& value) {
  if (object.isTensor()) {
    setTensorAttribute(object, name, value);
    return;
  }
  if (const auto* module = objectAs<ModuleObject>(object)) {
    throw ScriptError("AttributeError", "setting attributes of module '" + module->name +
                                            "' is not supported in MemLens scripts");
  }
  throw ScriptError("AttributeError", "'" + ops::pythonTypeName(object) + "' object attribute '" +
                                          name + "' is read-only");
}

}  // namespace memlens::script
