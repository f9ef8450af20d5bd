import torch

a = torch.tensor([1, 2, 3])
b = torch.tensor([3, 2, 1])
print(a == b, a != b)
print(a < b, a >= 2)
print(torch.equal(a, b), torch.equal(a, a.clone()))
print((a == b).any(), (a > 0).all())
print(torch.allclose(torch.tensor([1.0]), torch.tensor([1.0 + 1e-9])))
print(torch.isclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.1])))
print(a.eq(2), a.gt(1).sum())
print((a > 1) & (a < 3), (a < 2) | (a > 2), ~(a == 2))
a.eq_(b)
print(a, a.dtype)
