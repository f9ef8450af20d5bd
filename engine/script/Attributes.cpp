#include "script/Attributes.h"

#include "script/Objects.h"
#include "script/Values.h"

namespace memlens::script {

c10::IValue callAten(const std::string& op, const std::string& displayName,
                     ops::CallArguments arguments) {
  auto result = ops::callOperator(op, arguments, displayName);
  const auto& returns = result.overload->schema->returns();
  if (result.returns.size() == 1) return pythonValue(std::move(result.returns[0]));
  if (result.returns.empty()) return c10::IValue();
  std::vector<c10::IValue> values;
  for (auto& v : result.returns) values.push_back(pythonValue(std::move(v)));
  // Named returns are PyTorch's torch.return_types namedtuples.
  if (!returns.empty() && !returns[0].name().empty()) {
    std::vector<std::string> fields;
    for (const auto& r : returns) fields.push_back(r.name());
    std::string name = op;
    if (!name.empty() && name.back() == '_') name.pop_back();
    return makeObject<NamedTupleObject>("torch.return_types." + name, std::move(fields),
                                        std::move(values));
  }
  return makeTuple(std::move(values));
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
