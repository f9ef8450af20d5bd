import torch

print(0.1 + 0.2 == 0.3)
print(1.0, 1.5, -0.0, 100.0, 1e100, 1.5e-7)
print(float("inf"), float("-inf"), float("nan"))
print(3.0 * 1.1)
print(2 / 3 * 3)
print(round(0.125, 2), round(1.005, 2))
print(10 // 3.0, 10 % 3.5)
print(repr(0.1), str(1e-4), repr(1e16))
x = torch.tensor(0.1 + 0.2, dtype=torch.float64)
print(x, x.item())
print(torch.tensor(0.1).item())
print(torch.tensor([0.1, 0.2]).tolist())
