# Writes that change names the statement never mentions: the memory model
# must notice every one of them after the statement that made it.
import torch

a = torch.zeros(4)
alias = a.data
row = a[1:3]
alias.add_(1)
row.mul_(5)
torch.add(a, 1, out=alias)

parts = [a, torch.ones(2)]
parts.append(a[0:2])
parts[2].fill_(7)
parts[1] = torch.full((3,), 2.0)
parts.pop()
pair = (a, a.t())
a.zero_()

w = torch.ones(3, requires_grad=True)
g = torch.zeros(3)
w.grad = g
(w * 2).sum().backward()
print(g)
w.requires_grad = False
w.data = torch.arange(3.0)
print(w, g, w.grad)

b = torch.zeros(2)
c = torch.ones(5)
b.set_(c)
b.resize_(2)
c[0] = 9
print(b, c)
