import torch

name = "tensor"
n = 3
pi = 3.14159
print(f"{name} has {n} items")
print(f"pi={pi:.3f} and {pi:.1f}")
print(f"{name!r}")
x = torch.tensor([1.5, 2.5])
print(f"x = {x}")
print(f"shape={x.shape} dtype={x.dtype}")
print(f"sum={x.sum().item():.2f}")
print("a" + "b", "ab" * 3)
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" continued")
print(str(1.0), repr("q"), str(x.shape))
print(len("hello"), "hello"[1:3], "hello"[-1])
print(repr(x))
print(f"{n * 2} {n > 2} {None}")
