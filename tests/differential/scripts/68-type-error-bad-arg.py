import torch

x = torch.arange(6)
print(x.view(2, 3))
print(x.view((3, 2)).shape)
y = x.view("a", 3)
