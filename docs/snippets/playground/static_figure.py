import html
import json
from pathlib import Path

import numpy as np
from xentdocs import cross_entropy_loss, softmax
from xentdocs.plotting import new_figure, to_svg, PALETTE

# The playground's default state, shared with the JavaScript widget. markdown-exec runs this from
# the project root (no __file__ there), so the path is relative to the working directory.
PLAYGROUND_DEFAULTS = Path("docs/assets/javascripts/playground_defaults.json")


def playground_defaults(**overrides):
    """The starting state: {"logits", "target", "temperature", "smoothing", "mode"}, from the
    shared defaults file with a page's own overrides (e.g. smoothing=0.1)."""
    state = json.loads(PLAYGROUND_DEFAULTS.read_text(encoding="utf-8"))
    unknown = set(overrides) - set(state)
    if unknown:
        raise ValueError(f"unknown playground setting(s): {sorted(unknown)}")
    return {**state, **overrides}


def playground_static_figure(state, title, desc, xlabel, ylabel, q_label, p_label):
    """A playground state as a bar chart (the page's figure when JavaScript is off):
    q = softmax(z / T) next to the target p = (1 - eps) onehot(y) + eps / C, per class."""
    z = np.array(state["logits"], dtype=float)
    y, T, eps = state["target"], state["temperature"], state["smoothing"]
    C = len(z)
    q = softmax(z / T)
    p = np.eye(C)[y] * (1 - eps) + eps / C
    loss = float(cross_entropy_loss(z / T, y, label_smoothing=eps))

    classes = np.arange(C)
    width = 0.38
    fig, ax = new_figure(width=6.4, height=3.2)
    bars_q = ax.bar(classes - width / 2, q, width, color=PALETTE[0], label=q_label)
    bars_p = ax.bar(classes + width / 2, p, width, color=PALETTE[1], label=p_label, hatch="//", edgecolor=PALETTE[1],
                    facecolor="none", linewidth=1.5)
    ax.bar_label(bars_q, fmt="%.4f", padding=2, fontsize="small")
    ax.bar_label(bars_p, fmt="%.4f", padding=2, fontsize="small")
    ax.set_xticks(classes, [f"{k}\nz={v:g}" for k, v in zip(classes, z)])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 1.2)
    ax.legend(loc="upper right", fontsize="small")
    ax.set_title(f"T = {T:g}, ε = {eps:g}, y = {y}:  H(P;Q) = {loss:.4f}")
    return to_svg(fig, title=title, desc=desc)


def playground_embed(caption, *, title, desc, xlabel, ylabel, q_label, p_label, **overrides):
    """The page's embed: the widget's element with its starting state (the shared defaults with
    the page's overrides) as data-defaults, holding the static figure of that same state and its
    caption for readers without JavaScript. title ... p_label are the figure's labels."""
    state = playground_defaults(**overrides)
    figure = playground_static_figure(state, title, desc, xlabel, ylabel, q_label, p_label)
    defaults = html.escape(json.dumps(state, separators=(",", ":")), quote=True)
    return (f'<div class="xent-playground" data-defaults="{defaults}">\n<figure>\n{figure}'
            f"<figcaption>{caption}</figcaption>\n</figure>\n</div>")
