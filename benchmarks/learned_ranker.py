"""Is the lexical ranking the limit? A second, learned ranker built from the same catalogue, side by side.

    pip install -e '.[bench]'     # scikit-learn
    GRAPHSVC_LAWS_DIR=/work/shared/laws .venv/bin/python benchmarks/resolve_quality.py --dump /tmp/dump.jsonl
    GRAPHSVC_LAWS_DIR=/work/shared/laws .venv/bin/python benchmarks/learned_ranker.py --dump /tmp/dump.jsonl

Trains a logistic regression over the matters (TF-IDF of jieba's words and of character 2–3-grams) on what the
catalogue says of each matter: its name, plain-word description and subjects, the text of every article it cites
(loaders.law_text over GRAPHSVC_LAWS_DIR) and the colloquial terms of the thesaurus whose statutory term occurs
there. Nothing of the labelled set is used to train. Then, on the rows of data/eval/descriptions.csv that expect one
firm holder function, prints how often the function leading the best matter is the expected one: the learned
ranker's, the service's (its best matter in 610113, from resolve_quality.py's dump), and, where the two agree, how
often they are right. Two rankers of different make that agree are no more often right than that: a firm-right near
90 % at under 2 % of confident mistakes needs what neither has, an understanding of the words beyond the catalogue's.
"""

from __future__ import annotations

import argparse
import csv
import json
import warnings
from collections import defaultdict
from pathlib import Path

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from graphsvc import segment
from graphsvc.config import ROOT, Settings
from loaders.law_text import article_rows, law_files, read_law

REFERENCE = ROOT / "data" / "reference"
EVAL = ROOT / "data" / "eval" / "descriptions.csv"
REGION = "610113"


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def article_texts(laws: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in law_files(laws):
        texts.update({row["id"]: row["text"] for row in article_rows(read_law(path))})
    return texts


def lead_functions() -> dict[str, str]:
    leads: dict[str, str] = {}
    for a in table(REFERENCE / "assignments.csv"):
        if a["role"] == "牵头" and a["function_id"]:
            leads.setdefault(a["matter_id"], a["function_id"])
    return leads


def matter_documents(leads: dict[str, str], articles: dict[str, str]) -> dict[str, str]:
    cited: dict[str, list[str]] = defaultdict(list)
    for row in table(REFERENCE / "matter_articles.csv"):
        matter, article = list(row.values())[:2]
        cited[matter].append(article)
    thesaurus = table(REFERENCE / "synonyms.csv")
    documents = {}
    for m in table(REFERENCE / "matters.csv"):
        if m["id"] not in leads:
            continue
        said = " ".join(
            [m["name"], m["description"], m["subjects_text"], *(articles.get(a, "") for a in cited[m["id"]])]
        )
        colloquial = [t["term"].replace("…", " ") for t in thesaurus if t["statutory_term"] in said]
        documents[m["id"]] = " ".join([said, *colloquial])
    return documents


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", type=Path, help="resolve_quality.py --dump output: the service's candidates")
    args = parser.parse_args()
    leads = lead_functions()
    documents = matter_documents(leads, article_texts(Settings().service.laws_dir))
    words = TfidfVectorizer(tokenizer=segment.content_words, lowercase=False, sublinear_tf=True, token_pattern=None)
    grams = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    ids, texts = list(documents), list(documents.values())
    warnings.filterwarnings("ignore", message="The number of unique classes")  # one class per matter, by design
    model = LogisticRegression(C=20, max_iter=3000).fit(
        hstack([words.fit_transform(texts), grams.fit_transform(texts)]), ids
    )

    rows = [r for r in table(EVAL) if r["expect"] == "firm" and r["functions"] and ";" not in r["functions"]]
    asked = [r["text"] for r in rows]
    scores = model.decision_function(hstack([words.transform(asked), grams.transform(asked)]))
    learned = {r["id"]: leads[model.classes_[s.argmax()]] for r, s in zip(rows, scores, strict=True)}
    right = sum(learned[r["id"]] == r["functions"] for r in rows)
    print(f"{len(documents)} matters, {len(rows)} rows that expect one firm holder function")
    print(f"  learned ranker: best matter's function right  {right:4d} ({100 * right / len(rows):.1f} %)")
    if not args.dump:
        return
    service: dict[str, str | None] = {}
    with args.dump.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            candidates = d["decisions"][0]["candidates"] if d["region"] == REGION and d["decisions"] else []
            if d["region"] == REGION:
                service[d["id"]] = leads.get(candidates[0]["matter_id"]) if candidates else None
    expected = {r["id"]: r["functions"] for r in rows}
    mine = sum(service.get(i) == f for i, f in expected.items())
    agree = [i for i in expected if service.get(i) == learned[i]]
    agree_right = sum(learned[i] == expected[i] for i in agree)
    print(f"  service ranker: best matter's function right  {mine:4d} ({100 * mine / len(rows):.1f} %)")
    print(
        f"  both agree on   {len(agree):4d} rows ({100 * len(agree) / len(rows):.1f} %), "
        f"right on {agree_right} of them ({100 * agree_right / max(len(agree), 1):.1f} %)"
    )


if __name__ == "__main__":
    main()
