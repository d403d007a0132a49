# float32 sizes for one training step of N tokens: 8 sequences of 4,096 tokens.
N = 8 * 4096
GiB = 2**30
models = (                        # (model, vocabulary V, hidden size D), from each model's public config
    ("Llama 2 7B", 32_000, 4096),
    ("Llama 3 8B", 128_256, 4096),
    ("Gemma 7B", 256_000, 3072),
)
print(f"N = {N:,} tokens, float32 (4 bytes per number)\n")
print("model              V      D   hidden x (N x D)   logits z (N x V)   V / D")
for name, vocab, hidden in models:
    x = N * hidden * 4 / GiB
    z = N * vocab * 4 / GiB
    print(f"{name:<11}  {vocab:>7,}  {hidden:>5}  {x:>13.2f} GiB  {z:>13.2f} GiB  {vocab / hidden:>6.1f}")
print("\nthe gradient with respect to z is another (N x V) array of the same size")
