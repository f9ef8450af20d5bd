#> x += y writes in place; x = x + y makes a new tensor and moves the name.
import torch

x = torch.ones(3)
y = torch.ones(3)
before = x

#> += is Tensor.__iadd__: same storage, version 1, `before` sees the change.
x += y
print(x, x is before, x._version)

#> x = x + y builds a new tensor; the name x now points at it.
x = x + y
print(x, x is before, before)

#> Dropping the last name of the old tensor frees its storage.
del before
