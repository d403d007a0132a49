import numpy as np

from xentdocs.plotting import PALETTE, new_figure, to_svg


def memory_figure(title, desc, xlabel, ylabel, plain_label, chunked_label, logits_label):
    """Measured peak extra memory of both ways against the vocabulary size."""
    sizes = [1000, 2000, 4000, 8000]
    N, D = 128, 32
    MiB = 2**20
    # to 0.1 MiB, like the numbers printed above (a few KB of the peaks vary from build to build)
    rows = {name: np.round(np.array(values) / MiB, 1) for name, values in measure(sizes, N=N, D=D).items()}
    fig, ax = new_figure(width=6.4, height=3.6)
    ax.plot(sizes, rows["plain"], color=PALETTE[0], marker="o", label=plain_label)
    ax.plot(sizes, rows["chunked"], color=PALETTE[1], marker="s", linestyle="--", label=chunked_label)
    ax.plot(sizes, rows["logits"], color=PALETTE[2], linestyle=":", label=logits_label)
    ax.set_xticks(sizes, [f"{v:,}" for v in sizes])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    numbers = dict(N=N, D=D, V=f"{sizes[-1]:,}", plain=f"{rows['plain'][-1]:.1f}",
                   chunked=f"{rows['chunked'][-1]:.1f}", logits=f"{rows['logits'][-1]:.1f}")
    return to_svg(fig, title=title.format(**numbers), desc=desc.format(**numbers))
