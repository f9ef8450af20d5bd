import torch

print(torch.tensor([1e10, 1.0]))
print(torch.tensor([1e-5, 1.0]))
print(torch.tensor([123456789.0]))
print(torch.tensor([1e-8, 2e-8]))
print(torch.tensor([1.5e20, -2.0e-3], dtype=torch.float64))
print(torch.tensor(1e9))
print(torch.tensor([1000.0, 10000.0, 100000.0]))
print(torch.tensor([0.0001, 0.001]))
print(torch.tensor([12345.678, 0.5]))
