rng = np.random.default_rng(0)
N, D, V = 256, 64, 8000                                        # tokens, hidden size, vocabulary
x = rng.standard_normal((N, D), dtype=np.float32)              # the last hidden states, one row per token
W = rng.standard_normal((V, D), dtype=np.float32) * D**-0.5    # nn.Linear(D, V, bias=False).weight: (V, D)
y = rng.integers(V, size=N)
y[-56:] = -100                                                 # padding at the end: ignored

(loss, grad_x, grad_W), peak = with_peak_memory(plain, x, W, y)                    # all (N, V) logits at once
(loss_c, grad_x_c, grad_W_c, grad_b_c), peak_c = with_peak_memory(chunked, x, W, y)  # CHUNK rows at a time

print(f"logits {N} x {V} float32: {N * V * 4 / 2**20:.2f} MiB; one chunk of {CHUNK} rows: {CHUNK * V * 4 / 2**20:.2f} MiB")
print(f"loss   plain {loss:.6f}   chunked {loss_c:.6f}")
for name, a, b in (("input", grad_x, grad_x_c), ("linear_weight", grad_W, grad_W_c)):
    print(f"grad of {name:<13} {str(b.shape):<10}  largest |difference| / largest |entry| = "
          f"{np.abs(a - b).max() / np.abs(a).max():.1e}")
print(f"grad of linear_bias: {grad_b_c} (no bias given)\n")
# to 0.1 MiB: tracemalloc also counts Python objects, and how many of those the interpreter's free
# lists hand out without a new allocation varies by a few KB from one build to the next
print(f"peak extra memory, plain:   {peak / 2**20:5.1f} MiB")
print(f"peak extra memory, chunked: {peak_c / 2**20:5.1f} MiB")
