// Attributes of plain Python objects in scripts: list, dict and str
// methods, torch.Size, torch.device, torch.dtype, storages, named tuples.

#include "script/Attributes.h"
#include "script/Indexing.h"
#include "script/Objects.h"
#include "script/Operators.h"
#include "script/Values.h"
#include "session/TensorFacts.h"

namespace memlens::script {
namespace {

using Args = ops::CallArguments;

[[noreturn]] void noAttribute(const c10::IValue& object, const std::string& name) {
  throw ScriptError("AttributeError",
                    "'" + ops::pythonTypeName(object) + "' object has no attribute '" + name + "'");
}

void expectCount(const Args& args, const std::string& name, std::size_t count) {
  if (args.positional.size() != count || !args.keywords.empty()) {
    throwTypeError(name + "() takes exactly " + std::to_string(count) + " argument" +
                   (count == 1 ? "" : "s") + " (" + std::to_string(args.positional.size()) +
                   " given)");
  }
}

c10::IValue listMethod(const c10::IValue& object, const std::string& name) {
  auto list = object.toList();
  const void* self = object.internalToPointer();
  if (name == "append") {
    return makeFunction("append", [list, self](const Args& args) mutable -> c10::IValue {
      expectCount(args, "list.append", 1);
      checkContainable({args.positional[0]}, self);
      list.push_back(args.positional[0]);
      return c10::IValue();
    });
  }
  if (name == "extend") {
    return makeFunction("extend", [list, self](const Args& args) mutable -> c10::IValue {
      expectCount(args, "list.extend", 1);
      const auto items = materialize(args.positional[0]);
      checkContainable(items, self);
      for (const auto& item : items) list.push_back(item);
      return c10::IValue();
    });
  }
  if (name == "insert") {
    return makeFunction("insert", [list, self](const Args& args) mutable -> c10::IValue {
      expectCount(args, "list.insert", 2);
      auto size = static_cast<std::int64_t>(list.size());
      auto i = toIntLike(args.positional[0]);
      if (i < 0) i = std::max<std::int64_t>(0, i + size);
      checkContainable({args.positional[1]}, self);
      list.insert(list.begin() + static_cast<std::size_t>(std::min(i, size)), args.positional[1]);
      return c10::IValue();
    });
  }
  if (name == "pop") {
    return makeFunction("pop", [list](const Args& args) mutable -> c10::IValue {
      if (list.empty()) throw ScriptError("IndexError", "pop from empty list");
      auto size = static_cast<std::int64_t>(list.size());
      auto i = args.positional.empty() ? size - 1 : toIntLike(args.positional[0]);
      if (i < 0) i += size;
      if (i < 0 || i >= size) throw ScriptError("IndexError", "pop index out of range");
      c10::IValue item = list.get(static_cast<std::size_t>(i));
      list.erase(list.begin() + static_cast<std::size_t>(i));
      return item;
    });
  }
  if (name == "index" || name == "count") {
    const bool count = name == "count";
    return makeFunction(name, [list, count](const Args& args) -> c10::IValue {
      expectCount(args, count ? "list.count" : "list.index", 1);
      std::int64_t found = 0;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (pythonEquals(list.get(i), args.positional[0])) {
          if (!count) return static_cast<std::int64_t>(i);
          ++found;
        }
      }
      if (!count) throw ScriptError("ValueError", "value is not in list");
      return found;
    });
  }
  if (name == "clear") {
    return makeFunction("clear", [list](const Args&) mutable -> c10::IValue {
      list.clear();
      return c10::IValue();
    });
  }
  if (name == "reverse") {
    return makeFunction("reverse", [list](const Args&) mutable -> c10::IValue {
      auto items = list.vec();
      for (std::size_t i = 0; i < items.size(); ++i) list.set(i, items[items.size() - 1 - i]);
      return c10::IValue();
    });
  }
  noAttribute(object, name);
}

c10::IValue stringMethod(const c10::IValue& object, const std::string& name) {
  const std::string text = object.toStringRef();
  if (name == "upper" || name == "lower") {
    const bool upper = name == "upper";
    return makeFunction(name, [text, upper](const Args&) -> c10::IValue {
      std::string out = text;
      for (auto& c : out) c = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
      return out;
    });
  }
  if (name == "join") {
    return makeFunction("join", [text](const Args& args) -> c10::IValue {
      expectCount(args, "str.join", 1);
      std::string out;
      bool first = true;
      for (const auto& item : materialize(args.positional[0])) {
        if (!item.isString())
          throwTypeError("sequence item: expected str instance, " + ops::pythonTypeName(item) +
                         " found");
        if (!first) out += text;
        out += item.toStringRef();
        first = false;
      }
      return out;
    });
  }
  if (name == "startswith" || name == "endswith") {
    const bool start = name == "startswith";
    return makeFunction(name, [text, start](const Args& args) -> c10::IValue {
      expectCount(args, start ? "startswith" : "endswith", 1);
      const std::string& affix = args.positional[0].toStringRef();
      return start ? text.starts_with(affix) : text.ends_with(affix);
    });
  }
  if (name == "strip") {
    return makeFunction("strip", [text](const Args&) -> c10::IValue {
      const auto begin = text.find_first_not_of(" \t\n\r");
      if (begin == std::string::npos) return std::string();
      return text.substr(begin, text.find_last_not_of(" \t\n\r") - begin + 1);
    });
  }
  if (name == "replace") {
    return makeFunction("replace", [text](const Args& args) -> c10::IValue {
      expectCount(args, "str.replace", 2);
      const std::string& from = args.positional[0].toStringRef();
      const std::string& to = args.positional[1].toStringRef();
      if (from.empty()) return text;
      std::string out;
      std::size_t at = 0;
      for (auto hit = text.find(from); hit != std::string::npos; hit = text.find(from, at)) {
        out += text.substr(at, hit - at) + to;
        at = hit + from.size();
      }
      return out + text.substr(at);
    });
  }
  noAttribute(object, name);
}

c10::IValue dictMethod(const c10::IValue& object, const std::string& name) {
  auto dict = object.toGenericDict();
  if (name == "keys" || name == "values" || name == "items") {
    return makeFunction(name, [dict, name](const Args&) -> c10::IValue {
      std::vector<c10::IValue> out;
      for (const auto& entry : dict) {
        if (name == "keys")
          out.push_back(entry.key());
        else if (name == "values")
          out.push_back(entry.value());
        else
          out.push_back(makeTuple({entry.key(), entry.value()}));
      }
      return makeList(std::move(out));
    });
  }
  if (name == "get") {
    return makeFunction("get", [dict](const Args& args) -> c10::IValue {
      if (args.positional.empty()) throwTypeError("get expected at least 1 argument, got 0");
      auto it = dict.find(args.positional[0]);
      if (it != dict.end()) return it->value();
      return args.positional.size() > 1 ? args.positional[1] : c10::IValue();
    });
  }
  noAttribute(object, name);
}

c10::IValue storageAttribute(const StorageObject& storage, const c10::IValue& object,
                             const std::string& name) {
  const c10::Storage s = storage.storage;
  const auto itemSize =
      storage.dtype ? static_cast<std::int64_t>(c10::elementSize(*storage.dtype)) : 1;
  if (name == "data_ptr") {
    return makeFunction("data_ptr", [s](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(s.data()));
    });
  }
  if (name == "nbytes") {
    return makeFunction("nbytes", [s](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(s.nbytes());
    });
  }
  if (name == "size" || name == "__len__") {
    return makeFunction("size", [s, itemSize](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(s.nbytes()) / itemSize;
    });
  }
  if (name == "element_size")
    return makeFunction("element_size",
                        [itemSize](const Args&) -> c10::IValue { return itemSize; });
  if (name == "device") return c10::IValue(s.device());
  if (name == "dtype" && storage.dtype) return ops::dtypeValue(*storage.dtype);
  if (name == "tolist") {
    const auto type = storage.dtype.value_or(c10::kByte);
    return makeFunction("tolist", [s, type](const Args&) -> c10::IValue {
      std::vector<c10::IValue> out;
      for (const auto& element : readStorage(s, type).value_or(std::vector<ElementValue>{})) {
        out.push_back(std::visit(
            [](const auto& v) -> c10::IValue {
              using T = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<T, std::complex<double>>)
                return c10::complex<double>(v.real(), v.imag());
              else
                return v;
            },
            element));
      }
      return makeList(std::move(out));
    });
  }
  noAttribute(object, name);
}

}  // namespace

c10::IValue objectAttribute(const c10::IValue& object, const std::string& name) {
  if (object.isList()) return listMethod(object, name);
  if (object.isString()) return stringMethod(object, name);
  if (object.isGenericDict()) return dictMethod(object, name);
  if (object.isDevice()) {
    const c10::Device device = object.toDevice();
    if (name == "type") return c10::DeviceTypeName(device.type(), /*lower_case=*/true);
    if (name == "index")
      return device.has_index() ? c10::IValue(static_cast<std::int64_t>(device.index()))
                                : c10::IValue();
  }
  if (object.isComplexDouble()) {
    if (name == "real") return object.toComplexDouble().real();
    if (name == "imag") return object.toComplexDouble().imag();
  }
  if (const auto* size = objectAs<ops::SizeObject>(object)) {
    if (name == "numel") {
      const auto sizes = size->sizes;
      return makeFunction("numel", [sizes](const Args&) -> c10::IValue {
        std::int64_t n = 1;
        for (auto s : sizes) n *= s;
        return n;
      });
    }
  }
  if (const auto* dtype = objectAs<ops::DtypeObject>(object)) {
    if (name == "is_floating_point") return c10::isFloatingType(dtype->type);
    if (name == "is_complex") return c10::isComplexType(dtype->type);
    if (name == "is_signed") return c10::isSignedType(dtype->type);
  }
  if (auto names = namedTupleNames(object)) {
    for (std::size_t i = 0; i < names->fields.size(); ++i) {
      if (names->fields[i] == name) return object.toTupleRef().elements()[i];
    }
  }
  if (const auto* range = objectAs<RangeObject>(object)) {
    if (name == "start") return range->start;
    if (name == "stop") return range->stop;
    if (name == "step") return range->step;
  }
  if (const auto* storage = objectAs<StorageObject>(object))
    return storageAttribute(*storage, object, name);
  if (const auto* gradFn = objectAs<GradFnObject>(object)) {
    if (name == "name") {
      const std::string n = gradFn->name;
      return makeFunction("name", [n](const Args&) -> c10::IValue { return n; });
    }
  }
  noAttribute(object, name);
}

}  // namespace memlens::script
