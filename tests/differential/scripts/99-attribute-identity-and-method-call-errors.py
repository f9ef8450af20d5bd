# A module's attribute is one object wherever and however often it is read;
# a tensor's bound method is a new one at each read. Method calls report
# their errors where Python does: here, a method no tensor has.
import torch

f = torch.ones
print(f is torch.ones, torch.nn is torch.nn, torch.float32 is torch.float32)
made = []
for i in range(3):
    made.append(torch.zeros)
print(made[0] is made[2], made[1] is torch.zeros)
x = torch.ones(3)
print(x.add is x.add)
add = x.add_
add(2)
print(x, x._version)
for i in range(2):
    x.mul_(2)
print(x, x.mT.shape if x.dim() >= 2 else x.shape, x.size(0), x.float().dtype)
print(torch.nn.functional.relu(torch.tensor([-1.0, 2.0])))
print(x.add(torch.ones(3), alpha=2))
x.nonexistent(1)
