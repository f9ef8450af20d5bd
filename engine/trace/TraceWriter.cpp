// Writing a trace: each record's fields in the sorted order nlohmann::json
// gave them when traces were written through it, so the bytes stay the same.

#include <cmath>

#include "trace/JsonWriter.h"
#include "trace/PrettyJson.h"
#include "trace/TraceJson.h"
#include "trace/TraceWriter.h"

namespace memlens {
namespace {

void writeReal(JsonWriter& json, double value) {
  // JSON has no NaN or infinity; spell them as Python prints them.
  if (std::isfinite(value)) {
    json.real(value);
  } else if (std::isnan(value)) {
    json.string("nan");
  } else {
    json.string(value > 0 ? "inf" : "-inf");
  }
}

void writeElement(JsonWriter& json, const ElementValue& value) {
  std::visit(
      [&json](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          json.boolean(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          json.integer(v);
        } else if constexpr (std::is_same_v<T, double>) {
          writeReal(json, v);
        } else {
          json.beginArray();
          writeReal(json, v.real());
          writeReal(json, v.imag());
          json.endArray();
        }
      },
      value);
}

void writeIntegers(JsonWriter& json, const std::vector<std::int64_t>& values) {
  json.beginArray();
  for (const auto v : values) json.integer(v);
  json.endArray();
}

void writeStrings(JsonWriter& json, const std::vector<std::string>& values) {
  json.beginArray();
  for (const auto& v : values) json.string(v);
  json.endArray();
}

void writeTensor(JsonWriter& json, const TensorRecord& t) {
  json.beginObject();
  json.key<"device">().string(t.device);
  json.key<"dtype">().string(t.dtype);
  json.key<"grad_fn">();
  if (t.gradFn) {
    json.string(*t.gradFn);
  } else {
    json.null();
  }
  json.key<"id">().integer(t.id);
  json.key<"name">().string(t.name);
  json.key<"offset">().integer(t.offset);
  json.key<"requires_grad">().boolean(t.requiresGrad);
  writeIntegers(json.key<"shape">(), t.shape);
  json.key<"storage">().integer(t.storage);
  writeIntegers(json.key<"strides">(), t.strides);
  json.key<"values">();
  if (t.values) {
    json.beginArray();
    for (const auto& v : *t.values) writeElement(json, v);
    json.endArray();
  } else {
    json.null();
  }
  json.key<"version">().integer(t.version);
  json.endObject();
}

void writeStorage(JsonWriter& json, const StorageRecord& s) {
  json.beginObject();
  json.key<"bytes">().integer(s.bytes);
  json.key<"device">().string(s.device);
  json.key<"id">().integer(s.id);
  json.key<"internal">().boolean(s.internal);
  json.key<"ptr">().unsignedInteger(s.ptr);
  json.key<"recycled_address">().boolean(s.recycledAddress);
  json.endObject();
}

void writeEvent(JsonWriter& json, const MemoryEvent& e) {
  json.beginObject();
  json.key<"action">().string(e.action == MemoryAction::Alloc ? "alloc" : "free");
  json.key<"bytes">().integer(e.bytes);
  json.key<"device">().string(e.device);
  json.key<"op">().string(e.op);
  json.key<"ptr">().unsignedInteger(e.ptr);
  json.key<"storage">();
  if (e.storage) {
    json.integer(*e.storage);
  } else {
    json.null();
  }
  json.key<"top_op">().string(e.topOp);
  json.key<"total_allocated">().integer(e.totalAllocated);
  json.endObject();
}

void writeError(JsonWriter& json, const StepError& error) {
  json.beginObject();
  json.key<"column">().integer(error.column);
  json.key<"line">().integer(error.line);
  json.key<"message">().string(error.message);
  json.key<"type">().string(error.type);
  json.endObject();
}

void writeSegments(JsonWriter& json, const DeviceSegments& device) {
  json.beginObject();
  json.key<"device">().string(device.device);
  json.key<"segments">().beginArray();
  for (const auto& segment : device.segments) {
    json.beginObject();
    json.key<"allocated_bytes">().integer(segment.allocatedBytes);
    json.key<"bytes">().integer(segment.bytes);
    json.key<"ptr">().unsignedInteger(segment.ptr);
    json.endObject();
  }
  json.endArray();
  json.endObject();
}

void writeStep(JsonWriter& json, const Step& step) {
  json.beginObject();
  json.key<"calls">().beginArray();
  for (const auto& c : step.calls) {
    json.beginObject();
    json.key<"count">().integer(c.count);
    json.key<"op">().string(c.op());
    json.key<"predicted">().string(c.predicted());
    json.key<"schema">().string(c.schema());
    json.endObject();
  }
  json.endArray();
  json.key<"code">().string(step.code);
  json.key<"error">();
  if (step.error) {
    writeError(json, *step.error);
  } else {
    json.null();
  }
  json.key<"events">().beginArray();
  for (const auto& e : step.events) writeEvent(json, e);
  json.endArray();
  json.key<"flows">().beginArray();
  for (const auto& f : step.flows) {
    json.beginObject();
    json.key<"op">().string(f.op);
    writeIntegers(json.key<"produces">(), f.produces);
    writeIntegers(json.key<"reads">(), f.reads);
    json.endObject();
  }
  json.endArray();
  writeIntegers(json.key<"freed">(), step.freed);
  json.key<"kind">().beginArray();
  for (const auto k : step.kinds) json.string(toString(k));
  json.endArray();
  json.key<"line">().integer(step.line);
  json.key<"output">().string(step.output);
  if (!step.segments.empty()) {
    json.key<"segments">().beginArray();
    for (const auto& device : step.segments) writeSegments(json, device);
    json.endArray();
  }
  json.key<"storages">().beginArray();
  for (const auto& s : step.storages) writeStorage(json, s);
  json.endArray();
  if (!step.substeps.empty()) {
    json.key<"substeps">().beginArray();
    for (const auto& s : step.substeps) writeStep(json, s);
    json.endArray();
  }
  json.key<"tensors">().beginArray();
  for (const auto& t : step.tensors) writeTensor(json, t);
  json.endArray();
  json.key<"totals">().beginArray();
  for (const auto& t : step.totals) {
    json.beginObject();
    json.key<"device">().string(t.device);
    json.key<"live_storage_bytes">().integer(t.liveStorageBytes);
    json.key<"reported_bytes">().integer(t.reportedBytes);
    json.key<"reserved_bytes">().integer(t.reservedBytes);
    json.endObject();
  }
  json.endArray();
  writeStrings(json.key<"unbound">(), step.unbound);
  json.endObject();
}

// A little more than the step's text usually takes, so the trace's text is
// allocated once rather than copied as it grows.
std::size_t estimatedSize(const Step& step) {
  std::size_t bytes = 256 + step.code.size() + step.output.size() + 16 * step.freed.size() +
                      16 * step.unbound.size() + 192 * step.storages.size() +
                      192 * step.events.size() + 256 * step.calls.size() + 128 * step.flows.size() +
                      128 * step.totals.size() + 96 * step.segments.size();
  for (const auto& t : step.tensors) {
    bytes += 256 + 24 * (t.shape.size() + t.strides.size() + (t.values ? t.values->size() : 0));
  }
  for (const auto& s : step.substeps) bytes += estimatedSize(s);
  return bytes;
}

}  // namespace

void appendTraceOpening(std::string& out, std::string_view torchVersion) {
  // The header's fields in the contract's order, on one line even when
  // pretty; the steps array is left open for the steps.
  JsonWriter json(out);
  json.beginObject();
  json.key<"format">().string(kTraceFormat);
  json.key<"version">().integer(kTraceVersion);
  json.key<"torch_version">().string(torchVersion);
  json.key<"steps">().beginArray();
  json.flush();  // here, where a failure to grow `out` is thrown rather than fatal
}

void appendTraceStep(std::string& out, const Step& step, bool first, bool pretty) {
  if (!first) out += ',';
  if (pretty) {
    // Each step starts a line; laid out from its compact text.
    out += '\n';
    std::string compact;
    appendTraceStep(compact, step, true, false);
    appendPrettyJson(out, compact);
    return;
  }
  JsonWriter json(out);
  writeStep(json, step);
  json.flush();  // here, where a failure to grow `out` is thrown rather than fatal
}

void appendTraceClosing(std::string& out) {
  out += "]}\n";
}

std::string writeTraceJson(std::string_view torchVersion, const std::vector<Step>& steps,
                           bool pretty) {
  std::size_t bytes = 128 + torchVersion.size();
  for (const auto& step : steps) bytes += estimatedSize(step);
  std::string out;
  out.reserve(bytes);
  appendTraceOpening(out, torchVersion);
  for (std::size_t i = 0; i < steps.size(); ++i) appendTraceStep(out, steps[i], i == 0, pretty);
  appendTraceClosing(out);
  return out;
}

std::string writeTraceJson(const Trace& trace, bool pretty) {
  return writeTraceJson(trace.torchVersion, trace.steps, pretty);
}

}  // namespace memlens
