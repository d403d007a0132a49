from sklearn.datasets import load_digits
from xentdocs.plotting import new_figure, to_svg


def digit_figure(title, desc, i=1708):
    """The 8x8 digit image X[i], drawn pixel by pixel.

    ``title`` and ``desc`` may contain ``{i}`` and ``{label}``, filled in from the data.
    """
    digits = load_digits()
    fig, ax = new_figure(width=2.6, height=2.6)
    ax.imshow(digits.images[i], cmap="gray_r", vmin=0, vmax=16, interpolation="nearest")
    ax.set_xticks(range(8))
    ax.set_yticks(range(8))
    ax.tick_params(labelsize="small")
    ax.grid(False)  # grid lines would cut through the pixels
    fields = {"i": i, "label": digits.target[i]}
    return to_svg(fig, title=title.format(**fields), desc=desc.format(**fields))
