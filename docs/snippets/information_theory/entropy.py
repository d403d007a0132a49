import numpy as np
from xentdocs import entropy, information_content

examples = {
    "coin": [0.5, 0.5],        # a fair coin
    "bent_coin": [0.9, 0.1],   # heads 9 times out of 10
    "die": [1 / 6] * 6,        # a fair die
    "sure_thing": [1.0, 0.0],  # an outcome known in advance
}
for name, p in examples.items():
    print(f"H({name:10s}) = {float(entropy(p, base=2)):.4f} bit")

# Entropy is the average information content: the sum of P(x) * h(x).
p = np.array(examples["bent_coin"])
average = np.sum(p * information_content(p, base=2))
print(f"\nsum P(x) h(x) for bent_coin = {average:.4f} bit")
