import torch

x = torch.tensor(4)
y = torch.tensor(3)
print("x=", x.item())
print("y=", y.item())
z = x.add_(y)
print("In-place Addition x:", x.item())
print("z=", z.item())
print(x)
print(z)
