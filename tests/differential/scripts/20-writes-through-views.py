import torch

base = torch.zeros(3, 4)
row = base[1]
col = base[:, 2]
print(base._version)
row += 1
print(base)
print(base._version, row._version, col._version)
col.mul_(5)
print(base)
print(base._version)
inner = row[1:3]
inner[0] = 9
print(base)
print(base._version, inner._version)
base.add_(1)
print(row)
print(row._version)
