import torch

w = torch.zeros(4, requires_grad=True)
v = w[1:3]
print(v.requires_grad, v.is_leaf)
print(v)
v.add_(1)
