import torch

a, b = torch.arange(2)
print(a, b)
c, d = (1, 2)
print(c + d)
e, f = torch.arange(3)
