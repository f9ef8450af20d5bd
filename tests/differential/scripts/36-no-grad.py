import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
    print(y.requires_grad)
    with torch.enable_grad():
        z = x * 3
    print(z.requires_grad)
print(y)
print(z)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    x -= 0.5
print(x)
print(x.grad is None)
