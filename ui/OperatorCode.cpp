#include "ui/OperatorCode.h"

#include <algorithm>

namespace memlens::ui {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\n");
  return text.substr(begin, end - begin + 1);
}

// Calls visit(i, depth) for each character of `text` outside quotes, with
// the bracket depth after it: types carry `(a!)` and `[2]`, defaults
// `[1, 1]` and `"valid"`. Gives the index of the first character for which
// visit returns true, or npos.
template <typename Visit>
std::size_t scanBrackets(std::string_view text, const Visit& visit) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      continue;
    }
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    }
    if (visit(i, depth)) return i;
  }
  return std::string_view::npos;
}

// Splits `text` at `separator` where it is outside brackets and quotes.
std::vector<std::string_view> splitTopLevel(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  scanBrackets(text, [&](std::size_t i, int depth) {
    if (text[i] == separator && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
    return false;
  });
  parts.push_back(text.substr(start));
  return parts;
}

// The argument list between the schema's outer parentheses and the return
// type after them; none when the text has no balanced argument list.
struct SchemaParts {
  std::string_view arguments;
  std::string_view returns;
};
std::optional<SchemaParts> splitSchema(std::string_view schema) {
  const auto open = schema.find('(');
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view list = schema.substr(open);
  const auto close = scanBrackets(list, [](std::size_t, int depth) { return depth == 0; });
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view rest = list.substr(close + 1);
  const auto arrow = rest.find("->");
  return SchemaParts{list.substr(1, close - 1), arrow == std::string_view::npos
                                                    ? std::string_view()
                                                    : trimmed(rest.substr(arrow + 2))};
}

bool isTensorType(const std::string& type) {
  return type.starts_with("Tensor");
}
bool isWritten(const SchemaArgument& argument) {
  return isTensorType(argument.type) && argument.type.find('!') != std::string::npos;
}
// `Tensor(a)`: the result aliases this argument.
bool isAliased(const SchemaArgument& argument) {
  return isTensorType(argument.type) && argument.type.starts_with("Tensor(") &&
         !isWritten(argument);
}

std::string valueOf(const ArgumentValues& args, const std::string& name) {
  for (const auto& [key, value] : args) {
    if (key == name) return std::string(trimmed(value));
  }
  return {};
}

std::string quoted(const std::string& name) {
  return "`" + name + "`";
}

std::string joinedNames(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += quoted(names[i]);
  }
  return text;
}

// `torch.linalg.norm` is ATen's `linalg_norm`: Python's submodules, which
// MemLens's script language resolves the same way.
std::string functionName(const std::string& name) {
  for (const std::string_view module : {"linalg", "fft", "special"}) {
    const std::string prefix = std::string(module) + "_";
    if (name.starts_with(prefix) && name.size() > prefix.size()) {
      return "torch." + std::string(module) + "." + name.substr(prefix.size());
    }
  }
  return "torch." + name;
}

}  // namespace

std::vector<SchemaArgument> parseSchemaArguments(std::string_view schema) {
  const auto parts = splitSchema(schema);
  if (!parts || trimmed(parts->arguments).empty()) return {};
  std::vector<SchemaArgument> arguments;
  bool kwOnly = false;
  for (const auto piece : splitTopLevel(parts->arguments, ',')) {
    const auto text = trimmed(piece);
    if (text == "*") {
      kwOnly = true;
      continue;
    }
    const auto sides = splitTopLevel(text, '=');
    const auto declaration = trimmed(sides.front());
    const auto space = declaration.find_last_of(" \t");
    if (space == std::string_view::npos) return {};
    SchemaArgument argument;
    argument.name = std::string(declaration.substr(space + 1));
    argument.type = std::string(trimmed(declaration.substr(0, space)));
    if (sides.size() > 1)
      argument.defaultValue = std::string(trimmed(text.substr(sides[0].size() + 1)));
    argument.kwOnly = kwOnly;
    argument.isOutput = kwOnly && isWritten(argument);
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

bool inCategory(const PaletteOperator& op, OperatorCategory category) {
  switch (category) {
    case OperatorCategory::All: return true;
    case OperatorCategory::InPlace: return op.effect == "in-place";
    case OperatorCategory::View: return op.effect == "view";
    case OperatorCategory::Out: return op.effect == "out=";
    case OperatorCategory::Create:
    case OperatorCategory::CopyNew: {
      const auto arguments = parseSchemaArguments(op.schema);
      const bool tensorInput = std::any_of(arguments.begin(), arguments.end(),
                                           [](const auto& a) { return isTensorType(a.type); });
      if (category == OperatorCategory::CopyNew) return op.effect == "new" && tensorInput;
      const auto parts = splitSchema(op.schema);
      return !tensorInput && parts && parts->returns.find("Tensor") != std::string_view::npos;
    }
    case OperatorCategory::Autograd:
      // A grouping by name only, for finding things; the schema does not say
      // what touches autograd. Names with "grad" (requires_grad_, grad,
      // _fw_grad), "backward" (the derivative kernels) or starting with
      // "detach" (which cuts a tensor from the graph).
      return op.name.find("grad") != std::string::npos ||
             op.name.find("backward") != std::string::npos || op.name.starts_with("detach");
  }
  return false;
}

bool isInternal(const PaletteOperator& op) {
  return op.name.starts_with('_');
}

std::string effectInWords(const PaletteOperator& op) {
  const auto arguments = parseSchemaArguments(op.schema);
  std::vector<std::string> written;
  std::vector<std::string> aliased;
  for (const auto& argument : arguments) {
    if (isWritten(argument)) written.push_back(argument.name);
    if (isAliased(argument)) aliased.push_back(argument.name);
  }
  if (op.effect == "in-place" && !written.empty()) {
    return "writes its " + joinedNames(written) +
           (written.size() > 1 ? " arguments" : " argument") + " in place";
  }
  if (op.effect == "out=" && !written.empty()) return "writes into " + joinedNames(written);
  if (op.effect == "view" && !aliased.empty()) {
    return "returns a view of " + joinedNames(aliased) + " (shares its storage)";
  }
  if (op.effect == "new") return "allocates a new tensor";
  if (op.effect == "none") return "neither allocates nor writes a tensor";
  return "predicted effect: " + op.effect;
}

CallForm callFormOf(const PaletteOperator& op) {
  const auto arguments = parseSchemaArguments(op.schema);
  const bool selfFirst = !arguments.empty() && arguments.front().name == "self" &&
                         isTensorType(arguments.front().type) && !arguments.front().kwOnly;
  if (op.effect == "in-place" && selfFirst && isWritten(arguments.front())) return CallForm::Method;
  // Several views (view, expand, unfold) exist in Python only as Tensor
  // methods, and every view of `self` reads naturally as one.
  if (op.effect == "view" && selfFirst && isAliased(arguments.front())) return CallForm::Method;
  if (op.effect == "out=") return CallForm::OutFunction;
  return CallForm::Function;
}

bool bindsResult(const PaletteOperator& op) {
  const auto form = callFormOf(op);
  if (form == CallForm::OutFunction) return false;
  if (form == CallForm::Method && op.effect == "in-place") return false;
  const auto parts = splitSchema(op.schema);
  return parts && !parts->returns.empty() && parts->returns != "()";
}

std::vector<std::string> missingArguments(const PaletteOperator& op, const ArgumentValues& args) {
  std::vector<std::string> missing;
  for (const auto& argument : parseSchemaArguments(op.schema)) {
    if (!argument.defaultValue && valueOf(args, argument.name).empty()) {
      missing.push_back(argument.name);
    }
  }
  return missing;
}

std::optional<std::string> codeForCall(const PaletteOperator& op, const ArgumentValues& args,
                                       const std::string& result) {
  if (!missingArguments(op, args).empty()) return std::nullopt;
  auto arguments = parseSchemaArguments(op.schema);
  const auto form = callFormOf(op);
  std::string call;
  if (form == CallForm::Method) {
    call = valueOf(args, arguments.front().name) + "." + op.name;
    arguments.erase(arguments.begin());
  } else {
    call = functionName(op.name);
  }
  std::vector<std::string> written;
  bool positional = true;
  for (const auto& argument : arguments) {
    const auto value = valueOf(args, argument.name);
    if (value.empty()) {
      if (!argument.kwOnly) positional = false;  // later ones go by name
      continue;
    }
    const bool inOrder = positional && !argument.kwOnly;
    written.push_back(inOrder ? value : argument.name + "=" + value);
  }
  call += "(";
  for (std::size_t i = 0; i < written.size(); ++i) call += (i > 0 ? ", " : "") + written[i];
  call += ")";
  const auto name = std::string(trimmed(result));
  return bindsResult(op) && !name.empty() ? name + " = " + call : call;
}

}  // namespace memlens::ui
