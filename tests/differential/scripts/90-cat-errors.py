import torch

a = torch.zeros(2, 3)
b = torch.ones(2, 3, dtype=torch.float64)
c = torch.cat([a, b])
print(c.dtype, c.shape)
print(torch.cat([a, torch.tensor([])]).shape)
d = torch.cat([a, torch.ones(2, 2)])
