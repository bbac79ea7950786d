"""Scoring suggestions against hand labels over a directory of articles.

Each article is ``NAME.txt`` with ``NAME.labels.json`` beside it::

    {"source": "...", "items": [{"quote", "char_start", "char_end", "speaker",
      "speaker_aliases": [...], "via": [...], "stance", "responds_to"}]}

The rules, per article and summed over all:

* recall: a labelled item is found when a suggestion's span overlaps it by at least half of
  the labelled span;
* precision: a suggestion is correct when it overlaps some labelled item by at least half of
  the suggestion's length or half of the label's length;
* speaker: of the found items, those whose suggested speaker names the labelled speaker or
  one of its aliases (case, accents and a leading "the" ignored; "the new Pentagon report"
  names "Pentagon"); a labelled speaker of null is right only for a null suggestion;
* answers: of the labelled items that answer another (denials, disputes, confirmations,
  retractions: ``responds_to`` not null), those found by a suggestion whose ``responds_to``
  is a suggestion that finds the labelled target;
* verbatim: suggestions whose quote is not ``text[char_start:char_end]`` (must be zero).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.text import fold

from . import extract


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def finds(suggestion_span: tuple[int, int], label_span: tuple[int, int]) -> bool:
    """Whether a suggestion covers at least half of a labelled span."""
    return 2 * _overlap(suggestion_span, label_span) >= label_span[1] - label_span[0] > 0


def matches(suggestion_span: tuple[int, int], label_span: tuple[int, int]) -> bool:
    """Whether a suggestion and a label overlap by half of either's length."""
    shared = 2 * _overlap(suggestion_span, label_span)
    return shared > 0 and (
        shared >= suggestion_span[1] - suggestion_span[0] or shared >= label_span[1] - label_span[0]
    )


def names(suggested: str | None, label: dict) -> bool:
    """Whether the suggested speaker names the labelled speaker or one of its aliases."""
    wanted = [label.get("speaker"), *label.get("speaker_aliases", [])]
    if label.get("speaker") is None:
        return suggested is None
    if not suggested:
        return False
    got = fold(suggested)
    for name in filter(None, wanted):
        folded = fold(name)
        if got == folded or re.search(r"(?<!\w)" + re.escape(folded) + r"(?!\w)", got):
            return True
    return False


@dataclass
class Score:
    name: str
    labelled: int = 0
    suggested: int = 0
    found: int = 0
    correct: int = 0
    speaker_right: int = 0
    answers: int = 0
    answers_right: int = 0
    not_verbatim: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for key in (
            "labelled",
            "suggested",
            "found",
            "correct",
            "speaker_right",
            "answers",
            "answers_right",
            "not_verbatim",
        ):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.labelled)

    @property
    def precision(self) -> float:
        return self._ratio(self.correct, self.suggested)

    @property
    def speaker(self) -> float:
        return self._ratio(self.speaker_right, self.found)

    @property
    def answered(self) -> float:
        return self._ratio(self.answers_right, self.answers)


def score_article(name: str, text: str, labels: list[dict]) -> Score:
    """Score ``extract(text)`` against the labelled items of one article."""
    suggestions = extract(text)
    score = Score(name, labelled=len(labels), suggested=len(suggestions))
    spans = [(s.char_start, s.char_end) for s in suggestions]
    score.not_verbatim = sum(1 for s in suggestions if s.quote != text[s.char_start : s.char_end])
    score.correct = sum(
        1
        for span in spans
        if any(matches(span, (lab["char_start"], lab["char_end"])) for lab in labels)
    )
    # The suggestion that finds each label: the one covering most of it.
    finder: list[int | None] = []
    for label in labels:
        lspan = (label["char_start"], label["char_end"])
        candidates = [i for i, span in enumerate(spans) if finds(span, lspan)]
        best = max(candidates, key=lambda i: _overlap(spans[i], lspan), default=None)
        finder.append(best)
    for index, label in enumerate(labels):
        found_by = finder[index]
        if found_by is None:
            score.misses.append(label["quote"][:70])
            continue
        score.found += 1
        if names(suggestions[found_by].speaker, label):
            score.speaker_right += 1
    for index, label in enumerate(labels):
        target = label.get("responds_to")
        if target is None:
            continue
        score.answers += 1
        found_by = finder[index]
        if found_by is None:
            continue
        answered = suggestions[found_by].responds_to
        target_span = (labels[target]["char_start"], labels[target]["char_end"])
        if answered is not None and finds(spans[answered], target_span):
            score.answers_right += 1
    return score


def score_directory(directory: str | Path) -> tuple[list[Score], Score]:
    """Scores for every ``NAME.txt`` with labels in ``directory``, and their total."""
    scores = []
    total = Score("overall")
    for labels_path in sorted(Path(directory).glob("*.labels.json")):
        name = labels_path.name.removesuffix(".labels.json")
        text = (labels_path.parent / f"{name}.txt").read_text(encoding="utf-8")
        labels = json.loads(labels_path.read_text(encoding="utf-8"))["items"]
        score = score_article(name, text, labels)
        scores.append(score)
        total.add(score)
    return scores, total


def labels_from_expected(text: str, expected: dict) -> list[dict]:
    """Labels in the development-set format from a reference ``.expected.json``.

    Its claims become asserting items and its denials answer the first target among them;
    ``statements_not_claims`` are reported statements too. A claim whose quote has no
    reporting frame (the outlet's own framing) is left out: it is not a reported statement.
    """
    aliases = {actor["name"]: actor.get("aliases", []) for actor in expected.get("actors", [])}
    items: list[dict] = []
    keys: dict[str, int] = {}

    def item(quote, speaker, via, stance, responds_to=None):
        start = text.index(quote)
        return {
            "quote": quote,
            "char_start": start,
            "char_end": start + len(quote),
            "speaker": speaker,
            "speaker_aliases": aliases.get(speaker, []),
            "via": via,
            "stance": stance,
            "responds_to": responds_to,
        }

    for claim in expected.get("claims", []):
        if claim.get("attributed_to") == expected.get("article", {}).get("publisher"):
            continue
        keys[claim["key"]] = len(items)
        items.append(
            item(claim["quote"], claim["attributed_to"], claim.get("via", []), claim["stance"])
        )
    seen_quotes = {}
    for denial in expected.get("denials", []):
        if denial["quote"] in seen_quotes or denial["target"] not in keys:
            continue
        seen_quotes[denial["quote"]] = True
        items.append(item(denial["quote"], denial["denier"], [], "denies", keys[denial["target"]]))
    for statement in expected.get("statements_not_claims", []):
        speakers = statement.get("speakers", [])
        entry = item(statement["quote"], speakers[0] if speakers else None, [], "asserts")
        entry["speaker_aliases"] = [*speakers[1:], "heads of government"]
        items.append(entry)
    targets = [
        items[entry["responds_to"]] if entry["responds_to"] is not None else None for entry in items
    ]
    pairs = sorted(zip(items, targets, strict=True), key=lambda pair: pair[0]["char_start"])
    ordered = [entry for entry, _ in pairs]
    for entry, target in pairs:
        entry["responds_to"] = (
            next(i for i, e in enumerate(ordered) if e is target) if target else None
        )
    return ordered
