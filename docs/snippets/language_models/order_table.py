orders = range(9)
ppl = perplexity_by_order(orders)
print("order  context        train ppl  held-out ppl")
for order, tr, ho in zip(orders, ppl["train"], ppl["heldout"]):
    print(f"{order:>5}  {order:>2} characters  {tr:>9.3f}  {ho:>12.3f}")
best = min(orders, key=lambda o: ppl["heldout"][o])
print(f"uniform model (all logits equal): perplexity = V = {V}")
print(f"lowest held-out perplexity: order {best}")
