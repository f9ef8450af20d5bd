import torch

a = torch.tensor([1.0, 2.0])
print(a.requires_grad)
r = a.requires_grad_()
print(r is a, a.requires_grad)
b = a * 3
b.retain_grad()
c = (b * b).sum()
c.backward()
print(b.grad)
print(a.grad)
a.requires_grad_(False)
print(a.requires_grad)
print(a)
