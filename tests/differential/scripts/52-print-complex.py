import torch

c = torch.tensor([1 + 2j, -3.5 + 0j])
print(c)
print(c.dtype)
d = torch.tensor([1 + 2j, 0.5 - 1j], dtype=torch.complex128)
print(d)
print(c.real)
print(c.imag)
print(torch.complex(torch.tensor([1.0]), torch.tensor([-1.0])))
print(c.abs())
print(torch.tensor(2j))
print(c * 1j)
print(torch.view_as_real(c))
