import torch

x = torch.arange(1, 6)
print(x.cumsum(0))
print(torch.cumprod(x, 0))
m = torch.arange(6.0).reshape(2, 3)
print(m.cumsum(1))
print(m.cumsum(dim=0))
y = torch.tensor([1, 2, 3], dtype=torch.int8)
print(y.cumsum(0), y.cumsum(0).dtype)
print(m.cummax(1))
z = torch.ones(4)
z.cumsum_(0)
print(z)
