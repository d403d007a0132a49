import numpy as np
from xentdocs import information_content
from xentdocs.plotting import new_figure, to_svg, PALETTE


def surprisal_figure(title, desc, xlabel, ylabel, nat_label, bit_label):
    """h(x) = -log P(x) against P(x), in nats and in bits."""
    p = np.linspace(0.02, 1.0, 300)
    fig, ax = new_figure(width=6.4, height=3.4)
    ax.plot(p, information_content(p), color=PALETTE[0], label=nat_label)
    ax.plot(p, information_content(p, base=2), color=PALETTE[1], linestyle="--", label=bit_label)
    # The values of the table above, on the bit curve.
    marks = np.array([1.0, 0.5, 0.25, 0.125])
    ax.plot(marks, information_content(marks, base=2), "o", color=PALETTE[1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, None)
    ax.legend()
    return to_svg(fig, title=title, desc=desc)
