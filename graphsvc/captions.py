"""Short readable captions for nodes whose full names are long, as the Neo4j Browser draws them.

The Browser fits a caption into its circle and wraps it only at spaces, so a Chinese name without spaces is
cut after a few characters (西安市雁… for a district's departments, 县级以上… for every function). A caption
therefore keeps what tells nodes apart and puts a space where it may wrap. Departments' and referral hops'
captions are written by their Cypher (they need the region's name and the receiver's caption); functions'
captions come from here, and the loaders wrap matters' and subjects' whole names in lines of five.
"""

from __future__ import annotations

# The wordings legal texts use for the level of government a function sits at, longest first.
_LEVELS: tuple[tuple[str, str], ...] = (
    ("县级以上地方各级人民政府", "县级"),
    ("县级以上地方人民政府", "县级"),
    ("县级以上人民政府", "县级"),
    ("县级以上地方", "县级"),
    ("设区的市级、县级人民政府", "市、县级"),
    ("设区的市级人民政府", "市级"),
    ("城市、县人民政府", "市、县级"),
    ("省、自治区、直辖市人民政府", "省级"),
)
WRAP = 6  # characters per line: the circles of the style (graphsvc/browser/style.yaml) hold about six


def wrap(text: str, width: int = WRAP) -> str:
    """Spaces in runs longer than `width`, in lines of even length: Chinese may break between any two characters."""
    lines = []
    for word in text.split():
        parts = -(-len(word) // width)
        size = -(-len(word) // parts)
        lines += [word[i : i + size] for i in range(0, len(word), size)]
    return " ".join(lines)


def matter_caption(name: str) -> str:
    """A matter's whole name in lines of five: the style draws matters large enough to show about five lines."""
    return wrap(name, 5)


def function_caption(name: str) -> str:
    """应急管理部门 (县级) for 县级以上地方各级人民政府应急管理部门: the role first, its level after a space."""
    name = name.strip()
    level = ""
    for prefix, short in _LEVELS:
        if name.startswith(prefix):
            name, level = name[len(prefix) :], short
            break
    if not name:  # the government itself, e.g. 县级以上地方人民政府
        name = "人民政府"
    elif name.startswith("确定的"):  # 县级以上地方人民政府确定的监督管理部门
        name = "政府" + name
    name = wrap(name.replace("监督管理", "监管"))
    return f"{name} ({level})" if level else name
