import torch

a = [1, 2.5, "s", None, True]
print(a)
t = (1,)
print(t, (), (1, 2))
print([[1, 2], [3]])
x = torch.arange(3)
lst = [x, x * 2]
print(lst)
print(len(lst))
tp = (x, 5)
print(tp)
lst[0][0] = 9
print(x)
print(list(range(5)), tuple(range(2, 8, 2)))
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True))
print(list(zip([1, 2], ["a", "b"])))
print(list(enumerate(["x", "y"])))
print([1, 2] + [3], (1,) * 3)
print({"a": 1, "b": [2, 3]})
print(isinstance(x, torch.Tensor), isinstance(3, int), type(3.0))
