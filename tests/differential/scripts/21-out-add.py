import torch

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])
out = torch.zeros(3)
r = torch.add(a, b, out=out)
print(out)
print(r is out)
print(out._version)
torch.mul(a, b, out=out)
print(out, out._version)
small = torch.zeros(1)
torch.add(a, b, out=small)
print(small, small.shape)
