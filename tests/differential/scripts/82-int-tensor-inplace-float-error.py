import torch

x = torch.tensor([1, 2, 3])
x.add_(2)
print(x)
x.mul_(torch.tensor(2))
print(x)
y = x * 1.5
print(y)
x.add_(1.5)
