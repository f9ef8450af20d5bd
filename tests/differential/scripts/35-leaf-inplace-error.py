import torch

w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    w.add_(1)
print(w)
print(w._version)
w.mul_(2)
