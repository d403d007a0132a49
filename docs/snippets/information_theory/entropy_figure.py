import numpy as np
from xentdocs import entropy
from xentdocs.plotting import new_figure, to_svg, PALETTE


def entropy_figure(title, desc, xlabel, ylabel):
    """Entropy of a coin with P(heads) = p, in bits."""
    p = np.linspace(0.0, 1.0, 401)
    coins = np.stack([p, 1.0 - p], axis=-1)
    fig, ax = new_figure(width=6.4, height=3.2)
    ax.plot(p, entropy(coins, base=2), color=PALETTE[0])
    for q in (0.5, 0.9):
        ax.plot([q], [entropy([q, 1 - q], base=2)], "o", color=PALETTE[1])
        ax.annotate(f"p = {q}", (q, entropy([q, 1 - q], base=2)),
                    textcoords="offset points", xytext=(6, 4))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 1.1)
    return to_svg(fig, title=title, desc=desc)
