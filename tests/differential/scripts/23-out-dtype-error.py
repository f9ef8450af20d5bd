import torch

a = torch.tensor([1.5, 2.5])
b = torch.tensor([1.0, 1.0])
o = torch.zeros(2, dtype=torch.float64)
torch.add(a, b, out=o)
print(o)
oi = torch.zeros(2, dtype=torch.int64)
torch.add(a, b, out=oi)
