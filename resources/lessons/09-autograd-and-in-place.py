#! expects: RuntimeError
#> Autograd and in-place writes.
import torch

w = torch.ones(3, requires_grad=True)

#> A computation that needs its result for backward keeps it alive inside
#> autograd: memory no name reaches.
y = w.exp()
loss = y.sum()
loss.backward()
print(w.grad)

#> detach() shares storage (and version counter) but leaves the graph.
d = w.detach()
print(d.storage().data_ptr() == w.storage().data_ptr())

#> Under no_grad, in-place updates of a leaf are allowed: this is an optimiser step.
with torch.no_grad():
    w -= 0.1 * w.grad
print(w)

#> Outside no_grad, writing a leaf that requires grad in place is an error.
w.add_(1)
