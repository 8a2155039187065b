"""Grouping messages into incidents: candidate pairs found set-wise, judged by the matcher, joined under people's links.

The matcher (`incident_match`) says whether two messages speak of one problem; this module decides which pairs
it is asked about and how its answers become groups. Comparing every message with every other of a week would
be tens of millions of pairs at region scale, so a pair is only a candidate when the two messages may be
compared at all (the same block, near in time) and their lemma vectors share enough words; the sparse
products that find those pairs run per block and per slice of time. A person's word wins over the matcher:
two messages linked as one problem are always together, and two split apart are never joined again, not
even through a third message both resemble.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from mcu_data.ingest import morph
from mcu_data.signals import incident_match as match

# two messages whose lemma vectors share less than this are not asked about. Paraphrases of one problem share
# its nouns (вода, порыв, свет, мусор …): on the dev pairs of tests/data/signals/incident_pairs.csv every
# same-problem pair clears 0,05 (0,08 would lose 6 %), and a quarter of the different-problem pairs do not
PREFILTER = 0.05
SLICE = 2_000  # rows of a block compared at once: bounds the memory of the sparse product
SPAN_DAYS = 14  # the longest an incident grows by similar pairs alone, unless a message says the problem goes on
NEAREST = 6  # the matcher is asked about each message's this many most similar neighbours, no more
COLUMNS = ("appeal_id", "received_at", "theme_code", "settlement_oktmo", "channel_code", "text_masked")


@dataclass(frozen=True)
class Grouping:
    """A group number per message (row order of the input), and what the work cost."""

    group: np.ndarray
    candidates: int  # pairs the matcher was asked about
    joined: int  # pairs it judged one problem


def messages(frame: pd.DataFrame) -> list[match.Message]:
    """The matcher's view of each row."""
    received = pd.to_datetime(frame["received_at"]).dt.to_pydatetime()
    oktmo = frame["settlement_oktmo"].astype("object").where(frame["settlement_oktmo"].notna(), None)
    return [
        match.Message(
            text=text or "",
            received_at=when,
            theme=theme,
            settlement=None if place is None else str(place),
            channel=channel,
        )
        for text, when, theme, place, channel in zip(
            frame["text_masked"].astype("object").where(frame["text_masked"].notna(), None),
            received,
            frame["theme_code"],
            oktmo,
            frame["channel_code"],
            strict=True,
        )
    ]


def _seconds(frame: pd.DataFrame) -> np.ndarray:
    """Each row's time in seconds, whatever the frame's datetime resolution (pandas 3 keeps microseconds)."""
    return pd.to_datetime(frame["received_at"]).to_numpy().astype("datetime64[s]").astype(np.int64)


def _vectors(texts: pd.Series) -> sparse.csr_matrix:
    """Row-normalised TF-IDF of each text's lemmas; one row per input row, texts read once each."""
    unique = pd.Series(texts.fillna("").unique())
    lemmas = unique.map(morph.lemma_text)
    matrix = TfidfVectorizer(token_pattern=r"(?u)\b\w\w\w+\b", sublinear_tf=True).fit_transform(lemmas)
    where = pd.Index(unique).get_indexer(texts.fillna(""))
    return matrix[where].tocsr()


def _pairs_within(
    rows: np.ndarray, others: np.ndarray, x: sparse.csr_matrix, seconds: np.ndarray, days: int
) -> np.ndarray:
    """Index pairs (i < j) of `rows` × `others` within `days` of each other whose vectors clear the prefilter.

    Both index arrays are sorted by time; each slice of `rows` is multiplied only by the `others` that lie
    within the window of it, and each row keeps only its NEAREST most similar partners.
    """
    window = days * 86400
    found = []
    other_times = seconds[others]
    for s in range(0, len(rows), SLICE):
        part = rows[s : s + SLICE]
        lo = np.searchsorted(other_times, seconds[part[0]] - window, side="left")
        hi = np.searchsorted(other_times, seconds[part[-1]] + window, side="right")
        near = others[lo:hi]
        if not len(near):
            continue
        product = (x[part] @ x[near].T).tocsr()
        rows_of = np.repeat(np.arange(len(part)), np.diff(product.indptr))
        i, j = part[rows_of], near[product.indices]
        keep = (product.data >= PREFILTER) & (i != j) & (np.abs(seconds[i] - seconds[j]) <= window)
        product.data[~keep] = 0
        product.eliminate_zeros()
        # each message brings only its NEAREST most similar neighbours: a chain of nearest neighbours still
        # joins a large incident, and a week of a template-like text costs linear, not quadratic, time
        starts, data, cols = product.indptr, product.data, product.indices
        counts = np.diff(starts)
        rows_of = np.repeat(np.arange(len(part)), counts)
        keep = counts[rows_of] <= NEAREST  # a row with few partners keeps them all, at once
        for r in np.flatnonzero(counts > NEAREST):  # only the crowded rows choose their nearest
            lo_r, hi_r = starts[r], starts[r + 1]
            keep[lo_r + np.argpartition(-data[lo_r:hi_r], NEAREST)[:NEAREST]] = True
        at = np.flatnonzero(keep)
        if not len(at):
            continue
        i, j = part[rows_of[at]], near[cols[at]]
        found.append(np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1))
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)


def candidates(frame: pd.DataFrame, msgs: list[match.Message], active: np.ndarray | None = None) -> np.ndarray:
    """Pairs worth asking the matcher about: same block (or one without a block), near in time, similar words.

    Every message is compared within SHORT_DAYS; one whose text says the problem goes on («до сих пор», «так и
    не») reaches back MAX_DAYS (`reach_back_days`). Only pairs with at least one `active` row are kept: the
    others are context, grouped already.
    """
    if len(frame) < 2:
        return np.empty((0, 2), dtype=np.int64)
    active = np.ones(len(frame), dtype=bool) if active is None else np.asarray(active, dtype=bool)
    x = _vectors(frame["text_masked"])
    seconds = _seconds(frame)
    keys = pd.Series([match.block_key(m) for m in msgs], dtype="object")
    reach_long = np.array(
        [bool(on) and match.reach_back_days(m) > match.SHORT_DAYS for m, on in zip(msgs, active, strict=True)],
        dtype=bool,
    )
    order = np.argsort(seconds, kind="stable")
    blocked = keys.iloc[order]
    loose = order[blocked.isna().to_numpy()]
    found = []
    has_block = blocked.notna().to_numpy()
    in_blocks = order[has_block]  # positions in frame, in time order
    codes, _ = pd.factorize(blocked[has_block].to_numpy())
    by_block = np.argsort(codes, kind="stable")  # block by block, each still in time order
    bounds = np.flatnonzero(np.diff(codes[by_block])) + 1
    for idx in np.split(in_blocks[by_block], bounds) if len(in_blocks) else []:
        found.append(_pairs_within(idx[active[idx]], idx, x, seconds, match.SHORT_DAYS))
        long = idx[reach_long[idx]]
        if len(long):  # the same problem still unsolved weeks later: these few look back further
            partners = np.sort(np.concatenate([idx, loose]))
            partners = partners[np.argsort(seconds[partners], kind="stable")]
            found.append(_pairs_within(long, partners, x, seconds, match.MAX_DAYS))
    if len(loose):  # a message with no block is compared with every message near it in time
        found.append(_pairs_within(loose[active[loose]], order, x, seconds, match.SHORT_DAYS))
        found.append(_pairs_within(loose, order[active[order]], x, seconds, match.SHORT_DAYS))
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return np.unique(pairs, axis=0) if len(pairs) else pairs


class _Groups:
    """Union–find whose groups remember which members they must never be joined with, and the time they span.

    Joining by similar pairs chains: each message a few days after the last, each like its neighbour, and a
    season of messages about a district centre's heating becomes one incident. So the matcher's pairs may not
    make a group span more than SPAN_DAYS, or MAX_DAYS when one of its messages says the problem goes on; a
    person's merge may.
    """

    def __init__(self, seconds: np.ndarray, long: np.ndarray) -> None:
        n = len(seconds)
        self.parent = np.arange(n)
        self.members: dict[int, set[int]] = {}
        self.barred: dict[int, set[int]] = {}
        self.span: dict[int, tuple[int, int, bool]] = {}
        self.seconds, self.long = seconds, long

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return int(i)

    def bar(self, i: int, j: int) -> None:
        self.barred.setdefault(self.root(i), set()).add(j)
        self.barred.setdefault(self.root(j), set()).add(i)

    def _span(self, r: int) -> tuple[int, int, bool]:
        return self.span.get(r) or (int(self.seconds[r]), int(self.seconds[r]), bool(self.long[r]))

    def join(self, i: int, j: int, force: bool = False) -> bool:
        a, b = self.root(i), self.root(j)
        if a == b:
            return True
        ma, mb = self.members.get(a, {a}), self.members.get(b, {b})
        ba, bb = self.barred.get(a, set()), self.barred.get(b, set())
        if ba & mb or bb & ma:
            return False
        (lo_a, hi_a, long_a), (lo_b, hi_b, long_b) = self._span(a), self._span(b)
        lo, hi, long = min(lo_a, lo_b), max(hi_a, hi_b), long_a or long_b
        # a group a person made longer may take in messages within its span, but not stretch it further
        allowed = max((match.MAX_DAYS if long else SPAN_DAYS) * 86400, hi_a - lo_a, hi_b - lo_b)
        if not force and hi - lo > allowed:
            return False
        if len(ma) < len(mb):
            a, b, ma, mb, ba, bb = b, a, mb, ma, bb, ba
        self.parent[b] = a
        self.members[a] = ma | mb
        self.barred[a] = ba | bb
        self.span[a] = (lo, hi, long)
        for gone in (self.members, self.barred, self.span):
            gone.pop(b, None)
        return True


def group(frame: pd.DataFrame, links: pd.DataFrame | None = None, active: np.ndarray | None = None) -> Grouping:
    """Groups of the frame's messages (columns COLUMNS) under the links people made (appeal_a, appeal_b, same_problem).

    Links come first: splits bar, merges join. Rows that are not `active` are context: they keep the groups
    they had (column `previous`), and only an active message can join them. Then the matcher's pairs join in
    order of its confidence, so a weak pair never pulls together what a person's split kept apart.
    """
    frame = frame.reset_index(drop=True)
    msgs = messages(frame)
    seconds = _seconds(frame)
    active_rows = np.ones(len(frame), dtype=bool) if active is None else np.asarray(active, dtype=bool)
    # only the messages being grouped need their reach; context rows are grouped already
    long = np.array(
        [bool(on) and match.reach_back_days(m) > match.SHORT_DAYS for m, on in zip(msgs, active_rows, strict=True)],
        dtype=bool,
    )
    groups = _Groups(seconds, long)
    if active is not None and "previous" in frame.columns:
        context = frame.loc[~np.asarray(active, dtype=bool) & frame["previous"].notna()]
        for _, members in context.groupby("previous").groups.items():
            first, *rest = list(members)
            for other in rest:
                groups.join(int(first), int(other), force=True)
    position = pd.Series(np.arange(len(frame)), index=frame["appeal_id"].to_numpy())
    if links is not None and len(links):
        inside = links[links["appeal_a"].isin(position.index) & links["appeal_b"].isin(position.index)]
        for a, b, same in zip(inside["appeal_a"], inside["appeal_b"], inside["same_problem"], strict=True):
            if not same:
                groups.bar(int(position[a]), int(position[b]))
        for a, b, same in zip(inside["appeal_a"], inside["appeal_b"], inside["same_problem"], strict=True):
            if same:
                groups.join(int(position[a]), int(position[b]), force=True)
    pairs = candidates(frame, msgs, active)
    scored = []
    for i, j in pairs:
        a, b = msgs[i], msgs[j]
        if match.may_match(a, b):
            s = match.score(a, b)
            if s >= match.SAME_AT:
                scored.append((s, int(i), int(j)))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in scored:
        groups.join(i, j)
    roots = np.array([groups.root(i) for i in range(len(frame))], dtype=np.int64)
    _, labels = np.unique(roots, return_inverse=True)
    return Grouping(labels.astype(np.int64), int(len(pairs)), len(scored))


def keep_numbers(labels: np.ndarray, previous: pd.Series) -> np.ndarray:
    """An incident number per group: the number most of its members had before, while no larger group claims it.

    `previous` holds each row's earlier incident number (NaN for new messages). Groups are served largest
    first, so the bulk of an incident keeps its number when a message is split off or a new one joins;
    a group that can keep none gets -1 (the caller draws a new number).
    """
    frame = pd.DataFrame({"group": labels, "previous": previous.to_numpy()})
    size = frame.groupby("group")["group"].transform("size")
    votes = (
        frame.assign(size=size)
        .dropna(subset=["previous"])
        .groupby(["size", "group", "previous"])
        .size()
        .reset_index(name="votes")
        .sort_values(["size", "group", "votes", "previous"], ascending=[False, True, False, True], kind="stable")
    )
    taken: set[int] = set()
    number: dict[int, int] = {}
    for g, prev in zip(votes["group"], votes["previous"], strict=True):
        if g not in number and int(prev) not in taken:
            number[int(g)] = int(prev)
            taken.add(int(prev))
    return frame["group"].map(number).fillna(-1).to_numpy(dtype=np.int64)
