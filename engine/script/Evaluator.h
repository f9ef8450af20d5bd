#pragma once
// Executes script statements against a session's Scope with Python's
// semantics. Errors are ScriptErrors placed at the innermost expression that
// failed, with Python's exception type and PyTorch's own message.

#include <ATen/core/ivalue.h>

#include "ops/OperatorCall.h"
#include "script/Ast.h"
#include "script/ScriptState.h"
#include "session/Scope.h"

namespace memlens::script {

class Evaluator {
 public:
  Evaluator(Scope& scope, ScriptState& state) : scope_(scope), state_(state) {}

  void execute(const Stmt& statement);
  c10::IValue evaluate(const Expr& expression);

 private:
  void executeBlock(const Block& block);
  void executeNode(const Stmt& statement);
  c10::IValue evaluateNode(const Expr& expression);

  c10::IValue lookup(const std::string& name);
  c10::IValue call(const CallExpr& call);
  // `object.name`, module attributes remembered (ScriptState::moduleAttributes).
  c10::IValue attributeAt(const AttributeExpr& expression, const c10::IValue& object);
  // getAttribute, with the sandbox's verdict on dunder names.
  c10::IValue attribute(const c10::IValue& object, const std::string& name);
  c10::IValue callValue(const c10::IValue& callee, const ops::CallArguments& arguments);
  std::vector<c10::IValue> evaluateElements(const std::vector<ExprPtr>& elements);
  std::string formatFString(const FStringExpr& fstring);

  void assign(const Expr& target, const c10::IValue& value);
  void augmentedAssign(const AugAssignStmt& statement);
  void remove(const Expr& target);

  Scope& scope_;
  ScriptState& state_;
};

}  // namespace memlens::script
