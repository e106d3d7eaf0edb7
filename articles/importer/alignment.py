"""Which paragraphs of the original each machine paragraph translates.

Translation keeps the order of paragraphs but may split or join them, so the
pairing is a dynamic programme over both lists (as Gale and Church aligned
sentences): one to one, one to two, two to one, or a paragraph on one side
alone, each step costing how far the lengths are from what translation makes
of them. Chinese runs about a third as many characters as its English.
"""

import math

from articles.editorial.cleaning import paragraphs

ENGLISH_PER_CHINESE = 3.0
_STEPS = [(1, 1, 0.0), (1, 2, 1.0), (2, 1, 1.0), (1, 0, 3.0), (0, 1, 3.0)]


def align_paragraphs(original_body, machine_body):
    """[[original paragraph numbers], [machine paragraph numbers]] pairs, from 0."""
    original, machine = paragraphs(original_body), paragraphs(machine_body)
    if len(original) == len(machine):
        return [[[k], [k]] for k in range(len(original))]
    n, m = len(original), len(machine)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == math.inf:
                continue
            for di, dj, penalty in _STEPS:
                if i + di > n or j + dj > m:
                    continue
                size_original = sum(len(p) for p in original[i : i + di]) * ENGLISH_PER_CHINESE
                size_machine = sum(len(p) for p in machine[j : j + dj])
                mismatch = abs(math.log((size_original + 1) / (size_machine + 1)))
                total = cost[i][j] + penalty + (mismatch if di and dj else 0.0)
                if total < cost[i + di][j + dj]:
                    cost[i + di][j + dj], step[i + di][j + dj] = total, (di, dj)
    pairs, i, j = [], n, m
    while i or j:
        di, dj = step[i][j]
        pairs.append([list(range(i - di, i)), list(range(j - dj, j))])
        i, j = i - di, j - dj
    return pairs[::-1]
