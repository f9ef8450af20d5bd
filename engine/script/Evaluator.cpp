#include "script/Evaluator.h"

#include <c10/core/GradMode.h>

#include "script/Attributes.h"
#include "script/Builtins.h"
#include "script/Indexing.h"
#include "script/Objects.h"
#include "script/Operators.h"
#include "script/PythonFormat.h"
#include "script/Sandbox.h"
#include "script/ValueFormat.h"
#include "script/Values.h"
#include "session/Cancellation.h"
#include "session/ErrorTranslation.h"
#include "session/Session.h"

namespace memlens::script {
namespace {

// Loop control travels as exceptions that are not std::exceptions, so no
// error handler mistakes them for failures.
struct BreakSignal {};
struct ContinueSignal {};

template <typename... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// Runs `body`, placing any error without a position at `position`.
template <typename Body>
auto located(const Position& position, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const ScriptError& e) {
    if (e.line() > 0) throw;
    throw ScriptError(e.type(), e.what(), position.line, position.column);
  } catch (const BreakSignal&) {
    throw;
  } catch (const ContinueSignal&) {
    throw;
  } catch (...) {
    const StepError error =
        translateException(std::current_exception(), Statement{"", position.line, position.column});
    throw ScriptError(error.type, error.message, position.line, position.column);
  }
}

std::string applyStringSpec(const std::string& text, const std::string& spec) {
  // fill, align and width: the part of the format mini-language strings use.
  char fill = ' ';
  char align = '<';
  std::size_t i = 0;
  if (spec.size() >= 2 && std::string("<>^").find(spec[1]) != std::string::npos) {
    fill = spec[0];
    align = spec[1];
    i = 2;
  } else if (!spec.empty() && std::string("<>^").find(spec[0]) != std::string::npos) {
    align = spec[0];
    i = 1;
  }
  // Widths and precisions stop growing past this, which no string needs.
  constexpr std::size_t kMaxWidth = std::size_t{1} << 20;
  const auto readNumber = [&] {
    std::size_t value = 0;
    for (; i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])); ++i) {
      value = value * 10 + static_cast<std::size_t>(spec[i] - '0');
      if (value > kMaxWidth) {
        throw ScriptError("ValueError", "format width in '" + spec + "' is too wide for MemLens");
      }
    }
    return value;
  };
  const std::size_t width = readNumber();
  std::string body = text;
  if (i < spec.size() && spec[i] == '.') {
    ++i;
    body = body.substr(0, readNumber());
  }
  if (i < spec.size() && spec[i] == 's') ++i;
  if (i != spec.size()) {
    throw ScriptError("ValueError",
                      "Invalid format specifier '" + spec + "' for object of type 'str'");
  }
  if (body.size() >= width) return body;
  const std::size_t pad = width - body.size();
  if (align == '>') return std::string(pad, fill) + body;
  if (align == '^') return std::string(pad / 2, fill) + body + std::string(pad - pad / 2, fill);
  return body + std::string(pad, fill);
}

}  // namespace

void Evaluator::execute(const Stmt& statement) {
  located(statement.position, [&] {
    checkCancellation();
    executeNode(statement);
  });
}

void Evaluator::executeBlock(const Block& block) {
  for (const auto& statement : block) execute(*statement);
}

void Evaluator::executeNode(const Stmt& statement) {
  std::visit(Overloaded{
                 [&](const ExprStmt& s) { evaluate(*s.value); },
                 [&](const AssignStmt& s) {
                   const c10::IValue value = evaluate(*s.value);
                   for (const auto& target : s.targets) assign(*target, value);
                 },
                 [&](const AugAssignStmt& s) { augmentedAssign(s); },
                 [&](const DeleteStmt& s) {
                   for (const auto& target : s.targets) remove(*target);
                 },
                 [&](const ImportStmt& s) {
                   // `import torch.nn.functional` binds `torch`; with `as`, the submodule.
                   if (s.alias.empty()) {
                     scope_.bind(s.module.substr(0, s.module.find('.')),
                                 makeObject<ModuleObject>("torch"));
                   } else {
                     scope_.bind(s.alias, makeObject<ModuleObject>(s.module));
                   }
                 },
                 [&](const PassStmt&) {},
                 [&](const BreakStmt&) { throw BreakSignal{}; },
                 [&](const ContinueStmt&) { throw ContinueSignal{}; },
                 [&](const ForStmt& s) {
                   const c10::IValue iterable = evaluate(*s.iter);
                   located(s.iter->position, [&] {
                     iterate(iterable, [&](const c10::IValue& item) {
                       assign(*s.target, item);
                       try {
                         executeBlock(s.body);
                       } catch (const ContinueSignal&) {
                       } catch (const BreakSignal&) {
                         return false;
                       }
                       return true;
                     });
                   });
                 },
                 [&](const IfStmt& s) {
                   const bool test =
                       located(s.test->position, [&] { return truthy(evaluate(*s.test)); });
                   executeBlock(test ? s.body : s.orelse);
                 },
                 [&](const WithStmt& s) {
                   const c10::IValue context = evaluate(*s.context);
                   const auto* mode = objectAs<GradModeObject>(context);
                   if (mode == nullptr) {
                     throw ScriptError("TypeError",
                                       "'" + ops::pythonTypeName(context) +
                                           "' object does not support the context manager protocol",
                                       s.context->position.line, s.context->position.column);
                   }
                   const c10::AutoGradMode guard(mode->mode == GradMode::EnableGrad);
                   if (s.target) assign(*s.target, c10::IValue());
                   executeBlock(s.body);
                 },
             },
             statement.node);
}

c10::IValue Evaluator::evaluate(const Expr& expression) {
  return located(expression.position, [&] { return evaluateNode(expression); });
}

c10::IValue Evaluator::lookup(const std::string& name) {
  if (const auto* value = scope_.lookup(name)) return *value;
  checkBuiltinAllowed(name);
  if (auto value = builtin(name, scope_, state_)) return *value;
  throw ScriptError("NameError", "name '" + name + "' is not defined");
}

std::vector<c10::IValue> Evaluator::evaluateElements(const std::vector<ExprPtr>& elements) {
  std::vector<c10::IValue> out;
  out.reserve(elements.size());
  for (const auto& element : elements) {
    if (const auto* starred = std::get_if<StarredExpr>(&element->node)) {
      const c10::IValue value = evaluate(*starred->value);
      for (auto& item : located(element->position, [&] { return materialize(value); })) {
        out.push_back(std::move(item));
      }
    } else {
      out.push_back(evaluate(*element));
    }
  }
  return out;
}

std::string Evaluator::formatFString(const FStringExpr& fstring) {
  std::string out;
  for (const auto& part : fstring.parts) {
    if (const auto* text = std::get_if<std::string>(&part)) {
      out += *text;
      continue;
    }
    const auto& field = std::get<FormattedValue>(part);
    c10::IValue value = evaluate(*field.value);
    located(field.value->position, [&] {
      if (field.conversion == 'r' || field.conversion == 'a')
        value = repr(value, state_.printOptions);
      if (field.conversion == 's') value = str(value, state_.printOptions);
      if (field.formatSpec.empty()) {
        out += str(value, state_.printOptions);
        return;
      }
      // Tensor.__format__ formats a 0-dim tensor as its item.
      if (value.isTensor() && value.toTensor().dim() == 0) {
        value = callAten("item", "item", ops::CallArguments{{value}, {}});
      }
      if (value.isDouble()) {
        out += formatWithSpec(value.toDouble(), field.formatSpec);
      } else if (isIntLike(value)) {
        out += formatWithSpec(toIntLike(value), field.formatSpec);
      } else if (value.isString()) {
        out += applyStringSpec(value.toStringRef(), field.formatSpec);
      } else {
        throwTypeError("unsupported format string passed to " + ops::pythonTypeName(value) +
                       ".__format__");
      }
    });
  }
  return out;
}

c10::IValue Evaluator::callValue(const c10::IValue& callee, const ops::CallArguments& arguments) {
  if (const auto* function = objectAs<FunctionObject>(callee)) return function->body(arguments);
  if (const auto* type = objectAs<TypeObject>(callee)) {
    if (type->construct) return type->construct(arguments);
    throwTypeError("cannot create '" + type->name + "' instances in MemLens scripts");
  }
  throwTypeError("'" + ops::pythonTypeName(callee) + "' object is not callable");
}

c10::IValue Evaluator::call(const CallExpr& callExpr) {
  // `tensor.add_(...)`: the method is called without making a bound method.
  const auto* method = std::get_if<AttributeExpr>(&callExpr.func->node);
  c10::IValue receiver;
  c10::IValue callee;
  if (method != nullptr) {
    // Located as evaluate() would locate it, the object first.
    located(callExpr.func->position, [&] {
      receiver = evaluate(*method->value);
      if (!receiver.isTensor() || !isOperatorMethod(method->attr)) {
        callee = attributeAt(*method, receiver);
        receiver = c10::IValue();
      }
    });
  } else {
    callee = evaluate(*callExpr.func);
  }
  ops::CallArguments arguments;
  arguments.positional = evaluateElements(callExpr.args);
  for (const auto& keyword : callExpr.keywords) {
    const c10::IValue value = evaluate(*keyword.value);
    if (!keyword.name.empty()) {
      arguments.keywords.emplace_back(keyword.name, value);
      continue;
    }
    located(keyword.position, [&] {
      if (!value.isGenericDict()) {
        throwTypeError("argument after ** must be a mapping, not " + ops::pythonTypeName(value));
      }
      for (const auto& entry : value.toGenericDict()) {
        if (!entry.key().isString()) throwTypeError("keywords must be strings");
        arguments.keywords.emplace_back(entry.key().toStringRef(), entry.value());
      }
    });
  }
  checkCancellation();
  if (receiver.isTensor()) return callOperatorMethod(receiver, method->attr, arguments);
  return callValue(callee, arguments);
}

c10::IValue Evaluator::attributeAt(const AttributeExpr& expression, const c10::IValue& object) {
  if (!object.isCapsule()) return attribute(object, expression.attr);
  // A module read here before: the same module object (a script that
  // imports again gets a new one) and the same name (an AST node's address
  // can be reused by a later script's).
  if (const auto it = state_.moduleAttributes.find(&expression);
      it != state_.moduleAttributes.end() && it->second.module.isSameIdentity(object) &&
      it->second.name == expression.attr) {
    return it->second.value;
  }
  const auto* module = objectAs<ModuleObject>(object);
  if (module == nullptr) return attribute(object, expression.attr);
  // Bounded: a script can spell endlessly many names.
  constexpr std::size_t kMaxRemembered = 4096;
  if (state_.moduleAttributes.size() >= kMaxRemembered) state_.moduleAttributes.clear();
  if (state_.moduleValues.size() >= kMaxRemembered) state_.moduleValues.clear();
  const std::string key = module->name + "." + expression.attr;
  auto it = state_.moduleValues.find(key);
  if (it == state_.moduleValues.end()) {
    it = state_.moduleValues.emplace(key, attribute(object, expression.attr)).first;
  }
  state_.moduleAttributes.insert_or_assign(&expression,
                                           ModuleAttribute{object, expression.attr, it->second});
  return it->second;
}

c10::IValue Evaluator::attribute(const c10::IValue& object, const std::string& name) {
  try {
    return getAttribute(object, name, state_);
  } catch (const ScriptError& e) {
    // The dunders MemLens implements (torch.__version__, Tensor.__and__)
    // work; any other is a way into Python's internals, not a typo.
    if (e.type() == "AttributeError") checkAttributeAllowed(name);
    throw;
  }
}

c10::IValue Evaluator::evaluateNode(const Expr& expression) {
  return std::visit(
      Overloaded{
          [&](const NameExpr& e) { return lookup(e.id); },
          [&](const IntLiteral& e) { return c10::IValue(e.value); },
          [&](const FloatLiteral& e) { return c10::IValue(e.value); },
          [&](const ImaginaryLiteral& e) { return c10::IValue(c10::complex<double>(0, e.value)); },
          [&](const StringLiteral& e) { return c10::IValue(e.value); },
          [&](const BoolLiteral& e) { return c10::IValue(e.value); },
          [&](const NoneLiteral&) { return c10::IValue(); },
          [&](const EllipsisLiteral&) { return ellipsisValue(); },
          [&](const FStringExpr& e) { return c10::IValue(formatFString(e)); },
          [&](const ListExpr& e) { return makeList(evaluateElements(e.elements)); },
          [&](const TupleExpr& e) { return makeTuple(evaluateElements(e.elements)); },
          [&](const DictExpr& e) {
            c10::impl::GenericDict dict(c10::AnyType::get(), c10::AnyType::get());
            for (std::size_t i = 0; i < e.keys.size(); ++i) {
              c10::IValue key = evaluate(*e.keys[i]);
              c10::IValue value = evaluate(*e.values[i]);
              checkContainable({key, value});
              dict.insert_or_assign(std::move(key), std::move(value));
            }
            return c10::IValue(std::move(dict));
          },
          [&](const BinaryExpr& e) {
            const c10::IValue left = evaluate(*e.left);
            const c10::IValue right = evaluate(*e.right);
            return binaryOperation(e.op, left, right);
          },
          [&](const UnaryExpr& e) { return unaryOperation(e.op, evaluate(*e.operand)); },
          [&](const BoolOpExpr& e) {
            c10::IValue value;
            for (const auto& operand : e.values) {
              value = evaluate(*operand);
              const bool isTrue = located(operand->position, [&] { return truthy(value); });
              if (isTrue == (e.op == BoolOp::Or)) return value;
            }
            return value;
          },
          [&](const CompareExpr& e) {
            c10::IValue left = evaluate(*e.left);
            c10::IValue result;
            for (std::size_t i = 0; i < e.ops.size(); ++i) {
              c10::IValue right = evaluate(*e.comparators[i]);
              result = compare(e.ops[i], left, right);
              if (i + 1 < e.ops.size() && !truthy(result)) return result;
              left = std::move(right);
            }
            return result;
          },
          [&](const IfExpr& e) {
            return truthy(evaluate(*e.test)) ? evaluate(*e.body) : evaluate(*e.orelse);
          },
          [&](const AttributeExpr& e) { return attributeAt(e, evaluate(*e.value)); },
          [&](const StarredExpr&) -> c10::IValue {
            throw ScriptError("SyntaxError", "can't use starred expression here");
          },
          [&](const CallExpr& e) { return call(e); },
          [&](const SliceExpr& e) {
            const auto part = [&](const ExprPtr& p) { return p ? evaluate(*p) : c10::IValue(); };
            return makeObject<SliceObject>(part(e.lower), part(e.upper), part(e.step));
          },
          [&](const SubscriptExpr& e) {
            const c10::IValue container = evaluate(*e.value);
            const c10::IValue index = evaluate(*e.index);
            return getItem(container, index);
          },
      },
      expression.node);
}

void Evaluator::assign(const Expr& target, const c10::IValue& value) {
  located(target.position, [&] {
    if (const auto* name = std::get_if<NameExpr>(&target.node)) {
      scope_.bind(name->id, value);
    } else if (const auto* subscript = std::get_if<SubscriptExpr>(&target.node)) {
      const c10::IValue container = evaluate(*subscript->value);
      setItem(container, evaluate(*subscript->index), value);
    } else if (const auto* attribute = std::get_if<AttributeExpr>(&target.node)) {
      checkAttributeAllowed(attribute->attr);
      setAttribute(evaluate(*attribute->value), attribute->attr, value);
    } else {
      const auto* elements = std::get_if<TupleExpr>(&target.node)
                                 ? &std::get<TupleExpr>(target.node).elements
                                 : &std::get<ListExpr>(target.node).elements;
      const auto items = materialize(value);
      if (items.size() > elements->size()) {
        throw ScriptError("ValueError", "too many values to unpack (expected " +
                                            std::to_string(elements->size()) + ")");
      }
      if (items.size() < elements->size()) {
        throw ScriptError("ValueError", "not enough values to unpack (expected " +
                                            std::to_string(elements->size()) + ", got " +
                                            std::to_string(items.size()) + ")");
      }
      for (std::size_t i = 0; i < items.size(); ++i) assign(*(*elements)[i], items[i]);
    }
  });
}

void Evaluator::augmentedAssign(const AugAssignStmt& statement) {
  const Expr& target = *statement.target;
  if (const auto* name = std::get_if<NameExpr>(&target.node)) {
    const c10::IValue current = evaluate(target);
    const c10::IValue operand = evaluate(*statement.value);
    scope_.bind(name->id, augmentedOperation(statement.op, current, operand));
  } else if (const auto* subscript = std::get_if<SubscriptExpr>(&target.node)) {
    const c10::IValue container = evaluate(*subscript->value);
    const c10::IValue index = evaluate(*subscript->index);
    const c10::IValue current = located(target.position, [&] { return getItem(container, index); });
    const c10::IValue operand = evaluate(*statement.value);
    const c10::IValue result = augmentedOperation(statement.op, current, operand);
    located(target.position, [&] { setItem(container, index, result); });
  } else if (const auto* attribute = std::get_if<AttributeExpr>(&target.node)) {
    const c10::IValue object = evaluate(*attribute->value);
    located(target.position, [&] { checkAttributeAllowed(attribute->attr); });
    const c10::IValue current =
        located(target.position, [&] { return this->attribute(object, attribute->attr); });
    const c10::IValue operand = evaluate(*statement.value);
    setAttribute(object, attribute->attr, augmentedOperation(statement.op, current, operand));
  } else {
    throw ScriptError("SyntaxError", "illegal expression for augmented assignment",
                      target.position.line, target.position.column);
  }
}

void Evaluator::remove(const Expr& target) {
  located(target.position, [&] {
    if (const auto* name = std::get_if<NameExpr>(&target.node)) {
      if (!scope_.unbind(name->id)) {
        throw ScriptError("NameError", "name '" + name->id + "' is not defined");
      }
    } else if (const auto* subscript = std::get_if<SubscriptExpr>(&target.node)) {
      deleteItem(evaluate(*subscript->value), evaluate(*subscript->index));
    } else if (const auto* tuple = std::get_if<TupleExpr>(&target.node)) {
      for (const auto& element : tuple->elements) remove(*element);
    } else {
      throw ScriptError("SyntaxError", "cannot delete this expression");
    }
  });
}

}  // namespace memlens::script
