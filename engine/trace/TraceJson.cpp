#include "trace/TraceJson.h"

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "trace/AtomicFile.h"
#include "trace/TraceLimits.h"

namespace memlens {
namespace {

using nlohmann::json;

// A JSON value together with its path, so every complaint says where.
class Node {
 public:
  Node(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw TraceFormatError((path_.empty() ? std::string("trace") : path_) + ": " +
                           std::string(what));
  }

  const json& raw() const { return value_; }
  const std::string& path() const { return path_; }

  Node field(std::string_view key) const {
    requireObject();
    auto it = value_.find(key);
    if (it == value_.end()) fail("missing field \"" + std::string(key) + "\"");
    return Node(*it, join(key));
  }
  bool has(std::string_view key) const {
    return value_.is_object() && value_.contains(key) && !value_.at(key).is_null();
  }

  std::vector<Node> items() const {
    if (!value_.is_array()) fail("expected an array");
    std::vector<Node> out;
    out.reserve(value_.size());
    for (std::size_t i = 0; i < value_.size(); ++i) {
      out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
    }
    return out;
  }

  std::string string() const {
    if (!value_.is_string()) fail("expected a string");
    return value_.get<std::string>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("expected true or false");
    return value_.get<bool>();
  }
  std::int64_t integer() const {
    if (value_.is_number_unsigned()) {
      auto v = value_.get<std::uint64_t>();
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail("integer out of range");
      }
      return static_cast<std::int64_t>(v);
    }
    if (!value_.is_number_integer()) fail("expected an integer");
    return value_.get<std::int64_t>();
  }
  std::uint64_t unsignedInteger() const {
    if (!value_.is_number_unsigned()) fail("expected a non-negative integer");
    return value_.get<std::uint64_t>();
  }
  int smallInteger() const {
    auto v = integer();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      fail("integer out of range");
    }
    return static_cast<int>(v);
  }
  std::vector<std::int64_t> integers() const {
    std::vector<std::int64_t> out;
    for (const auto& item : items()) out.push_back(item.integer());
    return out;
  }
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    for (const auto& item : items()) out.push_back(item.string());
    return out;
  }

 private:
  void requireObject() const {
    if (!value_.is_object()) fail("expected an object");
  }
  std::string join(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const json& value_;
  std::string path_;
};

double realFromJson(const Node& node) {
  const json& v = node.raw();
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
  }
  node.fail("expected a number, \"nan\", \"inf\" or \"-inf\"");
}

ElementValue elementFromJson(const Node& node) {
  const json& v = node.raw();
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return node.integer();
  if (v.is_array()) {
    auto parts = node.items();
    if (parts.size() != 2) node.fail("a complex value is [real, imaginary]");
    return std::complex<double>(realFromJson(parts[0]), realFromJson(parts[1]));
  }
  return realFromJson(node);
}

TensorRecord tensorFromJson(const Node& node) {
  TensorRecord t;
  t.name = node.field("name").string();
  t.id = node.field("id").integer();
  t.storage = node.field("storage").integer();
  t.shape = node.field("shape").integers();
  t.strides = node.field("strides").integers();
  // Strides are empty for layouts without them (sparse); otherwise one per dimension.
  if (!t.strides.empty() && t.shape.size() != t.strides.size()) {
    node.fail("shape and strides differ in length");
  }
  t.offset = node.field("offset").integer();
  t.dtype = node.field("dtype").string();
  t.device = node.field("device").string();
  t.version = node.field("version").integer();
  t.requiresGrad = node.field("requires_grad").boolean();
  // Older traces have no grad_fn.
  if (node.has("grad_fn")) t.gradFn = node.field("grad_fn").string();
  if (node.has("values")) {
    std::vector<ElementValue> values;
    for (const auto& item : node.field("values").items()) values.push_back(elementFromJson(item));
    t.values = std::move(values);
  }
  return t;
}

StorageRecord storageFromJson(const Node& node) {
  StorageRecord s;
  s.id = node.field("id").integer();
  s.ptr = node.field("ptr").unsignedInteger();
  s.bytes = node.field("bytes").integer();
  s.device = node.field("device").string();
  if (node.has("recycled_address")) s.recycledAddress = node.field("recycled_address").boolean();
  if (node.has("internal")) s.internal = node.field("internal").boolean();
  return s;
}

MemoryEvent eventFromJson(const Node& node) {
  MemoryEvent e;
  const auto action = node.field("action").string();
  if (action == "alloc") {
    e.action = MemoryAction::Alloc;
  } else if (action == "free") {
    e.action = MemoryAction::Free;
  } else {
    node.field("action").fail("expected \"alloc\" or \"free\", got \"" + action + "\"");
  }
  e.ptr = node.field("ptr").unsignedInteger();
  e.bytes = node.field("bytes").integer();
  e.device = node.field("device").string();
  if (node.has("storage")) e.storage = node.field("storage").integer();
  e.op = node.field("op").string();
  if (node.has("top_op")) e.topOp = node.field("top_op").string();
  if (node.has("total_allocated")) e.totalAllocated = node.field("total_allocated").integer();
  return e;
}

Step stepFromJson(const Node& node) {
  Step step;
  step.line = node.field("line").smallInteger();
  step.code = node.field("code").string();
  for (const auto& item : node.field("kind").items()) {
    auto kind = stepKindFromString(item.string());
    if (!kind) item.fail("unknown step kind \"" + item.string() + "\"");
    step.kinds.push_back(*kind);
  }
  step.output = node.field("output").string();
  if (node.has("error")) {
    const Node error = node.field("error");
    step.error =
        StepError{error.field("type").string(), error.field("message").string(),
                  error.field("line").smallInteger(), error.field("column").smallInteger()};
  } else {
    node.field("error");  // present, and null
  }
  for (const auto& item : node.field("tensors").items())
    step.tensors.push_back(tensorFromJson(item));
  step.unbound = node.field("unbound").strings();
  for (const auto& item : node.field("storages").items()) {
    step.storages.push_back(storageFromJson(item));
  }
  step.freed = node.field("freed").integers();
  for (const auto& item : node.field("events").items()) step.events.push_back(eventFromJson(item));
  if (node.has("calls")) {
    for (const auto& item : node.field("calls").items()) {
      step.calls.push_back(OperatorCall{item.field("op").string(), item.field("schema").string(),
                                        item.field("predicted").string(),
                                        item.field("count").integer()});
    }
  }
  if (node.has("flows")) {
    for (const auto& item : node.field("flows").items()) {
      step.flows.push_back(DataFlow{item.field("op").string(), item.field("reads").integers(),
                                    item.field("produces").integers()});
    }
  }
  if (node.has("totals")) {
    for (const auto& item : node.field("totals").items()) {
      DeviceTotal total{item.field("device").string(), item.field("reported_bytes").integer(),
                        item.field("live_storage_bytes").integer()};
      if (item.has("reserved_bytes")) total.reservedBytes = item.field("reserved_bytes").integer();
      step.totals.push_back(std::move(total));
    }
  }
  if (node.has("segments")) {
    for (const auto& item : node.field("segments").items()) {
      DeviceSegments device{item.field("device").string(), {}};
      for (const auto& segment : item.field("segments").items()) {
        device.segments.push_back(MemorySegment{segment.field("ptr").unsignedInteger(),
                                                segment.field("bytes").integer(),
                                                segment.field("allocated_bytes").integer()});
      }
      step.segments.push_back(std::move(device));
    }
  }
  if (node.has("substeps")) {
    for (const auto& item : node.field("substeps").items()) {
      step.substeps.push_back(stepFromJson(item));
    }
  }
  return step;
}

}  // namespace

Trace readTraceJson(std::string_view text) {
  checkTraceText(text);
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    if (e.byte > text.size()) {
      throw TraceFormatError("not valid JSON at byte " + std::to_string(text.size()) +
                             ": the text ends before the trace is complete (a truncated file?)");
    }
    throw TraceFormatError("not valid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
  } catch (const json::exception& e) {
    // Valid syntax the parser still cannot hold, such as 1e999999 (found by fuzzing).
    throw TraceFormatError(std::string("not a readable JSON value: ") + e.what());
  }
  const Node top(root, "");
  if (!root.is_object()) top.fail("expected a JSON object at the top level");
  const Node format = top.field("format");
  if (format.string() != kTraceFormat) {
    format.fail("expected \"" + std::string(kTraceFormat) + "\", got \"" + format.string() + "\"");
  }
  const Node version = top.field("version");
  if (version.integer() != kTraceVersion) {
    version.fail("this MemLens reads trace version " + std::to_string(kTraceVersion) +
                 ", the file is version " + std::to_string(version.integer()));
  }
  Trace trace;
  trace.torchVersion = top.field("torch_version").string();
  for (const auto& item : top.field("steps").items()) trace.steps.push_back(stepFromJson(item));
  return trace;
}

void writeTraceFile(const std::filesystem::path& path, const Trace& trace) {
  writeFileAtomically(path, writeTraceJson(trace));
}

void writeTraceFile(const std::filesystem::path& path, std::string_view torchVersion,
                    const std::vector<Step>& steps) {
  writeFileAtomically(path, writeTraceJson(torchVersion, steps));
}

Trace readTraceFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw TraceFormatError(path.string() + ": cannot open: " +
                           std::error_code(errno, std::generic_category()).message());
  }
  try {
    std::error_code sizeError;
    const auto bytes = std::filesystem::file_size(path, sizeError);
    // Checked before reading, so a huge file is never loaded.
    if (!sizeError) checkTraceSize(bytes);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return readTraceJson(buffer.str());
  } catch (const TraceFormatError& e) {
    throw TraceFormatError(path.string() + ": " + e.what());
  }
}

}  // namespace memlens
