"""The navigable tree of judgements and their criteria, each with its rating and progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from selfassess.model.editing import Draft
from selfassess.model.filtering import CriterionFilter
from selfassess.tui.widgets.audits import has_stale, today_of
from selfassess.views.render import plain, rating_badge
from selfassess.views.staleness import STALE_MARK

BADGE_WIDTH = 3
"""The rating's letter block at the start of a criterion's label (" G ")."""

LIMITING_MARK = "◆"
"""Marks a limiting criterion (a low rating there limits the judgement's grade; how, the
framework's scoring rules say)."""


@dataclass(frozen=True, slots=True)
class NodeRef:
    """What a tree node stands for: a judgement or a criterion, by id."""

    kind: str
    """"judgement" or "criterion"."""
    id: str


class CriterionTree(Tree[NodeRef]):
    """Judgements (with how many of their criteria are rated) and criteria (with their rating).

    Labels are updated node by node when a rating changes, never by rebuilding the tree, so a
    framework of thousands of criteria stays quick. The tree is rebuilt only when the filter
    changes.
    """

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__("Judgements", id=id)
        self.draft = draft
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = True
        self._criterion_nodes: dict[str, TreeNode[NodeRef]] = {}
        self._judgement_nodes: dict[str, TreeNode[NodeRef]] = {}

    def on_mount(self) -> None:
        self.build(CriterionFilter())

    # --- labels ---------------------------------------------------------------------------

    def criterion_label(self, criterion_id: str) -> Text:
        """The rating letter in its colour (never colour alone), the title, the limiting mark."""
        framework = self.draft.framework
        criterion = framework.criteria[criterion_id]
        label = Text()  # the badge's style must not spread to the title
        label.append_text(rating_badge(framework, self.draft.assessment.rating(criterion_id)))
        label.append(" ")
        label.append(plain(criterion.title, single_line=True))
        if criterion.limiting:
            label.append(f" {LIMITING_MARK}", style="bold")
        if has_stale(self.draft.assessment, criterion_id, today_of(self)):
            label.append(f" {STALE_MARK}", style="yellow")  # stale evidence: see the panel
        return label

    def judgement_label(self, judgement_id: str) -> Text:
        """The judgement's short title and its progress, e.g. "Help and protection 7/20"."""
        judgement = self.draft.framework.judgement_by_id[judgement_id]
        rated, total = self.draft.progress(judgement_id)
        label = Text(plain(judgement.label, single_line=True), style="bold")
        label.append(f" {rated}/{total}", style="dim" if rated < total else "")
        return label

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """A node's label fitted to the width, a long title ending "…" (the detail beside
        shows it in full), and with the cursor's colour behind the title only: the rating
        keeps its own colour and letter on the selected line."""
        label = node.label.copy() if isinstance(node.label, Text) else Text(node.label)
        ref = node.data
        skip = BADGE_WIDTH if ref is not None and ref.kind == "criterion" else 0
        label.stylize(style, skip)
        if node.allow_expand:
            prefix = Text(
                self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE,
                style=base_style + Style.from_meta({"toggle": True}),  # a click opens or closes
            )
        else:
            prefix = Text("", style=base_style)
        text = Text.assemble(prefix, label)
        room = self.scrollable_content_region.width - self.guide_depth * self._depth(node)
        if room > 1 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    @staticmethod
    def _depth(node: TreeNode[NodeRef]) -> int:
        """How many levels a node is below the judgements (criteria: 1)."""
        depth = 0
        parent = node.parent
        while parent is not None and parent.parent is not None:
            depth += 1
            parent = parent.parent
        return depth

    # --- building and updating ------------------------------------------------------------

    def build(self, criterion_filter: CriterionFilter) -> int:
        """Show the criteria the filter keeps, under their judgements; returns how many."""
        framework, assessment = self.draft.framework, self.draft.assessment
        self.clear()
        self._criterion_nodes.clear()
        self._judgement_nodes.clear()
        shown = 0
        for judgement in framework.judgements:
            kept = [
                c for c in judgement.criteria if criterion_filter.matches(framework, assessment, c)
            ]
            if criterion_filter.active and not kept:
                continue
            node = self.root.add(
                self.judgement_label(judgement.id),
                data=NodeRef("judgement", judgement.id),
                expand=True,
            )
            self._judgement_nodes[judgement.id] = node
            for criterion in kept:
                self._criterion_nodes[criterion.id] = node.add_leaf(
                    self.criterion_label(criterion.id), data=NodeRef("criterion", criterion.id)
                )
            shown += len(kept)
        return shown

    def refresh_criterion(self, criterion_id: str) -> None:
        """Update one criterion's label and its judgement's progress after a change."""
        node = self._criterion_nodes.get(criterion_id)
        if node is not None:
            node.set_label(self.criterion_label(criterion_id))
        judgement = self.draft.framework.judgement_of[criterion_id]
        parent = self._judgement_nodes.get(judgement.id)
        if parent is not None:
            parent.set_label(self.judgement_label(judgement.id))

    def shows(self, criterion_id: str) -> bool:
        return criterion_id in self._criterion_nodes

    def shown_criteria(self) -> list[str]:
        """Criteria in the tree, top to bottom."""
        return list(self._criterion_nodes)

    def move_to_criterion(self, criterion_id: str) -> bool:
        """Put the cursor on a criterion (expanding its judgement); False if it is not shown."""
        node = self._criterion_nodes.get(criterion_id)
        if node is None:
            return False
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        _ = self.last_line  # lays out the lines now, so a node added just now knows its line
        self.move_cursor(node)
        self.call_after_refresh(self.scroll_to_node, node, animate=False)
        return True

    def move_to_first_criterion(self) -> None:
        first = next(iter(self._criterion_nodes), None)
        if first is not None:
            self.move_to_criterion(first)

    @property
    def current(self) -> NodeRef | None:
        """What the cursor is on."""
        node = self.cursor_node
        return node.data if node is not None else None
