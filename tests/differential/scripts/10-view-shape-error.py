import torch

x = torch.arange(12)
print(x.view(3, 4).shape)
y = x.view(4, 3).t()
print(y.is_contiguous())
z = y.reshape(12)
print(z)
w = x.view(5, 3)
