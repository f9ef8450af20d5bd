"""Python PyTorch's side of the differential tests.

Runs MemLens scripts statement by statement in real Python PyTorch and records, after each
top-level statement, what MemLens must agree with: what it printed, the error it raised, and
every named tensor's facts, including which tensors share a storage and which names are the
same object. Import torch once for the whole corpus; it costs seconds.
"""
import ast
import contextlib
import io
import json
import math
import sys

import torch


def _element(value):
    if isinstance(value, complex):
        return [_element(value.real), _element(value.imag)]
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
    return value


def _storage(tensor):
    """The tensor's UntypedStorage: `untyped_storage()` from PyTorch 2.0, before it behind
    the TypedStorage."""
    if hasattr(tensor, "untyped_storage"):
        return tensor.untyped_storage()
    return tensor.storage()._storage


def _grad_fn(tensor):
    """type(tensor.grad_fn).__name__, None for a leaf and where reading it raises (a view
    from a multi-output view op that was written in place)."""
    try:
        node = tensor.grad_fn
    except RuntimeError:
        return None
    return type(node).__name__ if node is not None else None


def _tensor_record(tensor):
    record = {
        "shape": list(tensor.shape),
        "strides": list(tensor.stride()),
        "offset": tensor.storage_offset(),
        "dtype": str(tensor.dtype).replace("torch.", ""),
        "device": str(tensor.device),
        "version": tensor._version,
        "requires_grad": tensor.requires_grad,
        "grad_fn": _grad_fn(tensor),
        "values": None,
        # Identity keys, meaningful only within one step: the StorageImpl and the object.
        "storage_key": _storage(tensor)._cdata,
        "object_key": id(tensor),
    }
    if tensor.numel() <= 64:
        record["values"] = [_element(v) for v in tensor.detach().reshape(-1).tolist()]
    return record


def _named_tensors(name, value, out):
    if isinstance(value, torch.Tensor):
        out[name] = _tensor_record(value)
    elif isinstance(value, (list, tuple)) and not isinstance(value, torch.Size):
        for i, item in enumerate(value):
            _named_tensors(f"{name}[{i}]", item, out)


def run_script(source):
    """Returns one record per executed top-level statement, stopping after the first error."""
    module = ast.parse(source)
    scope = {"__name__": "__main__"}
    steps = []
    for statement in module.body:
        code = compile(ast.Module(body=[statement], type_ignores=[]), "<script>", "exec")
        output = io.StringIO()
        error = None
        try:
            with contextlib.redirect_stdout(output):
                exec(code, scope)
        except Exception as e:  # the script's own error, recorded like MemLens records it
            message = str(e)
            if isinstance(e, KeyError) and e.args:
                message = str(e.args[0])
            error = {"type": type(e).__name__, "message": message.split("\n")[0],
                     "line": statement.lineno}
            if type(e).__module__ not in ("builtins", None):
                error["type"] = type(e).__module__ + "." + type(e).__name__
        tensors = {}
        for name, value in scope.items():
            if not name.startswith("__"):
                _named_tensors(name, value, tensors)
        steps.append({"line": statement.lineno, "output": output.getvalue(), "error": error,
                      "tensors": tensors})
        if error:
            break
    return steps


if __name__ == "__main__":
    results = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            results[path] = run_script(f.read())
    json.dump(results, sys.stdout)
