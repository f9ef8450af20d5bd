import torch

w = torch.arange(6.0, requires_grad=True)
parts = w.split(2)
print(parts)
p0, p1, p2 = parts
print(p1.is_leaf, p1.requires_grad)
loss = (p0 * 1).sum() + (p2 * 3).sum()
loss.backward()
print(w.grad)
halves = torch.chunk(w.detach(), 2)
halves[0].fill_(-1)
print(w)
