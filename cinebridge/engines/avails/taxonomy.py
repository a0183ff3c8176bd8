"""Trees of territories and media as bitsets over their leaves.

A taxonomy is data: nodes with a parent, plus named groups that cut across the tree (CIS,
Greater China). Selecting a node means all its leaves; a selection may exclude nodes
("World excluding RU, BY"). Masks are Python ints with bit i set for leaf i.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class UnknownCode(ValueError):
    """A selection names a code the taxonomy does not know."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a tree: its code, its parent's code (None for the root) and its name."""

    code: str
    parent: str | None
    name: str = ""


class Taxonomy:
    """A tree of nodes plus cross-cutting groups, answering masks and their descriptions."""

    def __init__(self, nodes: Iterable[Node], groups: Mapping[str, Iterable[str]] | None = None):
        self.nodes: dict[str, Node] = {}
        self.children: dict[str, list[str]] = {}
        for node in nodes:
            self.nodes[node.code] = node
            self.children.setdefault(node.code, [])
        roots = []
        for node in self.nodes.values():
            if node.parent is None:
                roots.append(node.code)
            elif node.parent not in self.nodes:
                raise UnknownCode(node.parent)
            else:
                self.children[node.parent].append(node.code)
        if len(roots) != 1:
            raise ValueError(f"a taxonomy needs exactly one root, found {len(roots)}")
        self.root = roots[0]
        self.leaves: tuple[str, ...] = tuple(
            c for c in self._walk(self.root) if not self.children[c]
        )
        self.leaf_index = {code: i for i, code in enumerate(self.leaves)}
        self._masks: dict[str, int] = {}
        self._fill_masks(self.root)
        self.groups: dict[str, int] = {}
        for code, members in (groups or {}).items():
            self.groups[code] = self.selection(members)
        self.full = self._masks[self.root]

    def _walk(self, code: str) -> Iterable[str]:
        stack = [code]
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(self.children[current]))

    def _fill_masks(self, root: str) -> None:
        for code in reversed(list(self._walk(root))):
            if code in self.leaf_index:
                self._masks[code] = 1 << self.leaf_index[code]
            else:
                mask = 0
                for child in self.children[code]:
                    mask |= self._masks[child]
                self._masks[code] = mask

    def __contains__(self, code: object) -> bool:
        return code in self._masks or code in self.groups

    def mask(self, code: str) -> int:
        """The leaves under a node or in a group; raises UnknownCode."""
        if code in self._masks:
            return self._masks[code]
        if code in self.groups:
            return self.groups[code]
        raise UnknownCode(code)

    def selection(self, include: Iterable[str], exclude: Iterable[str] = ()) -> int:
        """Leaves of every included code minus leaves of every excluded code."""
        mask = 0
        for code in include:
            mask |= self.mask(code)
        for code in exclude:
            mask &= ~self.mask(code)
        return mask

    def leaf_codes(self, mask: int) -> tuple[str, ...]:
        """The leaf codes in a mask, in tree order."""
        return tuple(code for i, code in enumerate(self.leaves) if mask >> i & 1)

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The codes from a node's parent up to the root."""
        out = []
        parent = self.nodes[code].parent
        while parent is not None:
            out.append(parent)
            parent = self.nodes[parent].parent
        return tuple(out)

    def cover(self, mask: int) -> tuple[str, ...]:
        """The fewest tree nodes whose leaves are exactly the mask, largest first."""
        out: list[str] = []
        stack = [self.root]
        while stack:
            code = stack.pop()
            node_mask = self._masks[code]
            if node_mask & mask == 0:
                continue
            if node_mask & ~mask == 0:
                out.append(code)
            else:
                stack.extend(reversed(self.children[code]))
        return tuple(out)

    def describe(self, mask: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A short (include, exclude) pair of codes for a mask: "001 excluding RU, BY"."""
        best: tuple[tuple[str, ...], tuple[str, ...]] = (self.cover(mask), ())
        if not mask:
            return (), ()
        candidates = [*(code for code in self.nodes if self.children[code]), *self.groups]
        for code in candidates:
            outer = self.mask(code)
            if mask & ~outer:
                continue
            missing = outer & ~mask
            if missing and missing.bit_count() <= 8:
                excluded = self.cover(missing)
                if 1 + len(excluded) < len(best[0]) + len(best[1]):
                    best = ((code,), excluded)
        for code, group_mask in self.groups.items():
            if group_mask == mask:
                return (code,), ()
        return best


def bits(mask: int) -> Iterable[int]:
    """The positions of the set bits of a mask, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def refine(universe: int, masks: Iterable[int]) -> list[int]:
    """Split a mask into atoms: the coarsest partition that every given mask respects."""
    atoms = [universe] if universe else []
    for mask in set(masks):
        mask &= universe
        if not mask:
            continue
        split: list[int] = []
        for atom in atoms:
            inside = atom & mask
            if inside and inside != atom:
                split.extend((inside, atom & ~mask))
            else:
                split.append(atom)
        atoms = split
    return atoms
