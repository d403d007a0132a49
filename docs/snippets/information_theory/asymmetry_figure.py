import numpy as np
from xentdocs import cross_entropy
from xentdocs.plotting import new_figure, to_svg, PALETTE


def asymmetry_figure(title, desc, xlabel, ylabel):
    """P = [0.9, 0.1] fixed, Q = [q, 1 - q]: the curves H(P;Q) and H(Q;P) differ."""
    P = np.array([0.9, 0.1])
    q = np.linspace(0.02, 0.98, 385)
    Q = np.stack([q, 1 - q], axis=-1)
    fig, ax = new_figure(width=6.4, height=3.6)
    ax.plot(q, cross_entropy(P, Q), color=PALETTE[0], label="H(P;Q)")
    ax.plot(q, cross_entropy(Q, P), color=PALETTE[1], linestyle="--", label="H(Q;P)")
    # The witness of the text: Q = [0.5, 0.5].
    witness = np.array([0.5, 0.5])
    for value, colour in ((cross_entropy(P, witness), PALETTE[0]), (cross_entropy(witness, P), PALETTE[1])):
        ax.plot([0.5], [float(value)], "o", color=colour)
        ax.annotate(f"{float(value):.3f}", (0.5, float(value)), textcoords="offset points", xytext=(8, -4))
    ax.axvline(0.5, color=PALETTE[7], linestyle=":", linewidth=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 3)
    ax.legend()
    return to_svg(fig, title=title, desc=desc)
