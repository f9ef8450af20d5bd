// Reading a trace straight from its text into Steps, in two ways. The fast
// one reads each field where it stands and stops at the first problem. Only
// when it stops, the text is read again as a reader of the whole document
// reads it, which decides: a syntax error anywhere comes first, then each
// record's fields in a fixed order (a trace of another version fails on its
// version, not on its steps), and the last of a repeated field counts.

#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "trace/JsonReader.h"
#include "trace/TraceJson.h"
#include "trace/TraceLimits.h"

namespace memlens {
namespace {

struct FieldName {
  std::string_view name;
  bool required;
};

// The fields of one kind of record, in the order they are checked: the first
// missing one is the one named.
template <std::size_t N>
using Fields = std::array<FieldName, N>;

class TraceReader {
 public:
  enum class Order : std::uint8_t {
    Document,  // each field where it stands
    Fields,    // each record's fields in the order of its Fields
  };

  TraceReader(std::string_view text, Order order) : json_(text), order_(order) {}

  Trace trace();

 private:
  // Reads an object's fields: read(index in `fields`, path) for each known
  // one reads its value; unknown ones are skipped.
  template <std::size_t N, class Read>
  void readFields(const JsonPath& at, const Fields<N>& fields, Read&& read);

  std::vector<Step> steps(const JsonPath& at);
  Step step(const JsonPath& at);
  std::optional<StepError> error(const JsonPath& at);
  std::vector<StepKind> kinds(const JsonPath& at);
  TensorRecord tensor(const JsonPath& at);
  std::optional<std::vector<ElementValue>> values(const JsonPath& at);
  ElementValue element(const JsonPath& at);
  std::complex<double> complex(const JsonPath& at);
  double real(const JsonPath& at);
  StorageRecord storage(const JsonPath& at);
  MemoryEvent event(const JsonPath& at);
  OperatorCall call(const JsonPath& at);
  DataFlow flow(const JsonPath& at);
  DeviceTotal total(const JsonPath& at);
  DeviceSegments segments(const JsonPath& at);
  MemorySegment segment(const JsonPath& at);
  std::vector<std::int64_t> integers(const JsonPath& at);
  std::vector<std::string> strings(const JsonPath& at);
  // Each item of an array, read by read(path).
  template <class Read>
  auto list(const JsonPath& at, Read&& read) {
    std::vector<decltype(read(at))> out;
    json_.array(at, [&](const JsonPath& item) { out.push_back(read(item)); });
    return out;
  }
  // The same, or none where the field is null.
  template <class Read>
  auto optionalList(const JsonPath& at, Read&& read) {
    return json_.null() ? decltype(list(at, read)){} : list(at, read);
  }

  JsonReader json_;
  const Order order_;
  // The last description read for each schema text.
  std::unordered_map<std::string, std::shared_ptr<const OperatorDescription>> descriptions_;
};

template <std::size_t N, class Read>
void TraceReader::readFields(const JsonPath& at, const Fields<N>& fields, Read&& read) {
  const auto find = [&fields](std::string_view key) {
    std::size_t i = 0;
    while (i < N && fields[i].name != key) ++i;
    return i;
  };
  const auto missing = [&](std::size_t i) {
    JsonReader::fail(at, "missing field \"" + std::string(fields[i].name) + "\"");
  };
  if (order_ == Order::Document) {
    static_assert(N <= 32);
    std::uint32_t seen = 0;
    json_.object(at, [&](std::string_view key, const JsonPath& path) {
      const std::size_t i = find(key);
      if (i == N) return json_.skip();
      seen |= 1u << i;
      read(i, path);
    });
    for (std::size_t i = 0; i < N; ++i) {
      if (fields[i].required && (seen & (1u << i)) == 0) missing(i);
    }
    return;
  }
  std::array<std::optional<std::size_t>, N> values;  // where each field's value starts
  json_.object(at, [&](std::string_view key, const JsonPath&) {
    if (const std::size_t i = find(key); i < N) values[i] = json_.offset();
    json_.skip();
  });
  const std::size_t after = json_.offset();
  for (std::size_t i = 0; i < N; ++i) {
    if (values[i]) {
      json_.seek(*values[i]);
      read(i, JsonPath(at, fields[i].name));
    } else if (fields[i].required) {
      missing(i);
    }
  }
  json_.seek(after);
}

Trace TraceReader::trace() {
  const JsonPath root;
  if (json_.peek() != JsonReader::Type::Object) {
    JsonReader::fail(root, "expected a JSON object at the top level");
  }
  enum : std::size_t { Format, Version, TorchVersion, Steps };
  static constexpr Fields<4> kFields{
      {{"format", true}, {"version", true}, {"torch_version", true}, {"steps", true}}};
  Trace trace;
  readFields(root, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Format: {
        const std::string format = json_.string(path);
        if (format != kTraceFormat) {
          JsonReader::fail(
              path, "expected \"" + std::string(kTraceFormat) + "\", got \"" + format + "\"");
        }
        break;
      }
      case Version: {
        const std::int64_t version = json_.integer(path);
        if (version != kTraceVersion) {
          JsonReader::fail(path, "this MemLens reads trace version " +
                                     std::to_string(kTraceVersion) + ", the file is version " +
                                     std::to_string(version));
        }
        break;
      }
      case TorchVersion: trace.torchVersion = json_.string(path); break;
      case Steps: trace.steps = steps(path); break;
    }
  });
  json_.end();
  return trace;
}

std::vector<Step> TraceReader::steps(const JsonPath& at) {
  return list(at, [this](const JsonPath& item) { return step(item); });
}

Step TraceReader::step(const JsonPath& at) {
  enum : std::size_t {
    Line,
    Code,
    Kind,
    Output,
    Error,
    Tensors,
    Unbound,
    Storages,
    Freed,
    Events,
    Calls,
    Flows,
    Totals,
    Segments,
    Substeps
  };
  static constexpr Fields<15> kFields{{{"line", true},
                                       {"code", true},
                                       {"kind", true},
                                       {"output", true},
                                       {"error", true},
                                       {"tensors", true},
                                       {"unbound", true},
                                       {"storages", true},
                                       {"freed", true},
                                       {"events", true},
                                       {"calls", false},
                                       {"flows", false},
                                       {"totals", false},
                                       {"segments", false},
                                       {"substeps", false}}};
  Step step;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Line: step.line = json_.smallInteger(path); break;
      case Code: step.code = json_.string(path); break;
      case Kind: step.kinds = kinds(path); break;
      case Output: step.output = json_.string(path); break;
      case Error: step.error = error(path); break;
      case Tensors:
        step.tensors = list(path, [this](const JsonPath& p) { return tensor(p); });
        break;
      case Unbound: step.unbound = strings(path); break;
      case Storages:
        step.storages = list(path, [this](const JsonPath& p) { return storage(p); });
        break;
      case Freed: step.freed = integers(path); break;
      case Events: step.events = list(path, [this](const JsonPath& p) { return event(p); }); break;
      case Calls:
        step.calls = optionalList(path, [this](const JsonPath& p) { return call(p); });
        break;
      case Flows:
        step.flows = optionalList(path, [this](const JsonPath& p) { return flow(p); });
        break;
      case Totals:
        step.totals = optionalList(path, [this](const JsonPath& p) { return total(p); });
        break;
      case Segments:
        step.segments = optionalList(path, [this](const JsonPath& p) { return segments(p); });
        break;
      case Substeps:
        step.substeps = optionalList(path, [this](const JsonPath& p) { return this->step(p); });
        break;
    }
  });
  return step;
}

std::optional<StepError> TraceReader::error(const JsonPath& at) {
  if (json_.null()) return std::nullopt;
  enum : std::size_t { Type, Message, Line, Column };
  static constexpr Fields<4> kFields{
      {{"type", true}, {"message", true}, {"line", true}, {"column", true}}};
  StepError error;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Type: error.type = json_.string(path); break;
      case Message: error.message = json_.string(path); break;
      case Line: error.line = json_.smallInteger(path); break;
      case Column: error.column = json_.smallInteger(path); break;
    }
  });
  return error;
}

std::vector<StepKind> TraceReader::kinds(const JsonPath& at) {
  return list(at, [this](const JsonPath& item) {
    const std::string name = json_.string(item);
    const auto kind = stepKindFromString(name);
    if (!kind) JsonReader::fail(item, "unknown step kind \"" + name + "\"");
    return *kind;
  });
}

TensorRecord TraceReader::tensor(const JsonPath& at) {
  enum : std::size_t {
    Name,
    Id,
    Storage,
    Shape,
    Strides,
    Offset,
    Dtype,
    Device,
    Version,
    RequiresGrad,
    GradFn,
    Values
  };
  static constexpr Fields<12> kFields{{{"name", true},
                                       {"id", true},
                                       {"storage", true},
                                       {"shape", true},
                                       {"strides", true},
                                       {"offset", true},
                                       {"dtype", true},
                                       {"device", true},
                                       {"version", true},
                                       {"requires_grad", true},
                                       {"grad_fn", false},
                                       {"values", false}}};
  TensorRecord t;
  bool haveShape = false, haveStrides = false;
  // Strides are empty for layouts without them (sparse); otherwise one per
  // dimension. Checked when the second of the two is read.
  const auto checkStrides = [&] {
    if (haveShape && haveStrides && !t.strides.empty() && t.shape.size() != t.strides.size()) {
      JsonReader::fail(at, "shape and strides differ in length");
    }
  };
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Name: t.name = json_.string(path); break;
      case Id: t.id = json_.integer(path); break;
      case Storage: t.storage = json_.integer(path); break;
      case Shape:
        t.shape = integers(path);
        haveShape = true;
        checkStrides();
        break;
      case Strides:
        t.strides = integers(path);
        haveStrides = true;
        checkStrides();
        break;
      case Offset: t.offset = json_.integer(path); break;
      case Dtype: t.dtype = json_.string(path); break;
      case Device: t.device = json_.string(path); break;
      case Version: t.version = json_.integer(path); break;
      case RequiresGrad: t.requiresGrad = json_.boolean(path); break;
      // Older traces have no grad_fn.
      case GradFn:
        t.gradFn = json_.null() ? std::nullopt : std::optional(json_.string(path));
        break;
      case Values: t.values = values(path); break;
    }
  });
  return t;
}

std::optional<std::vector<ElementValue>> TraceReader::values(const JsonPath& at) {
  if (json_.null()) return std::nullopt;
  return list(at, [this](const JsonPath& item) { return element(item); });
}

ElementValue TraceReader::element(const JsonPath& at) {
  switch (json_.peek()) {
    case JsonReader::Type::Boolean: return json_.boolean(at);
    case JsonReader::Type::Array: return complex(at);
    case JsonReader::Type::Number: {
      const JsonNumber number = json_.number(at);
      if (const auto* value = std::get_if<double>(&number)) return *value;
      return JsonReader::integer(number, at);
    }
    default: return real(at);
  }
}

std::complex<double> TraceReader::complex(const JsonPath& at) {
  // The number of parts is checked before what they are.
  const std::size_t start = json_.offset();
  std::size_t parts = 0;
  json_.array(at, [&](const JsonPath&) {
    json_.skip();
    ++parts;
  });
  if (parts != 2) JsonReader::fail(at, "a complex value is [real, imaginary]");
  json_.seek(start);
  const auto both = list(at, [this](const JsonPath& part) { return real(part); });
  return {both[0], both[1]};
}

double TraceReader::real(const JsonPath& at) {
  if (json_.peek() == JsonReader::Type::Number) {
    return std::visit([](auto v) { return static_cast<double>(v); }, json_.number(at));
  }
  if (json_.peek() == JsonReader::Type::String) {
    const std::string text = json_.string(at);
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
  }
  JsonReader::fail(at, "expected a number, \"nan\", \"inf\" or \"-inf\"");
}

StorageRecord TraceReader::storage(const JsonPath& at) {
  enum : std::size_t { Id, Ptr, Bytes, Device, RecycledAddress, Internal };
  static constexpr Fields<6> kFields{{{"id", true},
                                      {"ptr", true},
                                      {"bytes", true},
                                      {"device", true},
                                      {"recycled_address", false},
                                      {"internal", false}}};
  StorageRecord s;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Id: s.id = json_.integer(path); break;
      case Ptr: s.ptr = json_.unsignedInteger(path); break;
      case Bytes: s.bytes = json_.integer(path); break;
      case Device: s.device = json_.string(path); break;
      case RecycledAddress: s.recycledAddress = !json_.null() && json_.boolean(path); break;
      case Internal: s.internal = !json_.null() && json_.boolean(path); break;
    }
  });
  return s;
}

MemoryEvent TraceReader::event(const JsonPath& at) {
  enum : std::size_t { Action, Ptr, Bytes, Device, Storage, Op, TopOp, TotalAllocated };
  static constexpr Fields<8> kFields{{{"action", true},
                                      {"ptr", true},
                                      {"bytes", true},
                                      {"device", true},
                                      {"storage", false},
                                      {"op", true},
                                      {"top_op", false},
                                      {"total_allocated", false}}};
  MemoryEvent e;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Action: {
        const std::string action = json_.string(path);
        if (action == "alloc") {
          e.action = MemoryAction::Alloc;
        } else if (action == "free") {
          e.action = MemoryAction::Free;
        } else {
          JsonReader::fail(path, "expected \"alloc\" or \"free\", got \"" + action + "\"");
        }
        break;
      }
      case Ptr: e.ptr = json_.unsignedInteger(path); break;
      case Bytes: e.bytes = json_.integer(path); break;
      case Device: e.device = json_.string(path); break;
      case Storage:
        e.storage = json_.null() ? std::nullopt : std::optional(json_.integer(path));
        break;
      case Op: e.op = json_.string(path); break;
      case TopOp: e.topOp = json_.null() ? std::string() : json_.string(path); break;
      case TotalAllocated: e.totalAllocated = json_.null() ? 0 : json_.integer(path); break;
    }
  });
  return e;
}

OperatorCall TraceReader::call(const JsonPath& at) {
  enum : std::size_t { Op, Schema, Predicted, Count };
  static constexpr Fields<4> kFields{
      {{"op", true}, {"schema", true}, {"predicted", true}, {"count", true}}};
  OperatorDescription description;
  OperatorCall c;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Op: description.op = json_.string(path); break;
      case Schema: description.schema = json_.string(path); break;
      case Predicted: description.predicted = json_.string(path); break;
      case Count: c.count = json_.integer(path); break;
    }
  });
  // Shared by the calls of one overload, as the session shares them.
  auto& shared = descriptions_[description.schema];
  if (!shared || *shared != description) {
    shared = std::make_shared<const OperatorDescription>(std::move(description));
  }
  c.description = shared;
  return c;
}

DataFlow TraceReader::flow(const JsonPath& at) {
  enum : std::size_t { Op, Reads, Produces };
  static constexpr Fields<3> kFields{{{"op", true}, {"reads", true}, {"produces", true}}};
  DataFlow f;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Op: f.op = json_.string(path); break;
      case Reads: f.reads = integers(path); break;
      case Produces: f.produces = integers(path); break;
    }
  });
  return f;
}

DeviceTotal TraceReader::total(const JsonPath& at) {
  enum : std::size_t { Device, ReportedBytes, LiveStorageBytes, ReservedBytes };
  static constexpr Fields<4> kFields{{{"device", true},
                                      {"reported_bytes", true},
                                      {"live_storage_bytes", true},
                                      {"reserved_bytes", false}}};
  DeviceTotal t;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Device: t.device = json_.string(path); break;
      case ReportedBytes: t.reportedBytes = json_.integer(path); break;
      case LiveStorageBytes: t.liveStorageBytes = json_.integer(path); break;
      // Absent in traces from before reserved memory was recorded.
      case ReservedBytes: t.reservedBytes = json_.null() ? 0 : json_.integer(path); break;
    }
  });
  return t;
}

DeviceSegments TraceReader::segments(const JsonPath& at) {
  enum : std::size_t { Device, Segments };
  static constexpr Fields<2> kFields{{{"device", true}, {"segments", true}}};
  DeviceSegments d;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Device: d.device = json_.string(path); break;
      case Segments:
        d.segments = list(path, [this](const JsonPath& p) { return segment(p); });
        break;
    }
  });
  return d;
}

MemorySegment TraceReader::segment(const JsonPath& at) {
  enum : std::size_t { Ptr, Bytes, AllocatedBytes };
  static constexpr Fields<3> kFields{{{"ptr", true}, {"bytes", true}, {"allocated_bytes", true}}};
  MemorySegment s;
  readFields(at, kFields, [&](std::size_t field, const JsonPath& path) {
    switch (field) {
      case Ptr: s.ptr = json_.unsignedInteger(path); break;
      case Bytes: s.bytes = json_.integer(path); break;
      case AllocatedBytes: s.allocatedBytes = json_.integer(path); break;
    }
  });
  return s;
}

std::vector<std::int64_t> TraceReader::integers(const JsonPath& at) {
  return list(at, [this](const JsonPath& item) { return json_.integer(item); });
}

std::vector<std::string> TraceReader::strings(const JsonPath& at) {
  return list(at, [this](const JsonPath& item) { return json_.string(item); });
}

// nlohmann's parser, run only to find where the text stops being JSON, for
// the messages traces have always had.
class SyntaxCheck {
 public:
  explicit SyntaxCheck(std::size_t size) : size_(size) {}

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(std::int64_t) { return true; }
  bool number_unsigned(std::uint64_t) { return true; }
  bool number_float(double, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(nlohmann::json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    if constexpr (std::is_same_v<Exception, nlohmann::json::parse_error>) {
      if (e.byte > size_) {
        throw TraceFormatError("not valid JSON at byte " + std::to_string(size_) +
                               ": the text ends before the trace is complete (a truncated file?)");
      }
      throw TraceFormatError("not valid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
    }
    // Valid syntax the parser still cannot hold, such as 1e999999 (found by fuzzing).
    throw TraceFormatError(std::string("not a readable JSON value: ") + e.what());
  }

 private:
  std::size_t size_;
};

}  // namespace

Trace readTraceJson(std::string_view text) {
  checkTraceText(text);
  try {
    return TraceReader(text, TraceReader::Order::Document).trace();
  } catch (const TraceFormatError&) {
    SyntaxCheck syntax(text.size());
    nlohmann::json::sax_parse(text.begin(), text.end(), &syntax);
    return TraceReader(text, TraceReader::Order::Fields).trace();
  }
}

}  // namespace memlens
