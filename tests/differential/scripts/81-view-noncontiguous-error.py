import torch

x = torch.arange(6).reshape(2, 3)
t = x.t()
print(t.is_contiguous())
print(t.reshape(6))
print(t.contiguous().view(6))
v = t.view(6)
