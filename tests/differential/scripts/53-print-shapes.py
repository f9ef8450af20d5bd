import torch

print(torch.tensor(5))
print(torch.tensor([]))
print(torch.zeros(0, 3))
print(torch.zeros(2, 0, dtype=torch.int64))
print(torch.tensor([7]))
print(torch.arange(6).reshape(2, 3))
print(torch.arange(12.0).reshape(2, 2, 3))
print(torch.arange(16).reshape(2, 2, 2, 2))
print(torch.ones(1, 1, 1))
print(torch.empty(0, dtype=torch.bool))
print(torch.zeros(3, 0, 2))
