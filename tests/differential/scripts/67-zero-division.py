import torch

print(torch.tensor(1) / 0)
print(torch.tensor(1.0) // 0)
print(1.0 / 3)
n = 0
r = 5 // n
