"""The rows of the editors' workbench: each pairs paragraphs of the original
with the machine paragraphs that translate them and the correction of those.

The pairing is the article's `alignment` (made at import, correctable by an
editor); the correction is the `body`, whose paragraphs are matched to the
machine paragraphs they came from, so an editor who splits or joins
paragraphs still sees them beside their machine text.
"""

import re
from dataclasses import dataclass, field

from articles.editorial.cleaning import paragraphs
from articles.editorial.diffs import opcodes


@dataclass
class Row:
    original_numbers: list  # from 0
    machine_numbers: list  # from 0
    original: list = field(default_factory=list)  # paragraphs
    machine: list = field(default_factory=list)
    correction: list = field(default_factory=list)

    @property
    def original_text(self):
        return "\n\n".join(self.original)

    @property
    def machine_text(self):
        return "\n\n".join(self.machine)

    @property
    def correction_text(self):
        return "\n\n".join(self.correction)


def corrections_by_paragraph(machine, correction):
    """For each machine paragraph, the correction paragraphs made of it; a
    paragraph the editor added goes with the machine paragraph before it."""
    groups = [[] for _ in machine]
    if not machine:
        return groups
    for op, i1, i2, j1, j2 in opcodes(machine, correction):
        if op == "insert":
            groups[max(i1 - 1, 0)].extend(correction[j1:j2])
            continue
        for n in range(j2 - j1):
            groups[min(i1 + n, i2 - 1)].append(correction[j1 + n])
    return groups


def is_valid_alignment(pairs, original_count, machine_count):
    """Every paragraph of each side once, in order."""
    try:
        originals = [k for pair in pairs for k in pair[0]]
        machines = [k for pair in pairs for k in pair[1]]
    except (TypeError, IndexError, KeyError):
        return False
    return (
        originals == list(range(original_count))
        and machines == list(range(machine_count))
        and all(pair[0] or pair[1] for pair in pairs)
    )


def one_to_one(original_count, machine_count):
    return [
        [[k] if k < original_count else [], [k] if k < machine_count else []]
        for k in range(max(original_count, machine_count))
    ]


def workbench_rows(original_body, machine_body, body, alignment):
    """The workbench's rows: the stored pairing where it still fits the
    texts, else paragraph by paragraph."""
    original, machine, correction = (
        paragraphs(original_body),
        paragraphs(machine_body),
        paragraphs(body),
    )
    pairs = alignment
    if not is_valid_alignment(pairs or [], len(original), len(machine)):
        pairs = one_to_one(len(original), len(machine))
    rows = [
        Row(
            list(original_numbers),
            list(machine_numbers),
            [original[k] for k in original_numbers],
            [machine[k] for k in machine_numbers],
        )
        for original_numbers, machine_numbers in pairs
    ]
    if machine:
        groups = corrections_by_paragraph(machine, correction)
        holder = {}
        for row in rows:
            for k in row.machine_numbers:
                holder[k] = row
        for k, group in enumerate(groups):
            holder[k].correction.extend(group)
    elif rows:
        # Awaiting translation: the translation is written row by row.
        for n, paragraph in enumerate(correction):
            rows[min(n, len(rows) - 1)].correction.append(paragraph)
    else:
        rows = [Row([], [], correction=correction)]
    return rows


# The pairing as an editor writes it: "1=1; 2=2-3; =4", original paragraph
# numbers (from 1) before "=", machine ones after, a side left empty for a
# paragraph without a counterpart.
PAIR = re.compile(r"^\s*([\d,\s-]*)=([\d,\s-]*)$")


def format_numbers(numbers):
    if not numbers:
        return ""
    first, last = numbers[0] + 1, numbers[-1] + 1
    return str(first) if first == last else f"{first}-{last}"


def format_pairing(pairs):
    return "; ".join(f"{format_numbers(o)}={format_numbers(m)}" for o, m in pairs)


def parse_numbers(text, side):
    numbers = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if not first.strip().isdigit() or (last and not last.strip().isdigit()):
            raise ValueError(
                f"“{part}” is not a paragraph number or range (such as 2-3) of the {side}."
            )
        first, last = int(first), int(last or first)
        numbers.extend(range(first - 1, last))
    return numbers


def parse_pairing(text, original_count, machine_count):
    """[[original numbers], [machine numbers]] pairs from an editor's pairing,
    or ValueError saying what is wrong with it."""
    pairs = []
    for item in filter(None, (i.strip() for i in re.split(r"[;\n]", text))):
        match = PAIR.match(item)
        if not match:
            raise ValueError(
                f"“{item}” is not a pair: write original paragraphs, “=”, machine paragraphs "
                "(such as 2=2-3)."
            )
        pair = [parse_numbers(match[1], "original"), parse_numbers(match[2], "machine")]
        if not pair[0] and not pair[1]:
            raise ValueError("A pair needs a paragraph on at least one side.")
        pairs.append(pair)
    for side, count, name in ((0, original_count, "original"), (1, machine_count, "machine")):
        numbers = [k for pair in pairs for k in pair[side]]
        if numbers != list(range(count)):
            raise ValueError(
                f"Name each of the {count} {name} paragraphs once, in order (from 1 to {count})."
            )
    return pairs
