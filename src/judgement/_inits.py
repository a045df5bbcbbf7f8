"""The ``__init__`` attrs writes for each of judgement's value classes (see :mod:`judgement._attrs`).

Written by :func:`judgement._attrs.inits_module` from what attrs 26.1.0 writes: do not edit. After adding or
changing a value class, write it again with ``JUDGEMENT_UPDATE_GOLDEN=1 python -m pytest tests/test_reprs.py``.
"""

from collections.abc import Callable
from typing import Any

__all__ = ["ATTRS_VERSION", "SCRIPTS"]

#: The version of attrs whose sources these are.
ATTRS_VERSION = '26.1.0'


def _script_0() -> dict[str, Any]:
    def __init__(self, area, grade, fired=attr_dict['fired'].default, not_fired=attr_dict['not_fired'].default, reason=attr_dict['reason'].default, location=attr_dict['location'].default, grade_location=attr_dict['grade_location'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('grade', grade)
        _setattr('fired', fired)
        _setattr('not_fired', not_fired)
        _setattr('reason', reason)
        _setattr('location', location)
        _setattr('grade_location', grade_location)
    return locals()


def _script_1() -> dict[str, Any]:
    def __init__(self, area, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('loc', loc)
    return locals()


def _script_2() -> dict[str, Any]:
    def __init__(self, area, rule, grade, default, cases, at):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('rule', rule)
        _setattr('grade', grade)
        _setattr('default', default)
        _setattr('cases', cases)
        _setattr('at', at)
    return locals()


def _script_3() -> dict[str, Any]:
    def __init__(self, area, title, grade, status):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('title', title)
        _setattr('grade', grade)
        _setattr('status', status)
    return locals()


def _script_4() -> dict[str, Any]:
    def __init__(self, area, title, grade, status, reason, rules_fired, source):
        _setattr = _cached_setattr_get(self)
        _inst_dict = self.__dict__
        _inst_dict['area'] = area
        _inst_dict['title'] = title
        _inst_dict['grade'] = grade
        _inst_dict['status'] = status
        _inst_dict['reason'] = reason
        _inst_dict['rules_fired'] = rules_fired
        _inst_dict['source'] = source
    return locals()


def _script_5() -> dict[str, Any]:
    def __init__(self, area, title, grade, status, reason, why, why_not, counterfactuals, borderline, missing, scales=attr_dict['scales'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('title', title)
        _setattr('grade', grade)
        _setattr('status', status)
        _setattr('reason', reason)
        _setattr('why', why)
        _setattr('why_not', why_not)
        _setattr('counterfactuals', counterfactuals)
        _setattr('borderline', borderline)
        _setattr('missing', missing)
        _setattr('scales', scales)
    return locals()


def _script_6() -> dict[str, Any]:
    def __init__(self, area, title, kind, grade, colour, reason, indicator=attr_dict['indicator'].default, unit=attr_dict['unit'].default, this_year=attr_dict['this_year'].default, last_year=attr_dict['last_year'].default, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, direction=attr_dict['direction'].default, travel=attr_dict['travel'].default, calibration=attr_dict['calibration'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('title', title)
        _setattr('kind', kind)
        _setattr('grade', grade)
        _setattr('colour', colour)
        _setattr('reason', reason)
        _setattr('indicator', indicator)
        _setattr('unit', unit)
        _setattr('this_year', this_year)
        _setattr('last_year', last_year)
        _setattr('england', england)
        _setattr('neighbours', neighbours)
        _setattr('direction', direction)
        _setattr('travel', travel)
        _setattr('calibration', calibration)
    return locals()


def _script_7() -> dict[str, Any]:
    def __init__(self, area, title, old_grade, new_grade, old_reason, new_reason):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('title', title)
        _setattr('old_grade', old_grade)
        _setattr('new_grade', new_grade)
        _setattr('old_reason', old_reason)
        _setattr('new_reason', new_reason)
    return locals()


def _script_8() -> dict[str, Any]:
    def __init__(self, area, title, point, probabilities, errors):
        _setattr = _cached_setattr_get(self)
        _setattr('area', area)
        _setattr('title', title)
        _setattr('point', point)
        _setattr('probabilities', probabilities)
        _setattr('errors', errors)
    return locals()


def _script_9() -> dict[str, Any]:
    def __init__(self, areas, fixed, live, missing, firing, text, fields, decided):
        _setattr = _cached_setattr_get(self)
        _setattr('areas', areas)
        _setattr('fixed', fixed)
        _setattr('live', live)
        _setattr('missing', missing)
        _setattr('firing', firing)
        _setattr('text', text)
        _setattr('fields', fields)
        _setattr('decided', decided)
    return locals()


def _script_10() -> dict[str, Any]:
    def __init__(self, areas, op, grade, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('areas', areas)
        _setattr('op', op)
        _setattr('grade', grade)
        _setattr('loc', loc)
    return locals()


def _script_11() -> dict[str, Any]:
    def __init__(self, before, after, figures):
        _setattr = _cached_setattr_get(self)
        _setattr('before', before)
        _setattr('after', after)
        _setattr('figures', figures)
    return locals()


def _script_12() -> dict[str, Any]:
    def __init__(self, body, grades, label, error=attr_dict['error'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('body', body)
        _setattr('grades', grades)
        _setattr('label', label)
        _setattr('error', error)
    return locals()


def _script_13() -> dict[str, Any]:
    def __init__(self, case, authority, area, old_grade, new_grade, old_rules, new_rules, old_reason, new_reason, old_label=attr_dict['old_label'].default, new_label=attr_dict['new_label'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('case', case)
        _setattr('authority', authority)
        _setattr('area', area)
        _setattr('old_grade', old_grade)
        _setattr('new_grade', new_grade)
        _setattr('old_rules', old_rules)
        _setattr('new_rules', new_rules)
        _setattr('old_reason', old_reason)
        _setattr('new_reason', new_reason)
        _setattr('old_label', old_label)
        _setattr('new_label', new_label)
    return locals()


def _script_14() -> dict[str, Any]:
    def __init__(self, case, draws, seed, sampled, areas):
        _setattr = _cached_setattr_get(self)
        _setattr('case', case)
        _setattr('draws', draws)
        _setattr('seed', seed)
        _setattr('sampled', sampled)
        _setattr('areas', areas)
    return locals()


def _script_15() -> dict[str, Any]:
    def __init__(self, centre, n, z, side, scale, level):
        _setattr = _cached_setattr_get(self)
        _setattr('centre', centre)
        _setattr('n', n)
        _setattr('z', z)
        _setattr('side', side)
        _setattr('scale', scale)
        _setattr('level', level)
    return locals()


def _script_16() -> dict[str, Any]:
    def __init__(self, code, name, on, successors, source):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('name', name)
        _setattr('on', on)
        _setattr('successors', successors)
        _setattr('source', source)
    return locals()


def _script_17() -> dict[str, Any]:
    def __init__(self, code, name, on_site, published, kind, grades, at=attr_dict['at'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('name', name)
        _setattr('on_site', on_site)
        _setattr('published', published)
        _setattr('kind', kind)
        _setattr('grades', __attr_converter_grades(grades))
        _setattr('at', at)
    return locals()


def _script_18() -> dict[str, Any]:
    def __init__(self, code, name, year, neighbours, indicators):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('name', name)
        _setattr('year', year)
        _setattr('neighbours', neighbours)
        _setattr('indicators', indicators)
    return locals()


def _script_19() -> dict[str, Any]:
    def __init__(self, code, name, years, indicators, grades):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('name', name)
        _setattr('years', years)
        _setattr('indicators', indicators)
        _setattr('grades', grades)
    return locals()


def _script_20() -> dict[str, Any]:
    def __init__(self, code, number, name, region):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('number', number)
        _setattr('name', name)
        _setattr('region', region)
    return locals()


def _script_21() -> dict[str, Any]:
    def __init__(self, code=attr_dict['code'].default, message=attr_dict['message'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('code', code)
        _setattr('message', message)
    return locals()


def _script_22() -> dict[str, Any]:
    def __init__(self, direction, target, changes, cost, verified):
        _setattr = _cached_setattr_get(self)
        _setattr('direction', direction)
        _setattr('target', target)
        _setattr('changes', changes)
        _setattr('cost', cost)
        _setattr('verified', verified)
    return locals()


def _script_23() -> dict[str, Any]:
    def __init__(self, doc, problems):
        self.doc = doc
        self.problems = problems
    return locals()


def _script_24() -> dict[str, Any]:
    def __init__(self, engine, rule_of, slot_bit, outcomes, checks, parts):
        _setattr = _cached_setattr_get(self)
        _setattr('engine', engine)
        _setattr('rule_of', rule_of)
        _setattr('slot_bit', slot_bit)
        _setattr('outcomes', outcomes)
        _setattr('checks', checks)
        _setattr('parts', parts)
    return locals()


def _script_25() -> dict[str, Any]:
    def __init__(self, field, op, rhs, origin, source=attr_dict['source'].default, extra=attr_dict['extra'].default, exact=attr_dict['exact'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('field', field)
        _setattr('op', op)
        _setattr('rhs', rhs)
        _setattr('origin', origin)
        _setattr('source', source)
        _setattr('extra', extra)
        _setattr('exact', exact)
        _setattr('_rhs_text', attr_dict['_rhs_text'].default)
        self.__attrs_post_init__()
    return locals()


def _script_26() -> dict[str, Any]:
    def __init__(self, file, header, cells, line_no, source, rulebook, delimiter=attr_dict['delimiter'].default, fractions=attr_dict['fractions'].default, case_id=attr_dict['case_id'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('file', file)
        _setattr('header', header)
        _setattr('cells', cells)
        _setattr('line_no', line_no)
        _setattr('source', source)
        _setattr('rulebook', rulebook)
        _setattr('delimiter', delimiter)
        _setattr('fractions', fractions)
        _setattr('case_id', case_id)
    return locals()


def _script_27() -> dict[str, Any]:
    def __init__(self, file, line, column, source_line=attr_dict['source_line'].default, length=attr_dict['length'].default, path=attr_dict['path'].default, block=attr_dict['block'].default, starts=attr_dict['starts'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('file', file)
        _setattr('line', line)
        _setattr('column', column)
        _setattr('source_line', source_line)
        _setattr('length', length)
        _setattr('path', path)
        _setattr('block', block)
        _setattr('starts', starts)
    return locals()


def _script_28() -> dict[str, Any]:
    def __init__(self, folder, rows, names, numbers, by_number, files, neighbours_2021, neighbours_2025, numbered=NOTHING, regions=NOTHING, region_of=NOTHING, history=attr_dict['history'].default, history_file=attr_dict['history_file'].default):
        self.folder = folder
        self.rows = rows
        self.names = names
        self.numbers = numbers
        self.by_number = by_number
        self.files = files
        self.neighbours_2021 = neighbours_2021
        self.neighbours_2025 = neighbours_2025
        if numbered is not NOTHING:
            self.numbered = numbered
        else:
            self.numbered = __attr_factory_numbered()
        if regions is not NOTHING:
            self.regions = regions
        else:
            self.regions = __attr_factory_regions()
        if region_of is not NOTHING:
            self.region_of = region_of
        else:
            self.region_of = __attr_factory_region_of()
        self.history = history
        self.history_file = history_file
        self._found = __attr_factory__found()
    return locals()


def _script_29() -> dict[str, Any]:
    def __init__(self, grade, rules, note):
        _setattr = _cached_setattr_get(self)
        _setattr('grade', grade)
        _setattr('rules', rules)
        _setattr('note', note)
    return locals()


def _script_30() -> dict[str, Any]:
    def __init__(self, id, grade, because, condition, normal, default=attr_dict['default'].default, rationale=attr_dict['rationale'].default, cites=attr_dict['cites'].default, location=attr_dict['location'].default, limit=attr_dict['limit'].default, reasons=attr_dict['reasons'].default, effective_from=attr_dict['effective_from'].default, effective_to=attr_dict['effective_to'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('grade', grade)
        _setattr('because', because)
        _setattr('condition', condition)
        _setattr('normal', normal)
        _setattr('default', default)
        _setattr('rationale', rationale)
        _setattr('cites', cites)
        _setattr('location', location)
        _setattr('limit', limit)
        _setattr('reasons', reasons)
        _setattr('effective_from', effective_from)
        _setattr('effective_to', effective_to)
    return locals()


def _script_31() -> dict[str, Any]:
    def __init__(self, id, rank, label, heading, phrase, code, colour, scale=attr_dict['scale'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('rank', rank)
        _setattr('label', label)
        _setattr('heading', heading)
        _setattr('phrase', phrase)
        _setattr('code', code)
        _setattr('colour', colour)
        _setattr('scale', scale)
    return locals()


def _script_32() -> dict[str, Any]:
    def __init__(self, id, title, requires, policy, rules, description=attr_dict['description'].default, location=attr_dict['location'].default, scale=attr_dict['scale'].default, optional=attr_dict['optional'].default, optional_grades=attr_dict['optional_grades'].default, reads_areas=attr_dict['reads_areas'].default, level=attr_dict['level'].default, aspects=attr_dict['aspects'].default, combine=attr_dict['combine'].default, parent=attr_dict['parent'].default, effective_from=attr_dict['effective_from'].default, effective_to=attr_dict['effective_to'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('title', title)
        _setattr('requires', requires)
        _setattr('policy', policy)
        _setattr('rules', rules)
        _setattr('description', description)
        _setattr('location', location)
        _setattr('scale', scale)
        _setattr('optional', optional)
        _setattr('optional_grades', optional_grades)
        _setattr('reads_areas', reads_areas)
        _setattr('level', level)
        _setattr('aspects', aspects)
        _setattr('combine', combine)
        _setattr('parent', parent)
        _setattr('effective_from', effective_from)
        _setattr('effective_to', effective_to)
    return locals()


def _script_33() -> dict[str, Any]:
    def __init__(self, id, title, unit, better, minimum, maximum, definition=attr_dict['definition'].default, source=attr_dict['source'].default, location=attr_dict['location'].default, levels=attr_dict['levels'].default, counted=attr_dict['counted'].default, at_most=attr_dict['at_most'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('better', better)
        _setattr('minimum', minimum)
        _setattr('maximum', maximum)
        _setattr('definition', definition)
        _setattr('source', source)
        _setattr('location', location)
        _setattr('levels', levels)
        _setattr('counted', counted)
        _setattr('at_most', at_most)
    return locals()


def _script_34() -> dict[str, Any]:
    def __init__(self, id, title, unit, values, location=attr_dict['location'].default, period_of=attr_dict['period_of'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('values', values)
        _setattr('location', location)
        _setattr('period_of', period_of)
    return locals()


def _script_35() -> dict[str, Any]:
    def __init__(self, index, area, level, rules, bits, reads, reads_keys, positions, alternatives, grade_key, required, slot, needs, search_keys, search_inputs, split, reads_alternatives):
        _setattr = _cached_setattr_get(self)
        _setattr('index', index)
        _setattr('area', area)
        _setattr('level', level)
        _setattr('rules', rules)
        _setattr('bits', bits)
        _setattr('reads', reads)
        _setattr('reads_keys', reads_keys)
        _setattr('positions', positions)
        _setattr('alternatives', alternatives)
        _setattr('grade_key', grade_key)
        _setattr('required', required)
        _setattr('slot', slot)
        _setattr('needs', needs)
        _setattr('search_keys', search_keys)
        _setattr('search_inputs', search_inputs)
        _setattr('split', split)
        _setattr('reads_alternatives', reads_alternatives)
        _setattr('_searched', __attr_factory__searched())
        _setattr('_signed', __attr_factory__signed())
    return locals()


def _script_36() -> dict[str, Any]:
    def __init__(self, index, case_id, piece=attr_dict['piece'].default, unmet=attr_dict['unmet'].default, problems=attr_dict['problems'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('index', index)
        _setattr('case_id', case_id)
        _setattr('piece', piece)
        _setattr('unmet', unmet)
        _setattr('problems', problems)
    return locals()


def _script_37() -> dict[str, Any]:
    def __init__(self, index, source, error=attr_dict['error'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('index', index)
        _setattr('source', source)
        _setattr('error', error)
    return locals()


def _script_38() -> dict[str, Any]:
    def __init__(self, inspection, year, case_id, ofsted, screen):
        _setattr = _cached_setattr_get(self)
        _setattr('inspection', inspection)
        _setattr('year', year)
        _setattr('case_id', case_id)
        _setattr('ofsted', ofsted)
        _setattr('screen', screen)
    return locals()


def _script_39() -> dict[str, Any]:
    def __init__(self, intervals, exact):
        _setattr = _cached_setattr_get(self)
        _setattr('intervals', intervals)
        _setattr('exact', exact)
    return locals()


def _script_40() -> dict[str, Any]:
    def __init__(self, items):
        _setattr = _cached_setattr_get(self)
        _setattr('items', items)
    return locals()


def _script_41() -> dict[str, Any]:
    def __init__(self, items, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('items', items)
        _setattr('loc', loc)
    return locals()


def _script_42() -> dict[str, Any]:
    def __init__(self, judgement, pairs, spearman, kappa, exact, within_one, confusion, inadequate, inadequate_found, flagged_not_inadequate):
        _setattr = _cached_setattr_get(self)
        _setattr('judgement', judgement)
        _setattr('pairs', pairs)
        _setattr('spearman', spearman)
        _setattr('kappa', kappa)
        _setattr('exact', exact)
        _setattr('within_one', within_one)
        _setattr('confusion', confusion)
        _setattr('inadequate', inadequate)
        _setattr('inadequate_found', inadequate_found)
        _setattr('flagged_not_inadequate', flagged_not_inadequate)
    return locals()


def _script_43() -> dict[str, Any]:
    def __init__(self, kind, areas, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('kind', kind)
        _setattr('areas', areas)
        _setattr('loc', loc)
    return locals()


def _script_44() -> dict[str, Any]:
    def __init__(self, kind, text, offset):
        _setattr = _cached_setattr_get(self)
        _setattr('kind', kind)
        _setattr('text', text)
        _setattr('offset', offset)
    return locals()


def _script_45() -> dict[str, Any]:
    def __init__(self, kind, unit=attr_dict['unit'].default, has_field=attr_dict['has_field'].default, constant=attr_dict['constant'].default, scale=attr_dict['scale'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('kind', kind)
        _setattr('unit', unit)
        _setattr('has_field', has_field)
        _setattr('constant', constant)
        _setattr('scale', scale)
    return locals()


def _script_46() -> dict[str, Any]:
    def __init__(self, line, column):
        _setattr = _cached_setattr_get(self)
        _setattr('line', line)
        _setattr('column', column)
    return locals()


def _script_47() -> dict[str, Any]:
    def __init__(self, line_no, cells, source=attr_dict['source'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('line_no', line_no)
        _setattr('cells', cells)
        _setattr('source', source)
    return locals()


def _script_48() -> dict[str, Any]:
    def __init__(self, lo=attr_dict['lo'].default, lo_open=attr_dict['lo_open'].default, hi=attr_dict['hi'].default, hi_open=attr_dict['hi_open'].default, points=attr_dict['points'].default, excluded=attr_dict['excluded'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('lo', lo)
        _setattr('lo_open', lo_open)
        _setattr('hi', hi)
        _setattr('hi_open', hi_open)
        _setattr('points', points)
        _setattr('excluded', excluded)
    return locals()


def _script_49() -> dict[str, Any]:
    def __init__(self, measure, direction, comparator, level, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('direction', direction)
        _setattr('comparator', comparator)
        _setattr('level', level)
        _setattr('loc', loc)
    return locals()


def _script_50() -> dict[str, Any]:
    def __init__(self, measure, release, value, source, lag=attr_dict['lag'].default, where=attr_dict['where'].default, required=attr_dict['required'].default, per_child=attr_dict['per_child'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('release', release)
        _setattr('value', value)
        _setattr('source', source)
        _setattr('lag', lag)
        _setattr('where', where)
        _setattr('required', required)
        _setattr('per_child', per_child)
    return locals()


def _script_51() -> dict[str, Any]:
    def __init__(self, measure, title, unit, better, council, england, neighbours):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('better', better)
        _setattr('council', council)
        _setattr('england', england)
        _setattr('neighbours', neighbours)
    return locals()


def _script_52() -> dict[str, Any]:
    def __init__(self, measure, title, unit, better, council, england, neighbours, rank, of):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('better', better)
        _setattr('council', council)
        _setattr('england', england)
        _setattr('neighbours', neighbours)
        _setattr('rank', rank)
        _setattr('of', of)
    return locals()


def _script_53() -> dict[str, Any]:
    def __init__(self, measure, title, unit, better, low, high, value, england, neighbours, thresholds, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('better', better)
        _setattr('low', low)
        _setattr('high', high)
        _setattr('value', value)
        _setattr('england', england)
        _setattr('neighbours', neighbours)
        _setattr('thresholds', thresholds)
        _setattr('region', region)
        _setattr('three_years_ago', three_years_ago)
    return locals()


def _script_54() -> dict[str, Any]:
    def __init__(self, measure, title, unit, better, value, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default, n=attr_dict['n'].default, source=attr_dict['source'].default, period=attr_dict['period'].default, illustrative=attr_dict['illustrative'].default, required=attr_dict['required'].default, missing=attr_dict['missing'].default, count=attr_dict['count'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('better', better)
        _setattr('value', value)
        _setattr('england', england)
        _setattr('neighbours', neighbours)
        _setattr('region', region)
        _setattr('three_years_ago', three_years_ago)
        _setattr('n', n)
        _setattr('source', source)
        _setattr('period', period)
        _setattr('illustrative', illustrative)
        _setattr('required', required)
        _setattr('missing', missing)
        _setattr('count', count)
    return locals()


def _script_55() -> dict[str, Any]:
    def __init__(self, measure, title, unit, old, new, levels=attr_dict['levels'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('title', title)
        _setattr('unit', unit)
        _setattr('old', old)
        _setattr('new', new)
        _setattr('levels', levels)
    return locals()


def _script_56() -> dict[str, Any]:
    def __init__(self, measure, value, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default, n=attr_dict['n'].default, source=attr_dict['source'].default, period=attr_dict['period'].default, note=attr_dict['note'].default, illustrative=attr_dict['illustrative'].default, location=attr_dict['location'].default, count=attr_dict['count'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('value', __attr_converter_value(value))
        _setattr('england', __attr_converter_england(england))
        _setattr('neighbours', __attr_converter_neighbours(neighbours))
        _setattr('region', __attr_converter_region(region))
        _setattr('three_years_ago', __attr_converter_three_years_ago(three_years_ago))
        _setattr('n', __attr_converter_n(n))
        _setattr('source', source)
        _setattr('period', period)
        _setattr('note', note)
        _setattr('illustrative', illustrative)
        _setattr('location', location)
        _setattr('count', __attr_converter_count(count))
    return locals()


def _script_57() -> dict[str, Any]:
    def __init__(self, measure, value, n, low, high, rule, test, required, margin, at):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('value', value)
        _setattr('n', n)
        _setattr('low', low)
        _setattr('high', high)
        _setattr('rule', rule)
        _setattr('test', test)
        _setattr('required', required)
        _setattr('margin', margin)
        _setattr('at', at)
    return locals()


def _script_58() -> dict[str, Any]:
    def __init__(self, measure, x, n, scale, counted=attr_dict['counted'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('measure', measure)
        _setattr('x', x)
        _setattr('n', n)
        _setattr('scale', scale)
        _setattr('counted', counted)
    return locals()


def _script_59() -> dict[str, Any]:
    def __init__(self, measures, parameters, problems, areas=NOTHING, levels=NOTHING):
        self.measures = measures
        self.parameters = parameters
        self.problems = problems
        if areas is not NOTHING:
            self.areas = areas
        else:
            self.areas = __attr_factory_areas()
        if levels is not NOTHING:
            self.levels = levels
        else:
            self.levels = __attr_factory_levels()
    return locals()


def _script_60() -> dict[str, Any]:
    def __init__(self, message, location=attr_dict['location'].default, expected=attr_dict['expected'].default, hint=attr_dict['hint'].default, *, code, ctx=NOTHING):
        _setattr = _cached_setattr_get(self)
        _setattr('message', message)
        _setattr('location', location)
        _setattr('expected', expected)
        _setattr('hint', hint)
        _setattr('code', code)
        if ctx is not NOTHING:
            _setattr('ctx', __attr_converter_ctx(ctx))
        else:
            _setattr('ctx', __attr_converter_ctx(__attr_factory_ctx()))
        if _config._run_validators is True:
            __attr_validator_code(self, __attr_code, self.code)
    return locals()


def _script_61() -> dict[str, Any]:
    def __init__(self, name, attr, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('attr', attr)
        _setattr('loc', loc)
    return locals()


def _script_62() -> dict[str, Any]:
    def __init__(self, name, attr, location=attr_dict['location'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('attr', attr)
        _setattr('location', location)
    return locals()


def _script_63() -> dict[str, Any]:
    def __init__(self, name, columns, rows, note=attr_dict['note'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('columns', columns)
        _setattr('rows', rows)
        _setattr('note', note)
    return locals()


def _script_64() -> dict[str, Any]:
    def __init__(self, name, definition, level=attr_dict['level'].default, fields=attr_dict['fields'].default, areas=attr_dict['areas'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('definition', definition)
        _setattr('level', level)
        _setattr('fields', fields)
        _setattr('areas', areas)
    return locals()


def _script_65() -> dict[str, Any]:
    def __init__(self, name, header, header_source, rows, delimiter=attr_dict['delimiter'].default, encoding=attr_dict['encoding'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('header', header)
        _setattr('header_source', header_source)
        _setattr('rows', rows)
        _setattr('delimiter', delimiter)
        _setattr('encoding', encoding)
    return locals()


def _script_66() -> dict[str, Any]:
    def __init__(self, name, help, render, join, borderline=attr_dict['borderline'].default, keeps_failures=attr_dict['keeps_failures'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('help', help)
        _setattr('render', render)
        _setattr('join', join)
        _setattr('borderline', borderline)
        _setattr('keeps_failures', keeps_failures)
    return locals()


def _script_67() -> dict[str, Any]:
    def __init__(self, old, new, cases, areas, skipped, changes):
        _setattr = _cached_setattr_get(self)
        _setattr('old', old)
        _setattr('new', new)
        _setattr('cases', cases)
        _setattr('areas', areas)
        _setattr('skipped', skipped)
        _setattr('changes', changes)
    return locals()


def _script_68() -> dict[str, Any]:
    def __init__(self, op, left, right):
        _setattr = _cached_setattr_get(self)
        _setattr('op', op)
        _setattr('left', left)
        _setattr('right', right)
    return locals()


def _script_69() -> dict[str, Any]:
    def __init__(self, op, left, right, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('op', op)
        _setattr('left', left)
        _setattr('right', right)
        _setattr('loc', loc)
    return locals()


def _script_70() -> dict[str, Any]:
    def __init__(self, operand, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('operand', operand)
        _setattr('loc', loc)
    return locals()


def _script_71() -> dict[str, Any]:
    def __init__(self, outcome, deciding, tests):
        _setattr = _cached_setattr_get(self)
        _setattr('outcome', outcome)
        _setattr('deciding', deciding)
        _setattr('tests', tests)
    return locals()


def _script_72() -> dict[str, Any]:
    def __init__(self, outcomes, judgements):
        _setattr = _cached_setattr_get(self)
        _setattr('outcomes', outcomes)
        _setattr('judgements', judgements)
    return locals()


def _script_73() -> dict[str, Any]:
    def __init__(self, params, ranks, levels, counted, scales):
        _setattr = _cached_setattr_get(self)
        _setattr('params', params)
        _setattr('ranks', ranks)
        _setattr('levels', levels)
        _setattr('counted', counted)
        _setattr('scales', scales)
    return locals()


def _script_74() -> dict[str, Any]:
    def __init__(self, parts, rules, fields, derived=attr_dict['derived'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('parts', parts)
        _setattr('rules', rules)
        _setattr('fields', fields)
        _setattr('derived', derived)
    return locals()


def _script_75() -> dict[str, Any]:
    def __init__(self, path, case, expect_error, error, label, rulebook):
        _setattr = _cached_setattr_get(self)
        _setattr('path', path)
        _setattr('case', case)
        _setattr('expect_error', expect_error)
        _setattr('error', error)
        _setattr('label', label)
        _setattr('rulebook', rulebook)
    return locals()


def _script_76() -> dict[str, Any]:
    def __init__(self, path, data, positions, key_positions, base=attr_dict['base'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('path', path)
        _setattr('data', data)
        _setattr('positions', positions)
        _setattr('key_positions', key_positions)
        _setattr('base', base)
    return locals()


def _script_77() -> dict[str, Any]:
    def __init__(self, policy, fired, chosen, grade, status, note):
        _setattr = _cached_setattr_get(self)
        _setattr('policy', policy)
        _setattr('fired', fired)
        _setattr('chosen', chosen)
        _setattr('grade', grade)
        _setattr('status', status)
        _setattr('note', note)
    return locals()


def _script_78() -> dict[str, Any]:
    def __init__(self, rule, at, reads, alternatives=attr_dict['alternatives'].default, effective=attr_dict['effective'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rule', rule)
        _setattr('at', at)
        _setattr('reads', reads)
        _setattr('alternatives', alternatives)
        _setattr('effective', effective)
        _setattr('_texts', attr_dict['_texts'].default)
    return locals()


def _script_79() -> dict[str, Any]:
    def __init__(self, rule, grade, when, outcome, chosen, values=NOTHING, comparisons=attr_dict['comparisons'].default, missing=attr_dict['missing'].default, at=attr_dict['at'].default, effective=attr_dict['effective'].default, limit=attr_dict['limit'].default, alternatives=attr_dict['alternatives'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rule', rule)
        _setattr('grade', grade)
        _setattr('when', when)
        _setattr('outcome', outcome)
        _setattr('chosen', chosen)
        if values is not NOTHING:
            _setattr('values', __attr_converter_values(values))
        else:
            _setattr('values', __attr_converter_values(__attr_factory_values()))
        _setattr('comparisons', comparisons)
        _setattr('missing', missing)
        _setattr('at', at)
        _setattr('effective', effective)
        _setattr('limit', limit)
        _setattr('alternatives', alternatives)
    return locals()


def _script_80() -> dict[str, Any]:
    def __init__(self, rule, test, true_in, false_in, at):
        _setattr = _cached_setattr_get(self)
        _setattr('rule', rule)
        _setattr('test', test)
        _setattr('true_in', true_in)
        _setattr('false_in', false_in)
        _setattr('at', at)
    return locals()


def _script_81() -> dict[str, Any]:
    def __init__(self, rulebook, case, area, file, passed, message=attr_dict['message'].default, details=attr_dict['details'].default, location=attr_dict['location'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rulebook', rulebook)
        _setattr('case', case)
        _setattr('area', area)
        _setattr('file', file)
        _setattr('passed', passed)
        _setattr('message', message)
        _setattr('details', details)
        _setattr('location', location)
    return locals()


def _script_82() -> dict[str, Any]:
    def __init__(self, rulebook, compiled, areas, index_of, levels, checked, plain, reason_order, derived, graded_signs, sign_names, exact, dated, words, whole, sign_readers):
        _setattr = _cached_setattr_get(self)
        _setattr('rulebook', rulebook)
        _setattr('compiled', compiled)
        _setattr('areas', areas)
        _setattr('index_of', index_of)
        _setattr('levels', levels)
        _setattr('checked', checked)
        _setattr('plain', plain)
        _setattr('reason_order', reason_order)
        _setattr('derived', derived)
        _setattr('graded_signs', graded_signs)
        _setattr('sign_names', sign_names)
        _setattr('exact', exact)
        _setattr('dated', dated)
        _setattr('words', words)
        _setattr('whole', whole)
        _setattr('sign_readers', sign_readers)
        _setattr('_reading', __attr_factory__reading())
        _setattr('_apart', __attr_factory__apart())
        _setattr('_verified', __attr_factory__verified())
    return locals()


def _script_83() -> dict[str, Any]:
    def __init__(self, rulebook, history, screened, skipped, since=attr_dict['since'].default, until=attr_dict['until'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rulebook', rulebook)
        _setattr('history', history)
        _setattr('screened', screened)
        _setattr('skipped', skipped)
        _setattr('since', since)
        _setattr('until', until)
    return locals()


def _script_84() -> dict[str, Any]:
    def __init__(self, rulebook, version, cases, rules, comparisons):
        _setattr = _cached_setattr_get(self)
        _setattr('rulebook', rulebook)
        _setattr('version', version)
        _setattr('cases', cases)
        _setattr('rules', rules)
        _setattr('comparisons', comparisons)
    return locals()


def _script_85() -> dict[str, Any]:
    def __init__(self, source, parts):
        _setattr = _cached_setattr_get(self)
        _setattr('source', source)
        _setattr('parts', parts)
        self.__attrs_post_init__()
    return locals()


def _script_86() -> dict[str, Any]:
    def __init__(self, test, actual, required, outcome, missing=attr_dict['missing'].default, margin=attr_dict['margin'].default, z=attr_dict['z'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('test', test)
        _setattr('actual', actual)
        _setattr('required', required)
        _setattr('outcome', outcome)
        _setattr('missing', missing)
        _setattr('margin', margin)
        _setattr('z', z)
    return locals()


def _script_87() -> dict[str, Any]:
    def __init__(self, test, left, op, right, actual, required, margin, holds, missing=attr_dict['missing'].default, at=attr_dict['at'].default, words=attr_dict['words'].default, z=attr_dict['z'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('test', test)
        _setattr('left', left)
        _setattr('op', op)
        _setattr('right', right)
        _setattr('actual', actual)
        _setattr('required', required)
        _setattr('margin', margin)
        _setattr('holds', holds)
        _setattr('missing', missing)
        _setattr('at', at)
        _setattr('words', words)
        _setattr('z', z)
    return locals()


def _script_88() -> dict[str, Any]:
    def __init__(self, title, unit=attr_dict['unit'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('title', title)
        _setattr('unit', unit)
    return locals()


def _script_89() -> dict[str, Any]:
    def __init__(self, value):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
    return locals()


def _script_90() -> dict[str, Any]:
    def __init__(self, value, code=attr_dict['code'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
        _setattr('code', code)
    return locals()


def _script_91() -> dict[str, Any]:
    def __init__(self, value, label=attr_dict['label'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('value', __attr_converter_value(value))
        _setattr('label', label)
    return locals()


def _script_92() -> dict[str, Any]:
    def __init__(self, value, loc):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
        _setattr('loc', loc)
    return locals()


def _script_93() -> dict[str, Any]:
    def __init__(self, value, loc, word=attr_dict['word'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
        _setattr('loc', loc)
        _setattr('word', word)
    return locals()


def _script_94() -> dict[str, Any]:
    def __init__(self, value, op, rule, grade):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
        _setattr('op', op)
        _setattr('rule', rule)
        _setattr('grade', grade)
    return locals()


def _script_95() -> dict[str, Any]:
    def __init__(self, value, start, end, source=attr_dict['source'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('value', value)
        _setattr('start', start)
        _setattr('end', end)
        _setattr('source', source)
    return locals()


def _script_96() -> dict[str, Any]:
    def __init__(self, year, level, code, number, name, region, cells, source=attr_dict['source'].default, line=attr_dict['line'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('year', year)
        _setattr('level', level)
        _setattr('code', code)
        _setattr('number', number)
        _setattr('name', name)
        _setattr('region', region)
        _setattr('cells', __attr_converter_cells(cells))
        _setattr('source', source)
        _setattr('line', line)
    return locals()


#: Each source attrs writes, and the function that runs it (given the globals attrs gives it).
SCRIPTS: dict[str, Callable[[], dict[str, Any]]] = {
    "def __init__(self, area, grade, fired=attr_dict['fired'].default, not_fired=attr_dict['not_fired'].default, reason=attr_dict['reason'].default, location=attr_dict['location'].default, grade_location=attr_dict['grade_location'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('grade', grade)\n    _setattr('fired', fired)\n    _setattr('not_fired', not_fired)\n    _setattr('reason', reason)\n    _setattr('location', location)\n    _setattr('grade_location', grade_location)\n": _script_0,
    "def __init__(self, area, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('loc', loc)\n": _script_1,
    "def __init__(self, area, rule, grade, default, cases, at):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('rule', rule)\n    _setattr('grade', grade)\n    _setattr('default', default)\n    _setattr('cases', cases)\n    _setattr('at', at)\n": _script_2,
    "def __init__(self, area, title, grade, status):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('title', title)\n    _setattr('grade', grade)\n    _setattr('status', status)\n": _script_3,
    "def __init__(self, area, title, grade, status, reason, rules_fired, source):\n    _setattr = _cached_setattr_get(self)\n    _inst_dict = self.__dict__\n    _inst_dict['area'] = area\n    _inst_dict['title'] = title\n    _inst_dict['grade'] = grade\n    _inst_dict['status'] = status\n    _inst_dict['reason'] = reason\n    _inst_dict['rules_fired'] = rules_fired\n    _inst_dict['source'] = source\n": _script_4,
    "def __init__(self, area, title, grade, status, reason, why, why_not, counterfactuals, borderline, missing, scales=attr_dict['scales'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('title', title)\n    _setattr('grade', grade)\n    _setattr('status', status)\n    _setattr('reason', reason)\n    _setattr('why', why)\n    _setattr('why_not', why_not)\n    _setattr('counterfactuals', counterfactuals)\n    _setattr('borderline', borderline)\n    _setattr('missing', missing)\n    _setattr('scales', scales)\n": _script_5,
    "def __init__(self, area, title, kind, grade, colour, reason, indicator=attr_dict['indicator'].default, unit=attr_dict['unit'].default, this_year=attr_dict['this_year'].default, last_year=attr_dict['last_year'].default, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, direction=attr_dict['direction'].default, travel=attr_dict['travel'].default, calibration=attr_dict['calibration'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('title', title)\n    _setattr('kind', kind)\n    _setattr('grade', grade)\n    _setattr('colour', colour)\n    _setattr('reason', reason)\n    _setattr('indicator', indicator)\n    _setattr('unit', unit)\n    _setattr('this_year', this_year)\n    _setattr('last_year', last_year)\n    _setattr('england', england)\n    _setattr('neighbours', neighbours)\n    _setattr('direction', direction)\n    _setattr('travel', travel)\n    _setattr('calibration', calibration)\n": _script_6,
    "def __init__(self, area, title, old_grade, new_grade, old_reason, new_reason):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('title', title)\n    _setattr('old_grade', old_grade)\n    _setattr('new_grade', new_grade)\n    _setattr('old_reason', old_reason)\n    _setattr('new_reason', new_reason)\n": _script_7,
    "def __init__(self, area, title, point, probabilities, errors):\n    _setattr = _cached_setattr_get(self)\n    _setattr('area', area)\n    _setattr('title', title)\n    _setattr('point', point)\n    _setattr('probabilities', probabilities)\n    _setattr('errors', errors)\n": _script_8,
    "def __init__(self, areas, fixed, live, missing, firing, text, fields, decided):\n    _setattr = _cached_setattr_get(self)\n    _setattr('areas', areas)\n    _setattr('fixed', fixed)\n    _setattr('live', live)\n    _setattr('missing', missing)\n    _setattr('firing', firing)\n    _setattr('text', text)\n    _setattr('fields', fields)\n    _setattr('decided', decided)\n": _script_9,
    "def __init__(self, areas, op, grade, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('areas', areas)\n    _setattr('op', op)\n    _setattr('grade', grade)\n    _setattr('loc', loc)\n": _script_10,
    "def __init__(self, before, after, figures):\n    _setattr = _cached_setattr_get(self)\n    _setattr('before', before)\n    _setattr('after', after)\n    _setattr('figures', figures)\n": _script_11,
    "def __init__(self, body, grades, label, error=attr_dict['error'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('body', body)\n    _setattr('grades', grades)\n    _setattr('label', label)\n    _setattr('error', error)\n": _script_12,
    "def __init__(self, case, authority, area, old_grade, new_grade, old_rules, new_rules, old_reason, new_reason, old_label=attr_dict['old_label'].default, new_label=attr_dict['new_label'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('case', case)\n    _setattr('authority', authority)\n    _setattr('area', area)\n    _setattr('old_grade', old_grade)\n    _setattr('new_grade', new_grade)\n    _setattr('old_rules', old_rules)\n    _setattr('new_rules', new_rules)\n    _setattr('old_reason', old_reason)\n    _setattr('new_reason', new_reason)\n    _setattr('old_label', old_label)\n    _setattr('new_label', new_label)\n": _script_13,
    "def __init__(self, case, draws, seed, sampled, areas):\n    _setattr = _cached_setattr_get(self)\n    _setattr('case', case)\n    _setattr('draws', draws)\n    _setattr('seed', seed)\n    _setattr('sampled', sampled)\n    _setattr('areas', areas)\n": _script_14,
    "def __init__(self, centre, n, z, side, scale, level):\n    _setattr = _cached_setattr_get(self)\n    _setattr('centre', centre)\n    _setattr('n', n)\n    _setattr('z', z)\n    _setattr('side', side)\n    _setattr('scale', scale)\n    _setattr('level', level)\n": _script_15,
    "def __init__(self, code, name, on, successors, source):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('name', name)\n    _setattr('on', on)\n    _setattr('successors', successors)\n    _setattr('source', source)\n": _script_16,
    "def __init__(self, code, name, on_site, published, kind, grades, at=attr_dict['at'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('name', name)\n    _setattr('on_site', on_site)\n    _setattr('published', published)\n    _setattr('kind', kind)\n    _setattr('grades', __attr_converter_grades(grades))\n    _setattr('at', at)\n": _script_17,
    "def __init__(self, code, name, year, neighbours, indicators):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('name', name)\n    _setattr('year', year)\n    _setattr('neighbours', neighbours)\n    _setattr('indicators', indicators)\n": _script_18,
    "def __init__(self, code, name, years, indicators, grades):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('name', name)\n    _setattr('years', years)\n    _setattr('indicators', indicators)\n    _setattr('grades', grades)\n": _script_19,
    "def __init__(self, code, number, name, region):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('number', number)\n    _setattr('name', name)\n    _setattr('region', region)\n": _script_20,
    "def __init__(self, code=attr_dict['code'].default, message=attr_dict['message'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('code', code)\n    _setattr('message', message)\n": _script_21,
    "def __init__(self, direction, target, changes, cost, verified):\n    _setattr = _cached_setattr_get(self)\n    _setattr('direction', direction)\n    _setattr('target', target)\n    _setattr('changes', changes)\n    _setattr('cost', cost)\n    _setattr('verified', verified)\n": _script_22,
    'def __init__(self, doc, problems):\n    self.doc = doc\n    self.problems = problems\n': _script_23,
    "def __init__(self, engine, rule_of, slot_bit, outcomes, checks, parts):\n    _setattr = _cached_setattr_get(self)\n    _setattr('engine', engine)\n    _setattr('rule_of', rule_of)\n    _setattr('slot_bit', slot_bit)\n    _setattr('outcomes', outcomes)\n    _setattr('checks', checks)\n    _setattr('parts', parts)\n": _script_24,
    "def __init__(self, field, op, rhs, origin, source=attr_dict['source'].default, extra=attr_dict['extra'].default, exact=attr_dict['exact'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('field', field)\n    _setattr('op', op)\n    _setattr('rhs', rhs)\n    _setattr('origin', origin)\n    _setattr('source', source)\n    _setattr('extra', extra)\n    _setattr('exact', exact)\n    _setattr('_rhs_text', attr_dict['_rhs_text'].default)\n    self.__attrs_post_init__()\n": _script_25,
    "def __init__(self, file, header, cells, line_no, source, rulebook, delimiter=attr_dict['delimiter'].default, fractions=attr_dict['fractions'].default, case_id=attr_dict['case_id'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('file', file)\n    _setattr('header', header)\n    _setattr('cells', cells)\n    _setattr('line_no', line_no)\n    _setattr('source', source)\n    _setattr('rulebook', rulebook)\n    _setattr('delimiter', delimiter)\n    _setattr('fractions', fractions)\n    _setattr('case_id', case_id)\n": _script_26,
    "def __init__(self, file, line, column, source_line=attr_dict['source_line'].default, length=attr_dict['length'].default, path=attr_dict['path'].default, block=attr_dict['block'].default, starts=attr_dict['starts'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('file', file)\n    _setattr('line', line)\n    _setattr('column', column)\n    _setattr('source_line', source_line)\n    _setattr('length', length)\n    _setattr('path', path)\n    _setattr('block', block)\n    _setattr('starts', starts)\n": _script_27,
    "def __init__(self, folder, rows, names, numbers, by_number, files, neighbours_2021, neighbours_2025, numbered=NOTHING, regions=NOTHING, region_of=NOTHING, history=attr_dict['history'].default, history_file=attr_dict['history_file'].default):\n    self.folder = folder\n    self.rows = rows\n    self.names = names\n    self.numbers = numbers\n    self.by_number = by_number\n    self.files = files\n    self.neighbours_2021 = neighbours_2021\n    self.neighbours_2025 = neighbours_2025\n    if numbered is not NOTHING:\n        self.numbered = numbered\n    else:\n        self.numbered = __attr_factory_numbered()\n    if regions is not NOTHING:\n        self.regions = regions\n    else:\n        self.regions = __attr_factory_regions()\n    if region_of is not NOTHING:\n        self.region_of = region_of\n    else:\n        self.region_of = __attr_factory_region_of()\n    self.history = history\n    self.history_file = history_file\n    self._found = __attr_factory__found()\n": _script_28,
    "def __init__(self, grade, rules, note):\n    _setattr = _cached_setattr_get(self)\n    _setattr('grade', grade)\n    _setattr('rules', rules)\n    _setattr('note', note)\n": _script_29,
    "def __init__(self, id, grade, because, condition, normal, default=attr_dict['default'].default, rationale=attr_dict['rationale'].default, cites=attr_dict['cites'].default, location=attr_dict['location'].default, limit=attr_dict['limit'].default, reasons=attr_dict['reasons'].default, effective_from=attr_dict['effective_from'].default, effective_to=attr_dict['effective_to'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('id', id)\n    _setattr('grade', grade)\n    _setattr('because', because)\n    _setattr('condition', condition)\n    _setattr('normal', normal)\n    _setattr('default', default)\n    _setattr('rationale', rationale)\n    _setattr('cites', cites)\n    _setattr('location', location)\n    _setattr('limit', limit)\n    _setattr('reasons', reasons)\n    _setattr('effective_from', effective_from)\n    _setattr('effective_to', effective_to)\n": _script_30,
    "def __init__(self, id, rank, label, heading, phrase, code, colour, scale=attr_dict['scale'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('id', id)\n    _setattr('rank', rank)\n    _setattr('label', label)\n    _setattr('heading', heading)\n    _setattr('phrase', phrase)\n    _setattr('code', code)\n    _setattr('colour', colour)\n    _setattr('scale', scale)\n": _script_31,
    "def __init__(self, id, title, requires, policy, rules, description=attr_dict['description'].default, location=attr_dict['location'].default, scale=attr_dict['scale'].default, optional=attr_dict['optional'].default, optional_grades=attr_dict['optional_grades'].default, reads_areas=attr_dict['reads_areas'].default, level=attr_dict['level'].default, aspects=attr_dict['aspects'].default, combine=attr_dict['combine'].default, parent=attr_dict['parent'].default, effective_from=attr_dict['effective_from'].default, effective_to=attr_dict['effective_to'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('id', id)\n    _setattr('title', title)\n    _setattr('requires', requires)\n    _setattr('policy', policy)\n    _setattr('rules', rules)\n    _setattr('description', description)\n    _setattr('location', location)\n    _setattr('scale', scale)\n    _setattr('optional', optional)\n    _setattr('optional_grades', optional_grades)\n    _setattr('reads_areas', reads_areas)\n    _setattr('level', level)\n    _setattr('aspects', aspects)\n    _setattr('combine', combine)\n    _setattr('parent', parent)\n    _setattr('effective_from', effective_from)\n    _setattr('effective_to', effective_to)\n": _script_32,
    "def __init__(self, id, title, unit, better, minimum, maximum, definition=attr_dict['definition'].default, source=attr_dict['source'].default, location=attr_dict['location'].default, levels=attr_dict['levels'].default, counted=attr_dict['counted'].default, at_most=attr_dict['at_most'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('id', id)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('better', better)\n    _setattr('minimum', minimum)\n    _setattr('maximum', maximum)\n    _setattr('definition', definition)\n    _setattr('source', source)\n    _setattr('location', location)\n    _setattr('levels', levels)\n    _setattr('counted', counted)\n    _setattr('at_most', at_most)\n": _script_33,
    "def __init__(self, id, title, unit, values, location=attr_dict['location'].default, period_of=attr_dict['period_of'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('id', id)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('values', values)\n    _setattr('location', location)\n    _setattr('period_of', period_of)\n": _script_34,
    "def __init__(self, index, area, level, rules, bits, reads, reads_keys, positions, alternatives, grade_key, required, slot, needs, search_keys, search_inputs, split, reads_alternatives):\n    _setattr = _cached_setattr_get(self)\n    _setattr('index', index)\n    _setattr('area', area)\n    _setattr('level', level)\n    _setattr('rules', rules)\n    _setattr('bits', bits)\n    _setattr('reads', reads)\n    _setattr('reads_keys', reads_keys)\n    _setattr('positions', positions)\n    _setattr('alternatives', alternatives)\n    _setattr('grade_key', grade_key)\n    _setattr('required', required)\n    _setattr('slot', slot)\n    _setattr('needs', needs)\n    _setattr('search_keys', search_keys)\n    _setattr('search_inputs', search_inputs)\n    _setattr('split', split)\n    _setattr('reads_alternatives', reads_alternatives)\n    _setattr('_searched', __attr_factory__searched())\n    _setattr('_signed', __attr_factory__signed())\n": _script_35,
    "def __init__(self, index, case_id, piece=attr_dict['piece'].default, unmet=attr_dict['unmet'].default, problems=attr_dict['problems'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('index', index)\n    _setattr('case_id', case_id)\n    _setattr('piece', piece)\n    _setattr('unmet', unmet)\n    _setattr('problems', problems)\n": _script_36,
    "def __init__(self, index, source, error=attr_dict['error'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('index', index)\n    _setattr('source', source)\n    _setattr('error', error)\n": _script_37,
    "def __init__(self, inspection, year, case_id, ofsted, screen):\n    _setattr = _cached_setattr_get(self)\n    _setattr('inspection', inspection)\n    _setattr('year', year)\n    _setattr('case_id', case_id)\n    _setattr('ofsted', ofsted)\n    _setattr('screen', screen)\n": _script_38,
    "def __init__(self, intervals, exact):\n    _setattr = _cached_setattr_get(self)\n    _setattr('intervals', intervals)\n    _setattr('exact', exact)\n": _script_39,
    "def __init__(self, items):\n    _setattr = _cached_setattr_get(self)\n    _setattr('items', items)\n": _script_40,
    "def __init__(self, items, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('items', items)\n    _setattr('loc', loc)\n": _script_41,
    "def __init__(self, judgement, pairs, spearman, kappa, exact, within_one, confusion, inadequate, inadequate_found, flagged_not_inadequate):\n    _setattr = _cached_setattr_get(self)\n    _setattr('judgement', judgement)\n    _setattr('pairs', pairs)\n    _setattr('spearman', spearman)\n    _setattr('kappa', kappa)\n    _setattr('exact', exact)\n    _setattr('within_one', within_one)\n    _setattr('confusion', confusion)\n    _setattr('inadequate', inadequate)\n    _setattr('inadequate_found', inadequate_found)\n    _setattr('flagged_not_inadequate', flagged_not_inadequate)\n": _script_42,
    "def __init__(self, kind, areas, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('kind', kind)\n    _setattr('areas', areas)\n    _setattr('loc', loc)\n": _script_43,
    "def __init__(self, kind, text, offset):\n    _setattr = _cached_setattr_get(self)\n    _setattr('kind', kind)\n    _setattr('text', text)\n    _setattr('offset', offset)\n": _script_44,
    "def __init__(self, kind, unit=attr_dict['unit'].default, has_field=attr_dict['has_field'].default, constant=attr_dict['constant'].default, scale=attr_dict['scale'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('kind', kind)\n    _setattr('unit', unit)\n    _setattr('has_field', has_field)\n    _setattr('constant', constant)\n    _setattr('scale', scale)\n": _script_45,
    "def __init__(self, line, column):\n    _setattr = _cached_setattr_get(self)\n    _setattr('line', line)\n    _setattr('column', column)\n": _script_46,
    "def __init__(self, line_no, cells, source=attr_dict['source'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('line_no', line_no)\n    _setattr('cells', cells)\n    _setattr('source', source)\n": _script_47,
    "def __init__(self, lo=attr_dict['lo'].default, lo_open=attr_dict['lo_open'].default, hi=attr_dict['hi'].default, hi_open=attr_dict['hi_open'].default, points=attr_dict['points'].default, excluded=attr_dict['excluded'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('lo', lo)\n    _setattr('lo_open', lo_open)\n    _setattr('hi', hi)\n    _setattr('hi_open', hi_open)\n    _setattr('points', points)\n    _setattr('excluded', excluded)\n": _script_48,
    "def __init__(self, measure, direction, comparator, level, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('direction', direction)\n    _setattr('comparator', comparator)\n    _setattr('level', level)\n    _setattr('loc', loc)\n": _script_49,
    "def __init__(self, measure, release, value, source, lag=attr_dict['lag'].default, where=attr_dict['where'].default, required=attr_dict['required'].default, per_child=attr_dict['per_child'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('release', release)\n    _setattr('value', value)\n    _setattr('source', source)\n    _setattr('lag', lag)\n    _setattr('where', where)\n    _setattr('required', required)\n    _setattr('per_child', per_child)\n": _script_50,
    "def __init__(self, measure, title, unit, better, council, england, neighbours):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('better', better)\n    _setattr('council', council)\n    _setattr('england', england)\n    _setattr('neighbours', neighbours)\n": _script_51,
    "def __init__(self, measure, title, unit, better, council, england, neighbours, rank, of):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('better', better)\n    _setattr('council', council)\n    _setattr('england', england)\n    _setattr('neighbours', neighbours)\n    _setattr('rank', rank)\n    _setattr('of', of)\n": _script_52,
    "def __init__(self, measure, title, unit, better, low, high, value, england, neighbours, thresholds, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('better', better)\n    _setattr('low', low)\n    _setattr('high', high)\n    _setattr('value', value)\n    _setattr('england', england)\n    _setattr('neighbours', neighbours)\n    _setattr('thresholds', thresholds)\n    _setattr('region', region)\n    _setattr('three_years_ago', three_years_ago)\n": _script_53,
    "def __init__(self, measure, title, unit, better, value, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default, n=attr_dict['n'].default, source=attr_dict['source'].default, period=attr_dict['period'].default, illustrative=attr_dict['illustrative'].default, required=attr_dict['required'].default, missing=attr_dict['missing'].default, count=attr_dict['count'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('better', better)\n    _setattr('value', value)\n    _setattr('england', england)\n    _setattr('neighbours', neighbours)\n    _setattr('region', region)\n    _setattr('three_years_ago', three_years_ago)\n    _setattr('n', n)\n    _setattr('source', source)\n    _setattr('period', period)\n    _setattr('illustrative', illustrative)\n    _setattr('required', required)\n    _setattr('missing', missing)\n    _setattr('count', count)\n": _script_54,
    "def __init__(self, measure, title, unit, old, new, levels=attr_dict['levels'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('title', title)\n    _setattr('unit', unit)\n    _setattr('old', old)\n    _setattr('new', new)\n    _setattr('levels', levels)\n": _script_55,
    "def __init__(self, measure, value, england=attr_dict['england'].default, neighbours=attr_dict['neighbours'].default, region=attr_dict['region'].default, three_years_ago=attr_dict['three_years_ago'].default, n=attr_dict['n'].default, source=attr_dict['source'].default, period=attr_dict['period'].default, note=attr_dict['note'].default, illustrative=attr_dict['illustrative'].default, location=attr_dict['location'].default, count=attr_dict['count'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('value', __attr_converter_value(value))\n    _setattr('england', __attr_converter_england(england))\n    _setattr('neighbours', __attr_converter_neighbours(neighbours))\n    _setattr('region', __attr_converter_region(region))\n    _setattr('three_years_ago', __attr_converter_three_years_ago(three_years_ago))\n    _setattr('n', __attr_converter_n(n))\n    _setattr('source', source)\n    _setattr('period', period)\n    _setattr('note', note)\n    _setattr('illustrative', illustrative)\n    _setattr('location', location)\n    _setattr('count', __attr_converter_count(count))\n": _script_56,
    "def __init__(self, measure, value, n, low, high, rule, test, required, margin, at):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('value', value)\n    _setattr('n', n)\n    _setattr('low', low)\n    _setattr('high', high)\n    _setattr('rule', rule)\n    _setattr('test', test)\n    _setattr('required', required)\n    _setattr('margin', margin)\n    _setattr('at', at)\n": _script_57,
    "def __init__(self, measure, x, n, scale, counted=attr_dict['counted'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('measure', measure)\n    _setattr('x', x)\n    _setattr('n', n)\n    _setattr('scale', scale)\n    _setattr('counted', counted)\n": _script_58,
    'def __init__(self, measures, parameters, problems, areas=NOTHING, levels=NOTHING):\n    self.measures = measures\n    self.parameters = parameters\n    self.problems = problems\n    if areas is not NOTHING:\n        self.areas = areas\n    else:\n        self.areas = __attr_factory_areas()\n    if levels is not NOTHING:\n        self.levels = levels\n    else:\n        self.levels = __attr_factory_levels()\n': _script_59,
    "def __init__(self, message, location=attr_dict['location'].default, expected=attr_dict['expected'].default, hint=attr_dict['hint'].default, *, code, ctx=NOTHING):\n    _setattr = _cached_setattr_get(self)\n    _setattr('message', message)\n    _setattr('location', location)\n    _setattr('expected', expected)\n    _setattr('hint', hint)\n    _setattr('code', code)\n    if ctx is not NOTHING:\n        _setattr('ctx', __attr_converter_ctx(ctx))\n    else:\n        _setattr('ctx', __attr_converter_ctx(__attr_factory_ctx()))\n    if _config._run_validators is True:\n        __attr_validator_code(self, __attr_code, self.code)\n": _script_60,
    "def __init__(self, name, attr, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('attr', attr)\n    _setattr('loc', loc)\n": _script_61,
    "def __init__(self, name, attr, location=attr_dict['location'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('attr', attr)\n    _setattr('location', location)\n": _script_62,
    "def __init__(self, name, columns, rows, note=attr_dict['note'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('columns', columns)\n    _setattr('rows', rows)\n    _setattr('note', note)\n": _script_63,
    "def __init__(self, name, definition, level=attr_dict['level'].default, fields=attr_dict['fields'].default, areas=attr_dict['areas'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('definition', definition)\n    _setattr('level', level)\n    _setattr('fields', fields)\n    _setattr('areas', areas)\n": _script_64,
    "def __init__(self, name, header, header_source, rows, delimiter=attr_dict['delimiter'].default, encoding=attr_dict['encoding'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('header', header)\n    _setattr('header_source', header_source)\n    _setattr('rows', rows)\n    _setattr('delimiter', delimiter)\n    _setattr('encoding', encoding)\n": _script_65,
    "def __init__(self, name, help, render, join, borderline=attr_dict['borderline'].default, keeps_failures=attr_dict['keeps_failures'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('name', name)\n    _setattr('help', help)\n    _setattr('render', render)\n    _setattr('join', join)\n    _setattr('borderline', borderline)\n    _setattr('keeps_failures', keeps_failures)\n": _script_66,
    "def __init__(self, old, new, cases, areas, skipped, changes):\n    _setattr = _cached_setattr_get(self)\n    _setattr('old', old)\n    _setattr('new', new)\n    _setattr('cases', cases)\n    _setattr('areas', areas)\n    _setattr('skipped', skipped)\n    _setattr('changes', changes)\n": _script_67,
    "def __init__(self, op, left, right):\n    _setattr = _cached_setattr_get(self)\n    _setattr('op', op)\n    _setattr('left', left)\n    _setattr('right', right)\n": _script_68,
    "def __init__(self, op, left, right, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('op', op)\n    _setattr('left', left)\n    _setattr('right', right)\n    _setattr('loc', loc)\n": _script_69,
    "def __init__(self, operand, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('operand', operand)\n    _setattr('loc', loc)\n": _script_70,
    "def __init__(self, outcome, deciding, tests):\n    _setattr = _cached_setattr_get(self)\n    _setattr('outcome', outcome)\n    _setattr('deciding', deciding)\n    _setattr('tests', tests)\n": _script_71,
    "def __init__(self, outcomes, judgements):\n    _setattr = _cached_setattr_get(self)\n    _setattr('outcomes', outcomes)\n    _setattr('judgements', judgements)\n": _script_72,
    "def __init__(self, params, ranks, levels, counted, scales):\n    _setattr = _cached_setattr_get(self)\n    _setattr('params', params)\n    _setattr('ranks', ranks)\n    _setattr('levels', levels)\n    _setattr('counted', counted)\n    _setattr('scales', scales)\n": _script_73,
    "def __init__(self, parts, rules, fields, derived=attr_dict['derived'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('parts', parts)\n    _setattr('rules', rules)\n    _setattr('fields', fields)\n    _setattr('derived', derived)\n": _script_74,
    "def __init__(self, path, case, expect_error, error, label, rulebook):\n    _setattr = _cached_setattr_get(self)\n    _setattr('path', path)\n    _setattr('case', case)\n    _setattr('expect_error', expect_error)\n    _setattr('error', error)\n    _setattr('label', label)\n    _setattr('rulebook', rulebook)\n": _script_75,
    "def __init__(self, path, data, positions, key_positions, base=attr_dict['base'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('path', path)\n    _setattr('data', data)\n    _setattr('positions', positions)\n    _setattr('key_positions', key_positions)\n    _setattr('base', base)\n": _script_76,
    "def __init__(self, policy, fired, chosen, grade, status, note):\n    _setattr = _cached_setattr_get(self)\n    _setattr('policy', policy)\n    _setattr('fired', fired)\n    _setattr('chosen', chosen)\n    _setattr('grade', grade)\n    _setattr('status', status)\n    _setattr('note', note)\n": _script_77,
    "def __init__(self, rule, at, reads, alternatives=attr_dict['alternatives'].default, effective=attr_dict['effective'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rule', rule)\n    _setattr('at', at)\n    _setattr('reads', reads)\n    _setattr('alternatives', alternatives)\n    _setattr('effective', effective)\n    _setattr('_texts', attr_dict['_texts'].default)\n": _script_78,
    "def __init__(self, rule, grade, when, outcome, chosen, values=NOTHING, comparisons=attr_dict['comparisons'].default, missing=attr_dict['missing'].default, at=attr_dict['at'].default, effective=attr_dict['effective'].default, limit=attr_dict['limit'].default, alternatives=attr_dict['alternatives'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rule', rule)\n    _setattr('grade', grade)\n    _setattr('when', when)\n    _setattr('outcome', outcome)\n    _setattr('chosen', chosen)\n    if values is not NOTHING:\n        _setattr('values', __attr_converter_values(values))\n    else:\n        _setattr('values', __attr_converter_values(__attr_factory_values()))\n    _setattr('comparisons', comparisons)\n    _setattr('missing', missing)\n    _setattr('at', at)\n    _setattr('effective', effective)\n    _setattr('limit', limit)\n    _setattr('alternatives', alternatives)\n": _script_79,
    "def __init__(self, rule, test, true_in, false_in, at):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rule', rule)\n    _setattr('test', test)\n    _setattr('true_in', true_in)\n    _setattr('false_in', false_in)\n    _setattr('at', at)\n": _script_80,
    "def __init__(self, rulebook, case, area, file, passed, message=attr_dict['message'].default, details=attr_dict['details'].default, location=attr_dict['location'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rulebook', rulebook)\n    _setattr('case', case)\n    _setattr('area', area)\n    _setattr('file', file)\n    _setattr('passed', passed)\n    _setattr('message', message)\n    _setattr('details', details)\n    _setattr('location', location)\n": _script_81,
    "def __init__(self, rulebook, compiled, areas, index_of, levels, checked, plain, reason_order, derived, graded_signs, sign_names, exact, dated, words, whole, sign_readers):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rulebook', rulebook)\n    _setattr('compiled', compiled)\n    _setattr('areas', areas)\n    _setattr('index_of', index_of)\n    _setattr('levels', levels)\n    _setattr('checked', checked)\n    _setattr('plain', plain)\n    _setattr('reason_order', reason_order)\n    _setattr('derived', derived)\n    _setattr('graded_signs', graded_signs)\n    _setattr('sign_names', sign_names)\n    _setattr('exact', exact)\n    _setattr('dated', dated)\n    _setattr('words', words)\n    _setattr('whole', whole)\n    _setattr('sign_readers', sign_readers)\n    _setattr('_reading', __attr_factory__reading())\n    _setattr('_apart', __attr_factory__apart())\n    _setattr('_verified', __attr_factory__verified())\n": _script_82,
    "def __init__(self, rulebook, history, screened, skipped, since=attr_dict['since'].default, until=attr_dict['until'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rulebook', rulebook)\n    _setattr('history', history)\n    _setattr('screened', screened)\n    _setattr('skipped', skipped)\n    _setattr('since', since)\n    _setattr('until', until)\n": _script_83,
    "def __init__(self, rulebook, version, cases, rules, comparisons):\n    _setattr = _cached_setattr_get(self)\n    _setattr('rulebook', rulebook)\n    _setattr('version', version)\n    _setattr('cases', cases)\n    _setattr('rules', rules)\n    _setattr('comparisons', comparisons)\n": _script_84,
    "def __init__(self, source, parts):\n    _setattr = _cached_setattr_get(self)\n    _setattr('source', source)\n    _setattr('parts', parts)\n    self.__attrs_post_init__()\n": _script_85,
    "def __init__(self, test, actual, required, outcome, missing=attr_dict['missing'].default, margin=attr_dict['margin'].default, z=attr_dict['z'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('test', test)\n    _setattr('actual', actual)\n    _setattr('required', required)\n    _setattr('outcome', outcome)\n    _setattr('missing', missing)\n    _setattr('margin', margin)\n    _setattr('z', z)\n": _script_86,
    "def __init__(self, test, left, op, right, actual, required, margin, holds, missing=attr_dict['missing'].default, at=attr_dict['at'].default, words=attr_dict['words'].default, z=attr_dict['z'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('test', test)\n    _setattr('left', left)\n    _setattr('op', op)\n    _setattr('right', right)\n    _setattr('actual', actual)\n    _setattr('required', required)\n    _setattr('margin', margin)\n    _setattr('holds', holds)\n    _setattr('missing', missing)\n    _setattr('at', at)\n    _setattr('words', words)\n    _setattr('z', z)\n": _script_87,
    "def __init__(self, title, unit=attr_dict['unit'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('title', title)\n    _setattr('unit', unit)\n": _script_88,
    "def __init__(self, value):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n": _script_89,
    "def __init__(self, value, code=attr_dict['code'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n    _setattr('code', code)\n": _script_90,
    "def __init__(self, value, label=attr_dict['label'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', __attr_converter_value(value))\n    _setattr('label', label)\n": _script_91,
    "def __init__(self, value, loc):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n    _setattr('loc', loc)\n": _script_92,
    "def __init__(self, value, loc, word=attr_dict['word'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n    _setattr('loc', loc)\n    _setattr('word', word)\n": _script_93,
    "def __init__(self, value, op, rule, grade):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n    _setattr('op', op)\n    _setattr('rule', rule)\n    _setattr('grade', grade)\n": _script_94,
    "def __init__(self, value, start, end, source=attr_dict['source'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('value', value)\n    _setattr('start', start)\n    _setattr('end', end)\n    _setattr('source', source)\n": _script_95,
    "def __init__(self, year, level, code, number, name, region, cells, source=attr_dict['source'].default, line=attr_dict['line'].default):\n    _setattr = _cached_setattr_get(self)\n    _setattr('year', year)\n    _setattr('level', level)\n    _setattr('code', code)\n    _setattr('number', number)\n    _setattr('name', name)\n    _setattr('region', region)\n    _setattr('cells', __attr_converter_cells(cells))\n    _setattr('source', source)\n    _setattr('line', line)\n": _script_96,
}
