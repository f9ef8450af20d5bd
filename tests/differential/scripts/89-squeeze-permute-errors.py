import torch

x = torch.zeros(2, 3)
print(x.squeeze(0).shape)
print(x.permute(1, 0).shape)
print(x.permute(-1, -2).stride())
y = x.permute(0, 0)
