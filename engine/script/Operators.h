#pragma once
// Python's operators on script values: numbers with Python's semantics,
// tensors through the dunder methods PyTorch defines (`x + y` is
// Tensor.__add__, `x += y` is Tensor.__iadd__, which writes in place).

#include <ATen/core/ivalue.h>

#include "script/Ast.h"

namespace memlens::script {

c10::IValue binaryOperation(BinaryOp op, const c10::IValue& left, const c10::IValue& right);
// `target op= value`: in place where Python's __i<op>__ exists (tensors, lists).
c10::IValue augmentedOperation(BinaryOp op, const c10::IValue& target, const c10::IValue& value);
c10::IValue unaryOperation(UnaryOp op, const c10::IValue& operand);
c10::IValue compare(CompareOp op, const c10::IValue& left, const c10::IValue& right);

bool truthy(const c10::IValue& value);
bool pythonEquals(const c10::IValue& a, const c10::IValue& b);

}  // namespace memlens::script
