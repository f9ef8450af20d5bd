import torch

print(torch.tensor([1.0, 2.5, -3.25]))
print(torch.tensor([1.0, 2.5, -3.25], dtype=torch.float64))
print(torch.tensor([1.0, 2.5, -3.25], dtype=torch.float16))
print(torch.tensor([1.0, 2.5, -3.25], dtype=torch.bfloat16))
print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64))
print(torch.tensor(3.0))
print(torch.tensor(3.0, dtype=torch.float64))
print(torch.tensor(1 / 3))
print(torch.tensor([1 / 3, 2 / 3], dtype=torch.float16))
print(torch.tensor([100.0, 0.001]))
print(torch.tensor([1e-10, 1.0]))
