import torch

cpu_tensor = torch.tensor([1.0, 2.0, 3.0])

# On a tensor that is already on the CPU, .cpu() returns the very same tensor,
# so .cpu().numpy() shares memory with it (on a GPU tensor it is a copy).
print("cpu_tensor.cpu() is cpu_tensor:", cpu_tensor.cpu() is cpu_tensor)

# numpy(force=True) is t.detach().cpu().resolve_conj().resolve_neg().numpy()
# On a CPU tensor that requires grad it only detaches: memory is still shared.
weights = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
forced = weights.numpy(force=True)
forced[0] = 100.0
print("weights after forced[0] = 100.0:", weights)

# z.conj() only sets the conjugate bit: .numpy() refuses such a tensor,
# numpy(force=True) computes the conjugate into a new array.
z = torch.tensor([1 + 2j, 3 - 1j])
z_conj = z.conj()
try:
    z_conj.numpy()
except RuntimeError as error:
    print("RuntimeError:", error)
z_array = z_conj.numpy(force=True)
print("z.conj().numpy(force=True):", z_array)
