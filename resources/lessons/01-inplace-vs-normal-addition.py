#> Normal vs in-place addition: the example MemLens grew from.
import torch

#> Two tensors, each in a storage of its own (8 bytes: one int64).
x = torch.tensor(4)
y = torch.tensor(3)
print("x=", x.item())
print("y=", y.item())

#> add_ writes into x's own storage: no new memory, x's version ticks to 1,
#> and z is not a new tensor but a second name for the very same object.
z = x.add_(y)
print("In-place Addition x:", x.item())
print("id(x) == id(z):", id(x) == id(z))

#> torch.add makes a new tensor in new memory; x is left alone.
w = torch.add(x, y)
print("Normal Addition w:", w.item())
print("id(w) == id(x):", id(w) == id(x))
