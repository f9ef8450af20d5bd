# import required library
import torch

# create two tensors x and y
x = torch.tensor(4)
y = torch.tensor(3)
print("x=", x.item())
print("y=", y.item())

# in-place addition: x is written, z is the very same object
z = x.add_(y)
print("In-place Addition x:", x.item())
print("id(x) == id(z):", id(x) == id(z))

# normal addition: a new tensor, in new memory
w = torch.add(x, y)
print("Normal Addition w:", w.item())
print("id(w) == id(x):", id(w) == id(x))
