"""The ``__eq__`` and ``__hash__`` of each shape of judgement's value classes (see :mod:`judgement._attrs`).

Written by :func:`judgement._attrs.eq_hash_module`: do not edit. After adding or changing a value class,
write it again with ``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_reprs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["SHAPES"]


def _shape_0(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.grade == other.grade and
            self.fired == other.fired and
            self.not_fired == other.not_fired and
            self.reason == other.reason
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.grade, self.fired, self.not_fired, self.reason))

    return __eq__, __hash__


def _shape_1(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.rule == other.rule and
            self.grade == other.grade and
            self.default == other.default and
            self.cases == other.cases and
            self.at == other.at
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.rule, self.grade, self.default, self.cases, self.at))

    return __eq__, __hash__


def _shape_2(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.grade == other.grade and
            self.status == other.status
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.grade, self.status))

    return __eq__, __hash__


def _shape_3(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.grade == other.grade and
            self.status == other.status and
            self.reason == other.reason and
            self.rules_fired == other.rules_fired
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.grade, self.status, self.reason, self.rules_fired))

    return __eq__, __hash__


def _shape_4(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.grade == other.grade and
            self.status == other.status and
            self.reason == other.reason and
            self.why == other.why and
            self.why_not == other.why_not and
            self.counterfactuals == other.counterfactuals and
            self.borderline == other.borderline and
            self.missing == other.missing and
            self.scales == other.scales
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.grade, self.status, self.reason, self.why, self.why_not, self.counterfactuals, self.borderline, self.missing, self.scales))

    return __eq__, __hash__


def _shape_5(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.kind == other.kind and
            self.grade == other.grade and
            self.colour == other.colour and
            self.reason == other.reason and
            self.indicator == other.indicator and
            self.unit == other.unit and
            self.this_year == other.this_year and
            self.last_year == other.last_year and
            self.england == other.england and
            self.neighbours == other.neighbours and
            self.direction == other.direction and
            self.travel == other.travel and
            self.calibration == other.calibration
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.kind, self.grade, self.colour, self.reason, self.indicator, self.unit, self.this_year, self.last_year, self.england, self.neighbours, self.direction, self.travel, self.calibration))

    return __eq__, __hash__


def _shape_6(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.old_grade == other.old_grade and
            self.new_grade == other.new_grade and
            self.old_reason == other.old_reason and
            self.new_reason == other.new_reason
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.old_grade, self.new_grade, self.old_reason, self.new_reason))

    return __eq__, __hash__


def _shape_7(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area and
            self.title == other.title and
            self.point == other.point and
            self.probabilities == other.probabilities and
            self.errors == other.errors
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area, self.title, self.point, self.probabilities, self.errors))

    return __eq__, __hash__


def _shape_8(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.area == other.area
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.area))

    return __eq__, __hash__


def _shape_9(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.areas == other.areas and
            self.fixed == other.fixed and
            self.live == other.live and
            self.missing == other.missing and
            self.firing == other.firing and
            self.text == other.text and
            self.fields == other.fields and
            self.decided == other.decided
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.areas, self.fixed, self.live, self.missing, self.firing, self.text, self.fields, self.decided))

    return __eq__, __hash__


def _shape_10(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.areas == other.areas and
            self.op == other.op and
            self.grade == other.grade
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.areas, self.op, self.grade))

    return __eq__, __hash__


def _shape_11(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.before == other.before and
            self.after == other.after and
            self.figures == other.figures
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.before, self.after, self.figures))

    return __eq__, __hash__


def _shape_12(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.body == other.body and
            self.grades == other.grades and
            self.label == other.label and
            self.error == other.error
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.body, self.grades, self.label, self.error))

    return __eq__, __hash__


def _shape_13(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.case == other.case and
            self.authority == other.authority and
            self.area == other.area and
            self.old_grade == other.old_grade and
            self.new_grade == other.new_grade and
            self.old_rules == other.old_rules and
            self.new_rules == other.new_rules and
            self.old_reason == other.old_reason and
            self.new_reason == other.new_reason and
            self.old_label == other.old_label and
            self.new_label == other.new_label
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.case, self.authority, self.area, self.old_grade, self.new_grade, self.old_rules, self.new_rules, self.old_reason, self.new_reason, self.old_label, self.new_label))

    return __eq__, __hash__


def _shape_14(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.case == other.case and
            self.draws == other.draws and
            self.seed == other.seed and
            self.sampled == other.sampled and
            self.areas == other.areas
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.case, self.draws, self.seed, self.sampled, self.areas))

    return __eq__, __hash__


def _shape_15(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.centre == other.centre and
            self.n == other.n and
            self.z == other.z and
            self.side == other.side and
            self.scale == other.scale and
            self.level == other.level
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.centre, self.n, self.z, self.side, self.scale, self.level))

    return __eq__, __hash__


def _shape_16(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.message == other.message
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.message))

    return __eq__, __hash__


def _shape_17(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.name == other.name and
            self.on == other.on and
            self.successors == other.successors and
            self.source == other.source
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.name, self.on, self.successors, self.source))

    return __eq__, __hash__


def _shape_18(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.name == other.name and
            self.on_site == other.on_site and
            self.published == other.published and
            self.kind == other.kind and
            self.grades == other.grades
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.name, self.on_site, self.published, self.kind, self.grades))

    return __eq__, __hash__


def _shape_19(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.name == other.name and
            self.year == other.year and
            self.neighbours == other.neighbours and
            self.indicators == other.indicators
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.name, self.year, self.neighbours, self.indicators))

    return __eq__, __hash__


def _shape_20(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.name == other.name and
            self.years == other.years and
            self.indicators == other.indicators and
            self.grades == other.grades
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.name, self.years, self.indicators, self.grades))

    return __eq__, __hash__


def _shape_21(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.code == other.code and
            self.number == other.number and
            self.name == other.name and
            self.region == other.region
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.code, self.number, self.name, self.region))

    return __eq__, __hash__


def _shape_22(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.direction == other.direction and
            self.target == other.target and
            self.changes == other.changes and
            self.cost == other.cost and
            self.verified == other.verified
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.direction, self.target, self.changes, self.cost, self.verified))

    return __eq__, __hash__


def _shape_23(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.doc == other.doc and
            self.problems == other.problems
        )

    return (__eq__,)


def _shape_24(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.engine == other.engine and
            self.rule_of == other.rule_of and
            self.slot_bit == other.slot_bit and
            self.outcomes == other.outcomes and
            self.checks == other.checks and
            self.parts == other.parts
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.engine, self.rule_of, self.slot_bit, self.outcomes, self.checks, self.parts))

    return __eq__, __hash__


def _shape_25(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.field == other.field and
            self.op == other.op and
            self.rhs == other.rhs and
            self.extra == other.extra
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.field, self.op, self.rhs, self.extra))

    return __eq__, __hash__


def _shape_26(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.file == other.file and
            self.header == other.header and
            self.cells == other.cells and
            self.line_no == other.line_no and
            self.source == other.source and
            self.rulebook == other.rulebook and
            self.delimiter == other.delimiter and
            self.fractions == other.fractions and
            self.case_id == other.case_id
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.file, self.header, self.cells, self.line_no, self.source, self.rulebook, self.delimiter, self.fractions, self.case_id))

    return __eq__, __hash__


def _shape_27(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.file == other.file and
            self.line == other.line and
            self.column == other.column and
            self.path == other.path
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.file, self.line, self.column, self.path))

    return __eq__, __hash__


def _shape_28(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.folder == other.folder and
            self.rows == other.rows and
            self.names == other.names and
            self.numbers == other.numbers and
            self.by_number == other.by_number and
            self.files == other.files and
            self.neighbours_2021 == other.neighbours_2021 and
            self.neighbours_2025 == other.neighbours_2025 and
            self.numbered == other.numbered and
            self.regions == other.regions and
            self.region_of == other.region_of and
            self.history == other.history and
            self.history_file == other.history_file
        )

    return (__eq__,)


def _shape_29(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.grade == other.grade and
            self.rules == other.rules and
            self.note == other.note
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.grade, self.rules, self.note))

    return __eq__, __hash__


def _shape_30(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.id == other.id and
            self.grade == other.grade and
            self.because == other.because and
            self.condition == other.condition and
            self.normal == other.normal and
            self.default == other.default and
            self.rationale == other.rationale and
            self.cites == other.cites and
            self.location == other.location and
            self.limit == other.limit and
            self.reasons == other.reasons and
            self.effective_from == other.effective_from and
            self.effective_to == other.effective_to
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.id, self.grade, self.because, self.condition, self.normal, self.default, self.rationale, self.cites, self.location, self.limit, self.reasons, self.effective_from, self.effective_to))

    return __eq__, __hash__


def _shape_31(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.id == other.id and
            self.title == other.title and
            self.requires == other.requires and
            self.policy == other.policy and
            self.rules == other.rules and
            self.description == other.description and
            self.location == other.location and
            self.scale == other.scale and
            self.optional == other.optional and
            self.optional_grades == other.optional_grades and
            self.reads_areas == other.reads_areas and
            self.level == other.level and
            self.aspects == other.aspects and
            self.combine == other.combine and
            self.parent == other.parent and
            self.effective_from == other.effective_from and
            self.effective_to == other.effective_to
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.id, self.title, self.requires, self.policy, self.rules, self.description, self.location, self.scale, self.optional, self.optional_grades, self.reads_areas, self.level, self.aspects, self.combine, self.parent, self.effective_from, self.effective_to))

    return __eq__, __hash__


def _shape_32(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.id == other.id and
            self.title == other.title and
            self.unit == other.unit and
            self.better == other.better and
            self.minimum == other.minimum and
            self.maximum == other.maximum and
            self.definition == other.definition and
            self.source == other.source and
            self.location == other.location and
            self.levels == other.levels and
            self.counted == other.counted and
            self.at_most == other.at_most
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.id, self.title, self.unit, self.better, self.minimum, self.maximum, self.definition, self.source, self.location, self.levels, self.counted, self.at_most))

    return __eq__, __hash__


def _shape_33(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.id == other.id and
            self.title == other.title and
            self.unit == other.unit and
            self.values == other.values and
            self.location == other.location and
            self.period_of == other.period_of
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.id, self.title, self.unit, self.values, self.location, self.period_of))

    return __eq__, __hash__


def _shape_34(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.index == other.index and
            self.area == other.area and
            self.level == other.level and
            self.rules == other.rules and
            self.bits == other.bits and
            self.reads == other.reads and
            self.reads_keys == other.reads_keys and
            self.positions == other.positions and
            self.alternatives == other.alternatives and
            self.grade_key == other.grade_key and
            self.required == other.required and
            self.slot == other.slot and
            self.needs == other.needs and
            self.search_keys == other.search_keys and
            self.search_inputs == other.search_inputs and
            self.split == other.split and
            self.reads_alternatives == other.reads_alternatives
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.index, self.area, self.level, self.rules, self.bits, self.reads, self.reads_keys, self.positions, self.alternatives, self.grade_key, self.required, self.slot, self.needs, self.search_keys, self.search_inputs, self.split, self.reads_alternatives))

    return __eq__, __hash__


def _shape_35(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.index == other.index and
            self.case_id == other.case_id and
            self.piece == other.piece and
            self.unmet == other.unmet and
            self.problems == other.problems
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.index, self.case_id, self.piece, self.unmet, self.problems))

    return __eq__, __hash__


def _shape_36(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.index == other.index and
            self.source == other.source and
            self.error == other.error
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.index, self.source, self.error))

    return __eq__, __hash__


def _shape_37(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.inspection == other.inspection and
            self.year == other.year and
            self.case_id == other.case_id and
            self.ofsted == other.ofsted and
            self.screen == other.screen
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.inspection, self.year, self.case_id, self.ofsted, self.screen))

    return __eq__, __hash__


def _shape_38(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.intervals == other.intervals and
            self.exact == other.exact
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.intervals, self.exact))

    return __eq__, __hash__


def _shape_39(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.items == other.items
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.items))

    return __eq__, __hash__


def _shape_40(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.judgement == other.judgement and
            self.pairs == other.pairs and
            self.spearman == other.spearman and
            self.kappa == other.kappa and
            self.exact == other.exact and
            self.within_one == other.within_one and
            self.confusion == other.confusion and
            self.inadequate == other.inadequate and
            self.inadequate_found == other.inadequate_found and
            self.flagged_not_inadequate == other.flagged_not_inadequate
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.judgement, self.pairs, self.spearman, self.kappa, self.exact, self.within_one, self.confusion, self.inadequate, self.inadequate_found, self.flagged_not_inadequate))

    return __eq__, __hash__


def _shape_41(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.kind == other.kind and
            self.areas == other.areas
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.kind, self.areas))

    return __eq__, __hash__


def _shape_42(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.kind == other.kind and
            self.text == other.text and
            self.offset == other.offset
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.kind, self.text, self.offset))

    return __eq__, __hash__


def _shape_43(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.kind == other.kind and
            self.unit == other.unit and
            self.has_field == other.has_field and
            self.constant == other.constant and
            self.scale == other.scale
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.kind, self.unit, self.has_field, self.constant, self.scale))

    return __eq__, __hash__


def _shape_44(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.line == other.line and
            self.column == other.column
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.line, self.column))

    return __eq__, __hash__


def _shape_45(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.line_no == other.line_no and
            self.cells == other.cells and
            self.source == other.source
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.line_no, self.cells, self.source))

    return __eq__, __hash__


def _shape_46(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.lo == other.lo and
            self.lo_open == other.lo_open and
            self.hi == other.hi and
            self.hi_open == other.hi_open and
            self.points == other.points and
            self.excluded == other.excluded
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.lo, self.lo_open, self.hi, self.hi_open, self.points, self.excluded))

    return __eq__, __hash__


def _shape_47(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.direction == other.direction and
            self.comparator == other.comparator and
            self.level == other.level
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.direction, self.comparator, self.level))

    return __eq__, __hash__


def _shape_48(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.release == other.release and
            self.value == other.value and
            self.source == other.source and
            self.lag == other.lag and
            self.where == other.where and
            self.required == other.required and
            self.per_child == other.per_child
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.release, self.value, self.source, self.lag, self.where, self.required, self.per_child))

    return __eq__, __hash__


def _shape_49(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.title == other.title and
            self.unit == other.unit and
            self.better == other.better and
            self.council == other.council and
            self.england == other.england and
            self.neighbours == other.neighbours
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.title, self.unit, self.better, self.council, self.england, self.neighbours))

    return __eq__, __hash__


def _shape_50(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.title == other.title and
            self.unit == other.unit and
            self.better == other.better and
            self.council == other.council and
            self.england == other.england and
            self.neighbours == other.neighbours and
            self.rank == other.rank and
            self.of == other.of
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.title, self.unit, self.better, self.council, self.england, self.neighbours, self.rank, self.of))

    return __eq__, __hash__


def _shape_51(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.title == other.title and
            self.unit == other.unit and
            self.better == other.better and
            self.low == other.low and
            self.high == other.high and
            self.value == other.value and
            self.england == other.england and
            self.neighbours == other.neighbours and
            self.thresholds == other.thresholds and
            self.region == other.region and
            self.three_years_ago == other.three_years_ago
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.title, self.unit, self.better, self.low, self.high, self.value, self.england, self.neighbours, self.thresholds, self.region, self.three_years_ago))

    return __eq__, __hash__


def _shape_52(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.title == other.title and
            self.unit == other.unit and
            self.better == other.better and
            self.value == other.value and
            self.england == other.england and
            self.neighbours == other.neighbours and
            self.region == other.region and
            self.three_years_ago == other.three_years_ago and
            self.n == other.n and
            self.source == other.source and
            self.period == other.period and
            self.illustrative == other.illustrative and
            self.required == other.required and
            self.missing == other.missing and
            self.count == other.count
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.title, self.unit, self.better, self.value, self.england, self.neighbours, self.region, self.three_years_ago, self.n, self.source, self.period, self.illustrative, self.required, self.missing, self.count))

    return __eq__, __hash__


def _shape_53(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.title == other.title and
            self.unit == other.unit and
            self.old == other.old and
            self.new == other.new and
            self.levels == other.levels
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.title, self.unit, self.old, self.new, self.levels))

    return __eq__, __hash__


def _shape_54(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.value == other.value and
            self.england == other.england and
            self.neighbours == other.neighbours and
            self.region == other.region and
            self.three_years_ago == other.three_years_ago and
            self.n == other.n and
            self.source == other.source and
            self.period == other.period and
            self.note == other.note and
            self.illustrative == other.illustrative and
            self.count == other.count
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.value, self.england, self.neighbours, self.region, self.three_years_ago, self.n, self.source, self.period, self.note, self.illustrative, self.count))

    return __eq__, __hash__


def _shape_55(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.value == other.value and
            self.n == other.n and
            self.low == other.low and
            self.high == other.high and
            self.rule == other.rule and
            self.test == other.test and
            self.required == other.required and
            self.margin == other.margin and
            self.at == other.at
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.value, self.n, self.low, self.high, self.rule, self.test, self.required, self.margin, self.at))

    return __eq__, __hash__


def _shape_56(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measure == other.measure and
            self.x == other.x and
            self.n == other.n and
            self.scale == other.scale and
            self.counted == other.counted
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.measure, self.x, self.n, self.scale, self.counted))

    return __eq__, __hash__


def _shape_57(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.measures == other.measures and
            self.parameters == other.parameters and
            self.problems == other.problems and
            self.areas == other.areas and
            self.levels == other.levels
        )

    return (__eq__,)


def _shape_58(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.message == other.message and
            self.location == other.location and
            self.expected == other.expected and
            self.hint == other.hint and
            self.code == other.code
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.message, self.location, self.expected, self.hint, self.code))

    return __eq__, __hash__


def _shape_59(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.attr == other.attr
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.attr))

    return __eq__, __hash__


def _shape_60(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.attr == other.attr and
            self.location == other.location
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.attr, self.location))

    return __eq__, __hash__


def _shape_61(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.columns == other.columns and
            self.rows == other.rows and
            self.note == other.note
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.columns, self.rows, self.note))

    return __eq__, __hash__


def _shape_62(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.definition == other.definition and
            self.level == other.level and
            self.fields == other.fields and
            self.areas == other.areas
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.definition, self.level, self.fields, self.areas))

    return __eq__, __hash__


def _shape_63(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.header == other.header and
            self.header_source == other.header_source and
            self.rows == other.rows and
            self.delimiter == other.delimiter and
            self.encoding == other.encoding
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.header, self.header_source, self.rows, self.delimiter, self.encoding))

    return __eq__, __hash__


def _shape_64(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.name == other.name and
            self.help == other.help and
            self.render == other.render and
            self.join == other.join and
            self.borderline == other.borderline and
            self.keeps_failures == other.keeps_failures
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.name, self.help, self.render, self.join, self.borderline, self.keeps_failures))

    return __eq__, __hash__


def _shape_65(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.old == other.old and
            self.new == other.new and
            self.cases == other.cases and
            self.areas == other.areas and
            self.skipped == other.skipped and
            self.changes == other.changes
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.old, self.new, self.cases, self.areas, self.skipped, self.changes))

    return __eq__, __hash__


def _shape_66(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.op == other.op and
            self.left == other.left and
            self.right == other.right
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.op, self.left, self.right))

    return __eq__, __hash__


def _shape_67(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.operand == other.operand
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.operand))

    return __eq__, __hash__


def _shape_68(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.outcome == other.outcome and
            self.deciding == other.deciding and
            self.tests == other.tests
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.outcome, self.deciding, self.tests))

    return __eq__, __hash__


def _shape_69(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.outcomes == other.outcomes and
            self.judgements == other.judgements
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.outcomes, self.judgements))

    return __eq__, __hash__


def _shape_70(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.params == other.params and
            self.ranks == other.ranks and
            self.levels == other.levels and
            self.counted == other.counted and
            self.scales == other.scales
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.params, self.ranks, self.levels, self.counted, self.scales))

    return __eq__, __hash__


def _shape_71(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.parts == other.parts and
            self.rules == other.rules and
            self.fields == other.fields and
            self.derived == other.derived
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.parts, self.rules, self.fields, self.derived))

    return __eq__, __hash__


def _shape_72(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.path == other.path and
            self.case == other.case and
            self.expect_error == other.expect_error and
            self.error == other.error and
            self.label == other.label and
            self.rulebook == other.rulebook
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.path, self.case, self.expect_error, self.error, self.label, self.rulebook))

    return __eq__, __hash__


def _shape_73(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.path == other.path and
            self.data == other.data and
            self.base == other.base
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.path, self.data, self.base))

    return __eq__, __hash__


def _shape_74(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.policy == other.policy and
            self.fired == other.fired and
            self.chosen == other.chosen and
            self.grade == other.grade and
            self.status == other.status and
            self.note == other.note
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.policy, self.fired, self.chosen, self.grade, self.status, self.note))

    return __eq__, __hash__


def _shape_75(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rule == other.rule and
            self.at == other.at and
            self.reads == other.reads and
            self.alternatives == other.alternatives and
            self.effective == other.effective
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rule, self.at, self.reads, self.alternatives, self.effective))

    return __eq__, __hash__


def _shape_76(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rule == other.rule and
            self.grade == other.grade and
            self.when == other.when and
            self.outcome == other.outcome and
            self.chosen == other.chosen and
            self.values == other.values and
            self.comparisons == other.comparisons and
            self.missing == other.missing and
            self.at == other.at and
            self.effective == other.effective and
            self.limit == other.limit and
            self.alternatives == other.alternatives
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rule, self.grade, self.when, self.outcome, self.chosen, self.values, self.comparisons, self.missing, self.at, self.effective, self.limit, self.alternatives))

    return __eq__, __hash__


def _shape_77(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rule == other.rule and
            self.test == other.test and
            self.true_in == other.true_in and
            self.false_in == other.false_in and
            self.at == other.at
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rule, self.test, self.true_in, self.false_in, self.at))

    return __eq__, __hash__


def _shape_78(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rulebook == other.rulebook and
            self.case == other.case and
            self.area == other.area and
            self.file == other.file and
            self.passed == other.passed and
            self.message == other.message and
            self.details == other.details and
            self.location == other.location
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rulebook, self.case, self.area, self.file, self.passed, self.message, self.details, self.location))

    return __eq__, __hash__


def _shape_79(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rulebook == other.rulebook and
            self.compiled == other.compiled and
            self.areas == other.areas and
            self.index_of == other.index_of and
            self.levels == other.levels and
            self.checked == other.checked and
            self.plain == other.plain and
            self.reason_order == other.reason_order and
            self.derived == other.derived and
            self.graded_signs == other.graded_signs and
            self.sign_names == other.sign_names and
            self.exact == other.exact and
            self.dated == other.dated and
            self.words == other.words and
            self.whole == other.whole and
            self.sign_readers == other.sign_readers
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rulebook, self.compiled, self.areas, self.index_of, self.levels, self.checked, self.plain, self.reason_order, self.derived, self.graded_signs, self.sign_names, self.exact, self.dated, self.words, self.whole, self.sign_readers))

    return __eq__, __hash__


def _shape_80(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rulebook == other.rulebook and
            self.history == other.history and
            self.screened == other.screened and
            self.skipped == other.skipped and
            self.since == other.since and
            self.until == other.until
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rulebook, self.history, self.screened, self.skipped, self.since, self.until))

    return __eq__, __hash__


def _shape_81(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.rulebook == other.rulebook and
            self.version == other.version and
            self.cases == other.cases and
            self.rules == other.rules and
            self.comparisons == other.comparisons
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.rulebook, self.version, self.cases, self.rules, self.comparisons))

    return __eq__, __hash__


def _shape_82(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.source == other.source and
            self.parts == other.parts
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.source, self.parts))

    return __eq__, __hash__


def _shape_83(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.test == other.test and
            self.actual == other.actual and
            self.required == other.required and
            self.outcome == other.outcome and
            self.missing == other.missing and
            self.margin == other.margin and
            self.z == other.z
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.test, self.actual, self.required, self.outcome, self.missing, self.margin, self.z))

    return __eq__, __hash__


def _shape_84(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.test == other.test and
            self.left == other.left and
            self.op == other.op and
            self.right == other.right and
            self.actual == other.actual and
            self.required == other.required and
            self.margin == other.margin and
            self.holds == other.holds and
            self.missing == other.missing and
            self.at == other.at and
            self.words == other.words and
            self.z == other.z
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.test, self.left, self.op, self.right, self.actual, self.required, self.margin, self.holds, self.missing, self.at, self.words, self.z))

    return __eq__, __hash__


def _shape_85(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.title == other.title and
            self.unit == other.unit
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.title, self.unit))

    return __eq__, __hash__


def _shape_86(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.value == other.value and
            self.code == other.code
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.value, self.code))

    return __eq__, __hash__


def _shape_87(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.value == other.value and
            self.op == other.op and
            self.rule == other.rule and
            self.grade == other.grade
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.value, self.op, self.rule, self.grade))

    return __eq__, __hash__


def _shape_88(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.value == other.value and
            self.start == other.start and
            self.end == other.end and
            self.source == other.source
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.value, self.start, self.end, self.source))

    return __eq__, __hash__


def _shape_89(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.value == other.value and
            self.word == other.word
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.value, self.word))

    return __eq__, __hash__


def _shape_90(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.value == other.value
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.value))

    return __eq__, __hash__


def _shape_91(_key: int) -> tuple[Callable[..., Any], ...]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (
            self.year == other.year and
            self.level == other.level and
            self.code == other.code and
            self.number == other.number and
            self.name == other.name and
            self.region == other.region and
            self.cells == other.cells
        )

    def __hash__(self: Any) -> int:
        return hash((_key, self.year, self.level, self.code, self.number, self.name, self.region, self.cells))

    return __eq__, __hash__


#: Each shape (the fields compared, the fields hashed or None), and the factory of its methods.
SHAPES: dict[
    tuple[tuple[str, ...], tuple[str, ...] | None], Callable[[int], tuple[Callable[..., Any], ...]]
] = {
    (('area', 'grade', 'fired', 'not_fired', 'reason'), ('area', 'grade', 'fired', 'not_fired', 'reason')): _shape_0,
    (('area', 'rule', 'grade', 'default', 'cases', 'at'), ('area', 'rule', 'grade', 'default', 'cases', 'at')): _shape_1,
    (('area', 'title', 'grade', 'status'), ('area', 'title', 'grade', 'status')): _shape_2,
    (('area', 'title', 'grade', 'status', 'reason', 'rules_fired'), ('area', 'title', 'grade', 'status', 'reason', 'rules_fired')): _shape_3,
    (('area', 'title', 'grade', 'status', 'reason', 'why', 'why_not', 'counterfactuals', 'borderline', 'missing', 'scales'), ('area', 'title', 'grade', 'status', 'reason', 'why', 'why_not', 'counterfactuals', 'borderline', 'missing', 'scales')): _shape_4,
    (('area', 'title', 'kind', 'grade', 'colour', 'reason', 'indicator', 'unit', 'this_year', 'last_year', 'england', 'neighbours', 'direction', 'travel', 'calibration'), ('area', 'title', 'kind', 'grade', 'colour', 'reason', 'indicator', 'unit', 'this_year', 'last_year', 'england', 'neighbours', 'direction', 'travel', 'calibration')): _shape_5,
    (('area', 'title', 'old_grade', 'new_grade', 'old_reason', 'new_reason'), ('area', 'title', 'old_grade', 'new_grade', 'old_reason', 'new_reason')): _shape_6,
    (('area', 'title', 'point', 'probabilities', 'errors'), ('area', 'title', 'point', 'probabilities', 'errors')): _shape_7,
    (('area',), ('area',)): _shape_8,
    (('areas', 'fixed', 'live', 'missing', 'firing', 'text', 'fields', 'decided'), ('areas', 'fixed', 'live', 'missing', 'firing', 'text', 'fields', 'decided')): _shape_9,
    (('areas', 'op', 'grade'), ('areas', 'op', 'grade')): _shape_10,
    (('before', 'after', 'figures'), ('before', 'after', 'figures')): _shape_11,
    (('body', 'grades', 'label', 'error'), ('body', 'grades', 'label', 'error')): _shape_12,
    (('case', 'authority', 'area', 'old_grade', 'new_grade', 'old_rules', 'new_rules', 'old_reason', 'new_reason', 'old_label', 'new_label'), ('case', 'authority', 'area', 'old_grade', 'new_grade', 'old_rules', 'new_rules', 'old_reason', 'new_reason', 'old_label', 'new_label')): _shape_13,
    (('case', 'draws', 'seed', 'sampled', 'areas'), ('case', 'draws', 'seed', 'sampled', 'areas')): _shape_14,
    (('centre', 'n', 'z', 'side', 'scale', 'level'), ('centre', 'n', 'z', 'side', 'scale', 'level')): _shape_15,
    (('code', 'message'), ('code', 'message')): _shape_16,
    (('code', 'name', 'on', 'successors', 'source'), ('code', 'name', 'on', 'successors', 'source')): _shape_17,
    (('code', 'name', 'on_site', 'published', 'kind', 'grades'), ('code', 'name', 'on_site', 'published', 'kind', 'grades')): _shape_18,
    (('code', 'name', 'year', 'neighbours', 'indicators'), ('code', 'name', 'year', 'neighbours', 'indicators')): _shape_19,
    (('code', 'name', 'years', 'indicators', 'grades'), ('code', 'name', 'years', 'indicators', 'grades')): _shape_20,
    (('code', 'number', 'name', 'region'), ('code', 'number', 'name', 'region')): _shape_21,
    (('direction', 'target', 'changes', 'cost', 'verified'), ('direction', 'target', 'changes', 'cost', 'verified')): _shape_22,
    (('doc', 'problems'), None): _shape_23,
    (('engine', 'rule_of', 'slot_bit', 'outcomes', 'checks', 'parts'), ('engine', 'rule_of', 'slot_bit', 'outcomes', 'checks', 'parts')): _shape_24,
    (('field', 'op', 'rhs', 'extra'), ('field', 'op', 'rhs', 'extra')): _shape_25,
    (('file', 'header', 'cells', 'line_no', 'source', 'rulebook', 'delimiter', 'fractions', 'case_id'), ('file', 'header', 'cells', 'line_no', 'source', 'rulebook', 'delimiter', 'fractions', 'case_id')): _shape_26,
    (('file', 'line', 'column', 'path'), ('file', 'line', 'column', 'path')): _shape_27,
    (('folder', 'rows', 'names', 'numbers', 'by_number', 'files', 'neighbours_2021', 'neighbours_2025', 'numbered', 'regions', 'region_of', 'history', 'history_file'), None): _shape_28,
    (('grade', 'rules', 'note'), ('grade', 'rules', 'note')): _shape_29,
    (('id', 'grade', 'because', 'condition', 'normal', 'default', 'rationale', 'cites', 'location', 'limit', 'reasons', 'effective_from', 'effective_to'), ('id', 'grade', 'because', 'condition', 'normal', 'default', 'rationale', 'cites', 'location', 'limit', 'reasons', 'effective_from', 'effective_to')): _shape_30,
    (('id', 'title', 'requires', 'policy', 'rules', 'description', 'location', 'scale', 'optional', 'optional_grades', 'reads_areas', 'level', 'aspects', 'combine', 'parent', 'effective_from', 'effective_to'), ('id', 'title', 'requires', 'policy', 'rules', 'description', 'location', 'scale', 'optional', 'optional_grades', 'reads_areas', 'level', 'aspects', 'combine', 'parent', 'effective_from', 'effective_to')): _shape_31,
    (('id', 'title', 'unit', 'better', 'minimum', 'maximum', 'definition', 'source', 'location', 'levels', 'counted', 'at_most'), ('id', 'title', 'unit', 'better', 'minimum', 'maximum', 'definition', 'source', 'location', 'levels', 'counted', 'at_most')): _shape_32,
    (('id', 'title', 'unit', 'values', 'location', 'period_of'), ('id', 'title', 'unit', 'values', 'location', 'period_of')): _shape_33,
    (('index', 'area', 'level', 'rules', 'bits', 'reads', 'reads_keys', 'positions', 'alternatives', 'grade_key', 'required', 'slot', 'needs', 'search_keys', 'search_inputs', 'split', 'reads_alternatives'), ('index', 'area', 'level', 'rules', 'bits', 'reads', 'reads_keys', 'positions', 'alternatives', 'grade_key', 'required', 'slot', 'needs', 'search_keys', 'search_inputs', 'split', 'reads_alternatives')): _shape_34,
    (('index', 'case_id', 'piece', 'unmet', 'problems'), ('index', 'case_id', 'piece', 'unmet', 'problems')): _shape_35,
    (('index', 'source', 'error'), ('index', 'source', 'error')): _shape_36,
    (('inspection', 'year', 'case_id', 'ofsted', 'screen'), ('inspection', 'year', 'case_id', 'ofsted', 'screen')): _shape_37,
    (('intervals', 'exact'), ('intervals', 'exact')): _shape_38,
    (('items',), ('items',)): _shape_39,
    (('judgement', 'pairs', 'spearman', 'kappa', 'exact', 'within_one', 'confusion', 'inadequate', 'inadequate_found', 'flagged_not_inadequate'), ('judgement', 'pairs', 'spearman', 'kappa', 'exact', 'within_one', 'confusion', 'inadequate', 'inadequate_found', 'flagged_not_inadequate')): _shape_40,
    (('kind', 'areas'), ('kind', 'areas')): _shape_41,
    (('kind', 'text', 'offset'), ('kind', 'text', 'offset')): _shape_42,
    (('kind', 'unit', 'has_field', 'constant', 'scale'), ('kind', 'unit', 'has_field', 'constant', 'scale')): _shape_43,
    (('line', 'column'), ('line', 'column')): _shape_44,
    (('line_no', 'cells', 'source'), ('line_no', 'cells', 'source')): _shape_45,
    (('lo', 'lo_open', 'hi', 'hi_open', 'points', 'excluded'), ('lo', 'lo_open', 'hi', 'hi_open', 'points', 'excluded')): _shape_46,
    (('measure', 'direction', 'comparator', 'level'), ('measure', 'direction', 'comparator', 'level')): _shape_47,
    (('measure', 'release', 'value', 'source', 'lag', 'where', 'required', 'per_child'), ('measure', 'release', 'value', 'source', 'lag', 'where', 'required', 'per_child')): _shape_48,
    (('measure', 'title', 'unit', 'better', 'council', 'england', 'neighbours'), ('measure', 'title', 'unit', 'better', 'council', 'england', 'neighbours')): _shape_49,
    (('measure', 'title', 'unit', 'better', 'council', 'england', 'neighbours', 'rank', 'of'), ('measure', 'title', 'unit', 'better', 'council', 'england', 'neighbours', 'rank', 'of')): _shape_50,
    (('measure', 'title', 'unit', 'better', 'low', 'high', 'value', 'england', 'neighbours', 'thresholds', 'region', 'three_years_ago'), ('measure', 'title', 'unit', 'better', 'low', 'high', 'value', 'england', 'neighbours', 'thresholds', 'region', 'three_years_ago')): _shape_51,
    (('measure', 'title', 'unit', 'better', 'value', 'england', 'neighbours', 'region', 'three_years_ago', 'n', 'source', 'period', 'illustrative', 'required', 'missing', 'count'), ('measure', 'title', 'unit', 'better', 'value', 'england', 'neighbours', 'region', 'three_years_ago', 'n', 'source', 'period', 'illustrative', 'required', 'missing', 'count')): _shape_52,
    (('measure', 'title', 'unit', 'old', 'new', 'levels'), ('measure', 'title', 'unit', 'old', 'new', 'levels')): _shape_53,
    (('measure', 'value', 'england', 'neighbours', 'region', 'three_years_ago', 'n', 'source', 'period', 'note', 'illustrative', 'count'), ('measure', 'value', 'england', 'neighbours', 'region', 'three_years_ago', 'n', 'source', 'period', 'note', 'illustrative', 'count')): _shape_54,
    (('measure', 'value', 'n', 'low', 'high', 'rule', 'test', 'required', 'margin', 'at'), ('measure', 'value', 'n', 'low', 'high', 'rule', 'test', 'required', 'margin', 'at')): _shape_55,
    (('measure', 'x', 'n', 'scale', 'counted'), ('measure', 'x', 'n', 'scale', 'counted')): _shape_56,
    (('measures', 'parameters', 'problems', 'areas', 'levels'), None): _shape_57,
    (('message', 'location', 'expected', 'hint', 'code'), ('message', 'location', 'expected', 'hint', 'code')): _shape_58,
    (('name', 'attr'), ('name', 'attr')): _shape_59,
    (('name', 'attr', 'location'), ('name', 'attr', 'location')): _shape_60,
    (('name', 'columns', 'rows', 'note'), ('name', 'columns', 'rows', 'note')): _shape_61,
    (('name', 'definition', 'level', 'fields', 'areas'), ('name', 'definition', 'level', 'fields', 'areas')): _shape_62,
    (('name', 'header', 'header_source', 'rows', 'delimiter', 'encoding'), ('name', 'header', 'header_source', 'rows', 'delimiter', 'encoding')): _shape_63,
    (('name', 'help', 'render', 'join', 'borderline', 'keeps_failures'), ('name', 'help', 'render', 'join', 'borderline', 'keeps_failures')): _shape_64,
    (('old', 'new', 'cases', 'areas', 'skipped', 'changes'), ('old', 'new', 'cases', 'areas', 'skipped', 'changes')): _shape_65,
    (('op', 'left', 'right'), ('op', 'left', 'right')): _shape_66,
    (('operand',), ('operand',)): _shape_67,
    (('outcome', 'deciding', 'tests'), ('outcome', 'deciding', 'tests')): _shape_68,
    (('outcomes', 'judgements'), ('outcomes', 'judgements')): _shape_69,
    (('params', 'ranks', 'levels', 'counted', 'scales'), ('params', 'ranks', 'levels', 'counted', 'scales')): _shape_70,
    (('parts', 'rules', 'fields', 'derived'), ('parts', 'rules', 'fields', 'derived')): _shape_71,
    (('path', 'case', 'expect_error', 'error', 'label', 'rulebook'), ('path', 'case', 'expect_error', 'error', 'label', 'rulebook')): _shape_72,
    (('path', 'data', 'base'), ('path', 'data', 'base')): _shape_73,
    (('policy', 'fired', 'chosen', 'grade', 'status', 'note'), ('policy', 'fired', 'chosen', 'grade', 'status', 'note')): _shape_74,
    (('rule', 'at', 'reads', 'alternatives', 'effective'), ('rule', 'at', 'reads', 'alternatives', 'effective')): _shape_75,
    (('rule', 'grade', 'when', 'outcome', 'chosen', 'values', 'comparisons', 'missing', 'at', 'effective', 'limit', 'alternatives'), ('rule', 'grade', 'when', 'outcome', 'chosen', 'values', 'comparisons', 'missing', 'at', 'effective', 'limit', 'alternatives')): _shape_76,
    (('rule', 'test', 'true_in', 'false_in', 'at'), ('rule', 'test', 'true_in', 'false_in', 'at')): _shape_77,
    (('rulebook', 'case', 'area', 'file', 'passed', 'message', 'details', 'location'), ('rulebook', 'case', 'area', 'file', 'passed', 'message', 'details', 'location')): _shape_78,
    (('rulebook', 'compiled', 'areas', 'index_of', 'levels', 'checked', 'plain', 'reason_order', 'derived', 'graded_signs', 'sign_names', 'exact', 'dated', 'words', 'whole', 'sign_readers'), ('rulebook', 'compiled', 'areas', 'index_of', 'levels', 'checked', 'plain', 'reason_order', 'derived', 'graded_signs', 'sign_names', 'exact', 'dated', 'words', 'whole', 'sign_readers')): _shape_79,
    (('rulebook', 'history', 'screened', 'skipped', 'since', 'until'), ('rulebook', 'history', 'screened', 'skipped', 'since', 'until')): _shape_80,
    (('rulebook', 'version', 'cases', 'rules', 'comparisons'), ('rulebook', 'version', 'cases', 'rules', 'comparisons')): _shape_81,
    (('source', 'parts'), ('source', 'parts')): _shape_82,
    (('test', 'actual', 'required', 'outcome', 'missing', 'margin', 'z'), ('test', 'actual', 'required', 'outcome', 'missing', 'margin', 'z')): _shape_83,
    (('test', 'left', 'op', 'right', 'actual', 'required', 'margin', 'holds', 'missing', 'at', 'words', 'z'), ('test', 'left', 'op', 'right', 'actual', 'required', 'margin', 'holds', 'missing', 'at', 'words', 'z')): _shape_84,
    (('title', 'unit'), ('title', 'unit')): _shape_85,
    (('value', 'code'), ('value', 'code')): _shape_86,
    (('value', 'op', 'rule', 'grade'), ('value', 'op', 'rule', 'grade')): _shape_87,
    (('value', 'start', 'end', 'source'), ('value', 'start', 'end', 'source')): _shape_88,
    (('value', 'word'), ('value', 'word')): _shape_89,
    (('value',), ('value',)): _shape_90,
    (('year', 'level', 'code', 'number', 'name', 'region', 'cells'), ('year', 'level', 'code', 'number', 'name', 'region', 'cells')): _shape_91,
}
