#pragma once
// The operator palette's plain logic, without Qt or LibTorch: reading an
// operator's schema text, grouping operators into categories, saying what an
// operator is predicted to do in words, and writing a call to it as a line of
// MemLens's script language (docs/SCRIPT_LANGUAGE.md).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace memlens::ui {

// One operator overload as the engine's catalog lists it
// (engine/ops/OperatorCatalog.h), copied into plain data by the caller.
struct PaletteOperator {
  std::string name;      // "add"
  std::string overload;  // "Tensor", "" for the default overload
  std::string schema;  // "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"
  std::string effect;  // predicted from alias annotations: new, in-place, out=, view, none
};

struct SchemaArgument {
  std::string name;                         // "alpha"
  std::string type;                         // "Scalar", "Tensor(a!)", "int[1]?"
  std::optional<std::string> defaultValue;  // as the schema spells it: "1", "None", "[0]"
  bool kwOnly = false;                      // after the schema's `*`
  bool isOutput = false;                    // a keyword-only written tensor: `Tensor(a!) out`
};

// The arguments of a schema in order; empty for text that is not a schema.
std::vector<SchemaArgument> parseSchemaArguments(std::string_view schema);

// The palette's groups. Derived from the schema and the predicted effect,
// never from a list of operator names, so new LibTorch operators fall into
// place; an operator may be in several.
enum class OperatorCategory {
  All,
  Create,    // no Tensor argument, returns a Tensor: factories (zeros, arange)
  InPlace,   // writes an argument in place (add_)
  View,      // returns a view of an argument (t, view)
  CopyNew,   // allocates a new tensor from tensor arguments (add, clone)
  Out,       // writes into `out=` tensors (add.out)
  Autograd,  // see inCategory
};
bool inCategory(const PaletteOperator& op, OperatorCategory category);

// Python does not expose operators whose name starts with `_`.
bool isInternal(const PaletteOperator& op);

// "writes its `self` argument in place", "returns a view of `self` (shares its
// storage)", "allocates a new tensor", "writes into `out`".
std::string effectInWords(const PaletteOperator& op);

// How a call is written.
enum class CallForm {
  Method,       // in-place (`x.add_(y)`) and views of self (`v = x.view(2, 3)`)
  OutFunction,  // `torch.add(a, b, out=c)`: nothing to bind
  Function,     // `t1 = torch.add(a, b)`
};
CallForm callFormOf(const PaletteOperator& op);
// Whether the call's line binds its result to a name.
bool bindsResult(const PaletteOperator& op);

// Argument values by argument name; an empty value leaves the argument out.
using ArgumentValues = std::vector<std::pair<std::string, std::string>>;

// Required arguments (no default) with no value, in schema order.
std::vector<std::string> missingArguments(const PaletteOperator& op, const ArgumentValues& args);

// The line of script calling `op`, or none while a required argument is
// missing. Positional arguments go in order until the first one left out,
// later ones and keyword-only ones as `name=value`; `result` names the result
// where bindsResult says so.
std::optional<std::string> codeForCall(const PaletteOperator& op, const ArgumentValues& args,
                                       const std::string& result);

}  // namespace memlens::ui
