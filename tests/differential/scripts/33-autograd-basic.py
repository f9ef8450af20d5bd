import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x)
y = x * x
print(y)
s = y.sum()
print(s)
print(x.is_leaf, y.is_leaf)
print(x.grad is None)
s.backward()
print(x.grad)
print(y.grad_fn is None, x.grad_fn is None)
print(y.requires_grad)
