import torch

x = torch.tensor(4)
y = torch.tensor(3)
z = x.add_(y)
print(id(x) == id(z))
print(x is z)
print("x after add_:", x)
z = torch.add(x, y)
print(id(x) == id(z))
print(x is z)
print("x:", x, "z:", z)
print(x._version, z._version)
