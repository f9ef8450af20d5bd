import torch

x = torch.tensor([1, 2, 3])
print(x.expand(2, 3))
print(x.expand(1, 1, 3).shape)
y = x.expand(3, 2)
