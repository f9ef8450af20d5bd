import torch
a = torch.arange(6.)
b = a.view(2, 3).t()
c = b.contiguous()
big = torch.zeros(1024)
del big
