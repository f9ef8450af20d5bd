import torch

x = torch.zeros(5, 3)
idx = torch.tensor([0, 4, 2])
src = torch.arange(9, dtype=torch.float32).reshape(3, 3)
x.index_add_(0, idx, src)
print(x)
x.index_add_(0, torch.tensor([0, 0]), torch.ones(2, 3))
print(x)
mask = x > 4
print(mask)
x.masked_fill_(mask, -1.0)
print(x)
y = x.masked_fill(x < 0, 100.0)
print(y)
print(x._version, y._version)
