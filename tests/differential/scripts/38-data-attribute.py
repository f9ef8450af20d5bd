import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
d = w.data
print(d.requires_grad)
print(d.data_ptr() == w.data_ptr())
d.mul_(10)
print(w)
print(w._version, d._version)
w.data.fill_(3)
print(w)
print(w.data is w.data)
print(w.requires_grad, w.data.requires_grad)
