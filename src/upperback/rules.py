"""Cross-reference rules that a JSON Schema cannot express, one named check per rule.

Each check takes the schema-valid records and yields ``Problem``s. ``RULES`` lists them all; tests break each one
with a fixture and assert the problem names the file and the field.

The text rules at the end (``TEXT_RULES``) read every string of every content file: record text is inserted into
Markdown pages, so it must stay plain text. They reject raw HTML, attribute lists, template syntax, links that go
anywhere but an http(s) address or the site's own pages, reference-style link definitions, and images that are not
the site's own files. ``validate`` names the rule in each ``Problem`` (``rule_name``).
"""
import html
import re

from .problems import Problem


def _ids(items):
    return {item["id"] for item in items}


def _unknown_references(file, field, refs, tables, indexed=True):
    """One problem for each reference that content/references.json lacks; the field gets [i] when indexed."""
    for i, ref in enumerate(refs):
        if ref not in tables["references"]:
            where = f"{field}[{i}]" if indexed else field
            yield Problem(file, where, f"unknown reference {ref!r}; add it to content/references.json")


def check_id_matches_file_name(records, tables):
    for path, rec in records["all"]:
        if rec["id"] != path.stem:
            yield Problem(
                path.as_posix(), "id", f"is {rec['id']!r} but the file is named {path.name!r}; they must match"
            )


def check_known_targets(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for group in ("primary", "secondary"):
            for i, target in enumerate(rec["targets"][group]):
                if target not in tables["targets"]:
                    yield Problem(
                        path.as_posix(),
                        f"targets.{group}[{i}]",
                        f"unknown muscle or joint {target!r}; use an id from content/taxonomy.json targets",
                    )


def check_primary_and_secondary_disjoint(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for target in set(rec["targets"]["primary"]) & set(rec["targets"]["secondary"]):
            yield Problem(path.as_posix(), "targets.secondary", f"{target!r} is already a primary target; list it once")


def check_known_equipment(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for i, item in enumerate(rec["equipment"]):
            if item not in tables["equipment"]:
                yield Problem(
                    path.as_posix(),
                    f"equipment[{i}]",
                    f"unknown equipment {item!r}; use an id from content/taxonomy.json equipment",
                )
        if "none" in rec["equipment"] and len(rec["equipment"]) > 1:
            yield Problem(path.as_posix(), "equipment", "'none' cannot be listed with other equipment")


def check_known_variations(records, tables):
    for path, rec in records["exercises"]:
        for group in ("easier", "harder"):
            for i, other in enumerate(rec["variations"][group]):
                if other == rec["id"]:
                    yield Problem(
                        path.as_posix(), f"variations.{group}[{i}]", "an exercise cannot be a variation of itself"
                    )
                elif other not in tables["exercises"]:
                    yield Problem(
                        path.as_posix(), f"variations.{group}[{i}]", f"no exercise {other!r} in content/exercises/"
                    )


def check_known_references(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        yield from _unknown_references(path.as_posix(), "evidence.references", rec["evidence"]["references"], tables)
    for path, rec in records["red-flags"]:
        yield from _unknown_references(path.as_posix(), "references", rec["references"], tables)


def check_unique_outcome_ids(records, tables):
    for path, rec in records["checks"]:
        seen = set()
        for i, outcome in enumerate(rec["outcomes"]):
            if outcome["id"] in seen:
                yield Problem(path.as_posix(), f"outcomes[{i}].id", f"{outcome['id']!r} is used twice in this check-in")
            seen.add(outcome["id"])


def check_normal_outcome_present(records, tables):
    for path, rec in records["checks"]:
        if not any(o["normal"] for o in rec["outcomes"]):
            yield Problem(
                path.as_posix(), "outcomes", "no outcome has normal: true; at least one result must count as normal"
            )


def check_normal_outcomes_suggest_nothing(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            if outcome["normal"] and outcome["suggests"]:
                yield Problem(
                    path.as_posix(), f"outcomes[{i}].suggests", "a normal outcome suggests no exercise; leave it empty"
                )


def check_known_suggestions(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            for j, suggestion in enumerate(outcome["suggests"]):
                if suggestion["exercise"] not in tables["exercises"]:
                    yield Problem(
                        path.as_posix(),
                        f"outcomes[{i}].suggests[{j}].exercise",
                        f"no exercise {suggestion['exercise']!r} in content/exercises/",
                    )


def check_known_raised_flags(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            if "raises_flag" in outcome:
                if outcome["raises_flag"] not in tables["red_flags"]:
                    yield Problem(
                        path.as_posix(),
                        f"outcomes[{i}].raises_flag",
                        f"no red flag {outcome['raises_flag']!r} in content/red-flags/",
                    )
                elif outcome["normal"]:
                    yield Problem(
                        path.as_posix(), f"outcomes[{i}].raises_flag", "a normal outcome cannot raise a red flag"
                    )


def check_known_general_suggestions(records, tables):
    for i, suggestion in enumerate(tables["programme"]["general_suggestions"]):
        if suggestion["exercise"] not in tables["exercises"]:
            yield Problem(
                "content/programme.json",
                f"general_suggestions[{i}].exercise",
                f"no exercise {suggestion['exercise']!r} in content/exercises/",
            )
        if suggestion["min_pain"] > suggestion["max_pain"]:
            yield Problem("content/programme.json", f"general_suggestions[{i}].min_pain", "is larger than max_pain")


def check_every_record_is_illustrated(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        if rec["id"] not in tables["illustrations"]:
            yield Problem(path.as_posix(), "id", f"has no illustration; add content/illustrations/{rec['id']}.json")


def check_illustration_names_a_record(records, tables):
    for path, rec in records["illustrations"]:
        if rec["id"] not in tables["exercises"] | tables["checks"]:
            yield Problem(path.as_posix(), "id", f"no exercise or check-in {rec['id']!r} to illustrate")


def check_taxonomy_regions(records, tables):
    for i, target in enumerate(tables["taxonomy"]["targets"]):
        if target["region"] not in tables["regions"]:
            yield Problem("content/taxonomy.json", f"targets[{i}].region", f"unknown region {target['region']!r}")
    if sorted(tables["programme"]["region_order"]) != sorted(tables["regions"]):
        yield Problem(
            "content/programme.json", "region_order", "must list every region of content/taxonomy.json exactly once"
        )


def check_known_caution_subjects(records, tables):
    for path, rec in records["exercises"]:
        for i, caution in enumerate(rec["avoid_if"]):
            if caution["when"] not in tables["conditions"] and caution["when"] not in tables["red_flags"]:
                yield Problem(
                    path.as_posix(),
                    f"avoid_if[{i}].when",
                    f"unknown condition or warning sign {caution['when']!r}; use an id from content/conditions.json "
                    f"or content/red-flags/",
                )


def check_cautions_are_not_prose_only(records, tables):
    """An exercise whose text speaks of an asked condition must carry a caution the engine can apply."""
    for path, rec in records["exercises"]:
        subjects = {c["when"] for c in rec["avoid_if"]}
        texts = [("precautions", t) for t in rec["precautions"]] + [("stop_if", t) for t in rec["stop_if"]]
        texts += [("dosage.note", rec["dosage"]["note"])] if "note" in rec["dosage"] else []
        for condition in tables["conditions"].values():
            for field, text in texts:
                word = next((w for w in condition.get("mentioned_as", []) if w in text.lower()), None)
                if word and condition["id"] not in subjects:
                    yield Problem(
                        path.as_posix(),
                        field,
                        f"speaks of {word!r} but avoid_if has no caution for {condition['id']!r}; add one so plans "
                        f"apply it",
                    )
                    break


def check_condition_references(records, tables):
    for i, condition in enumerate(tables["conditions"].values()):
        refs = condition["references"]
        yield from _unknown_references("content/conditions.json", f"conditions[{i}].references", refs, tables)


# -- Text rules: record text is plain text, never markup that acts ---------------------------------------------

RAW_HTML = re.compile(r"<[A-Za-z/!?]")  # a tag, a closing tag, a comment or declaration, an instruction
# attr_list syntax: {: ...}, {#id}, {.class}, {key=value}; "{when, action, text}" in prose is left alone
ATTRIBUTE_LIST = re.compile(r"\{[ \t]*(?::|[#.][\w-]|[^{}\n]*=)")
TEMPLATE = re.compile(r"\{[{%#]")  # Jinja: the macros plugin runs a page title that holds it
LINK_DEFINITION = re.compile(r"^[ \t>]*\[[^\]\n]+\]:", re.M)
TARGET = re.compile(r"\]\(\s*(<[^>\n]*>?|[^\s)]*)")  # the target of [text](target) or ![alt](target)
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
WEB_SCHEMES = ("http", "https")
MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and newlines inside a URL, and trim the rest
NOT_IN_A_WEB_ADDRESS = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def _strings(value, field=""):
    """Every string in a parsed JSON value, with its field path (``steps[0]``, ``evidence.summary``)."""
    stack = [(field, value)]
    while stack:
        field, value = stack.pop()
        if isinstance(value, str):
            yield field, value
        elif isinstance(value, dict):
            stack.extend((f"{field}.{key}" if field else str(key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{field}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def _texts(records):
    """(file, field, text) for every string of every content file."""
    for path, document in records["documents"]:
        for field, text in _strings(document):
            yield path.as_posix(), field, text


def _quoted(text, start=0, length=30):
    shown = text[start : start + length]
    return repr(shown + "..." if len(text) > start + length else shown)


def where_it_goes(target):
    """A link target as a browser reads it: its scheme ('https', 'javascript', ...), '//' for another host, or ''
    for a path on this site. Markdown drops backslash escapes and the browser decodes entities, drops tabs and
    newlines and reads a backslash as a slash, so this does too."""
    target = html.unescape(MARKDOWN_ESCAPE.sub("", target.strip("<>")))
    target = INVISIBLE.sub("", target).replace("\\", "/").lower()
    if target.startswith("//"):
        return "//"
    scheme = SCHEME.match(target)
    return scheme.group(1) if scheme else ""


def is_web_address(text):
    """An http(s) address with a host, and no spaces, control characters, quotes or angle brackets."""
    scheme, _, rest = text.partition("://")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return scheme.lower() in WEB_SCHEMES and bool(host) and not NOT_IN_A_WEB_ADDRESS.search(text)


def _image_targets(text):
    """Where each image's target starts: after the ']' that closes a '![', counting nested brackets as Markdown
    does."""
    starts = set()
    for image in re.finditer(r"!\[", text):
        depth, i = 1, image.end()
        while i < len(text) and depth:
            if text[i] == "\\":
                i += 1
            elif text[i] in "[]":
                depth += 1 if text[i] == "[" else -1
            i += 1
        if depth == 0:
            starts.add(i - 1)
    return starts


def _targets(text):
    """(target, is_image) for every inline link and image in a text."""
    images = _image_targets(text)
    for match in TARGET.finditer(text):
        yield match.group(1), match.start() in images


def rule_name(rule):
    """The name a problem prints for its rule: check_no_raw_html -> no-raw-html."""
    return rule.__name__.removeprefix("check_").replace("_", "-")


def check_no_raw_html(records, tables):
    for file, field, text in _texts(records):
        match = RAW_HTML.search(text)
        if match:
            yield Problem(
                file,
                field,
                f"has HTML {_quoted(text, match.start())}; record text is plain text: "
                "write it without tags (a link is [text](https://...))",
            )


def check_no_attribute_lists(records, tables):
    for file, field, text in _texts(records):
        match = ATTRIBUTE_LIST.search(text)
        if match:
            yield Problem(
                file,
                field,
                f"has attribute-list syntax {_quoted(text, match.start())}; "
                "record text cannot set HTML attributes, ids or classes",
            )


def check_no_template_syntax(records, tables):
    for file, field, text in _texts(records):
        match = TEMPLATE.search(text)
        if match:
            yield Problem(
                file,
                field,
                f"has template syntax {_quoted(text, match.start())}; "
                "the build would run it as code: put a space between the braces",
            )


def check_links_go_to_the_web_or_this_site(records, tables):
    for file, field, text in _texts(records):
        if field.rpartition(".")[2] == "url":
            if not is_web_address(text):
                yield Problem(
                    file,
                    field,
                    f"{_quoted(text)} is not a web address; write https://... with no spaces, quotes or angle brackets",
                )
            continue
        for target, is_image in _targets(text):
            goes = where_it_goes(target)
            if not is_image and goes not in ("", *WEB_SCHEMES):
                kind = "another website by a scheme-relative '//' address" if goes == "//" else f"a {goes}: address"
                yield Problem(
                    file,
                    field,
                    f"links to {kind}, {_quoted(target)}; "
                    "a link goes to an http(s) address or to one of this site's pages",
                )


def check_no_link_definitions(records, tables):
    for file, field, text in _texts(records):
        match = LINK_DEFINITION.search(text)
        if match:
            yield Problem(
                file,
                field,
                f"has a reference-style link definition {_quoted(text, match.start())}; "
                "write each link in place, as [text](https://...)",
            )


def check_images_are_site_files(records, tables):
    for file, field, text in _texts(records):
        for target, is_image in _targets(text):
            if is_image and where_it_goes(target):
                yield Problem(
                    file,
                    field,
                    f"shows an image from {_quoted(target)}; an image must be one of "
                    "this site's own files (another website's image is a request to it)",
                )


TEXT_RULES = [
    check_no_raw_html,
    check_no_attribute_lists,
    check_no_template_syntax,
    check_links_go_to_the_web_or_this_site,
    check_no_link_definitions,
    check_images_are_site_files,
]

RULES = [
    check_id_matches_file_name,
    check_known_targets,
    check_primary_and_secondary_disjoint,
    check_known_equipment,
    check_known_variations,
    check_known_references,
    check_unique_outcome_ids,
    check_normal_outcome_present,
    check_normal_outcomes_suggest_nothing,
    check_known_suggestions,
    check_known_raised_flags,
    check_known_general_suggestions,
    check_every_record_is_illustrated,
    check_illustration_names_a_record,
    check_taxonomy_regions,
    check_known_caution_subjects,
    check_cautions_are_not_prose_only,
    check_condition_references,
    *TEXT_RULES,
]


# -- Check-ins done alone: `helper` is data (issue 11 item 3) ---------------------------------------------------


def check_helper_has_a_note(records, tables):
    """A check-in that needs a helper says what to do alone instead; one where a helper is optional says how to
    do it alone and what the helper adds."""
    for path, rec in records["checks"]:
        if rec["helper"] != "none" and not rec.get("helper_note", "").strip():
            alone = "the solo alternative" if rec["helper"] == "needed" else "how to do it alone and what a helper adds"
            yield Problem(
                path.as_posix(), "helper_note", f"helper is {rec['helper']!r}: add a helper_note giving {alone}"
            )


def check_helper_matches_equipment(records, tables):
    """'A helper' is listed under "You need" exactly when the check-in cannot be done alone."""
    for path, rec in records["checks"]:
        listed = "helper" in rec["equipment"]
        if rec["helper"] == "needed" and not listed:
            yield Problem(path.as_posix(), "equipment", "helper is 'needed', so equipment must list 'helper'")
        elif rec["helper"] != "needed" and listed:
            yield Problem(
                path.as_posix(),
                "equipment",
                f"lists 'helper' but helper is {rec['helper']!r}; "
                "list it only when a helper is needed, and say what a helper adds in helper_note",
            )


RULES.extend([check_helper_has_a_note, check_helper_matches_equipment])


# -- Dose ranges: the guided session adjusts a dose only within them (issue 15) ---------------------------------


def check_dose_ranges_fit_the_dosage(records, tables):
    """`dose_range` has a minimum and a maximum for exactly the numbers of the dosage and its frequency, the dosage
    lies inside, and the range inside the builder's wider clinical BOUNDS."""
    from .dosage import adjustable
    from .handout import BOUNDS

    for path, rec in records["exercises"]:
        dose, ranges = adjustable(rec["dosage"]), rec["dose_range"]
        for key in sorted(set(dose) - set(ranges)):
            yield Problem(path.as_posix(), "dose_range", f"has no range for {key!r}; the dosage has it")
        for key in sorted(set(ranges) - set(dose)):
            yield Problem(path.as_posix(), f"dose_range.{key}", "the dosage has no such number; remove it")
        for key in sorted(set(ranges) & set(dose)):
            low, high = ranges[key]["min"], ranges[key]["max"]
            if low > high:
                yield Problem(path.as_posix(), f"dose_range.{key}", f"min {low} is larger than max {high}")
            elif not low <= dose[key] <= high:
                yield Problem(
                    path.as_posix(), f"dose_range.{key}", f"the dosage's {dose[key]} is outside {low} to {high}"
                )
            elif not (BOUNDS[key][0] <= low and high <= BOUNDS[key][1]):
                yield Problem(
                    path.as_posix(),
                    f"dose_range.{key}",
                    f"{low} to {high} goes beyond the builder's bounds, {BOUNDS[key][0]} to {BOUNDS[key][1]}",
                )


RULES.append(check_dose_ranges_fit_the_dosage)


def check_dosage_within_bounds(records, tables):
    """Every number of a dosage (and how often) lies within the builder's clinical BOUNDS, their one owner: the
    schema gives only the type, so the two can never disagree."""
    from .dosage import adjustable
    from .handout import BOUNDS

    for path, rec in records["exercises"]:
        for key, value in adjustable(rec["dosage"]).items():
            low, high = BOUNDS[key]
            if not low <= value <= high:
                field = "dosage.frequency.count" if key.startswith("per_") else f"dosage.{key}"
                yield Problem(path.as_posix(), field, f"{value} is outside {low} to {high} (upperback.handout.BOUNDS)")


RULES.append(check_dosage_within_bounds)


# -- Ids the engine knows by name: phases, regions, warning-sign levels (their owners are in Python) --------------


def check_known_phases(records, tables):
    """content/programme.json lists upperback.content.PHASES, in order; every exercise names one of them."""
    from .content import PHASES

    ids = tuple(p["id"] for p in tables["programme"]["phases"])
    if ids != PHASES:
        yield Problem(
            "content/programme.json", "phases", f"must be {', '.join(PHASES)}, in that order; got {', '.join(ids)}"
        )
    for path, rec in records["exercises"]:
        if rec["phase"] not in PHASES:
            yield Problem(path.as_posix(), "phase", f"unknown phase {rec['phase']!r}; use one of {', '.join(PHASES)}")


def check_known_regions(records, tables):
    """Every check-in names a region of content/taxonomy.json."""
    for path, rec in records["checks"]:
        if rec["region"] not in tables["regions"]:
            yield Problem(
                path.as_posix(), "region", f"unknown region {rec['region']!r}; use a content/taxonomy.json region"
            )


def check_known_levels(records, tables):
    """Every warning sign has a level of upperback.levels.LEVELS."""
    from .levels import LEVELS

    for path, rec in records["red-flags"]:
        if rec["level"] not in LEVELS:
            yield Problem(path.as_posix(), "level", f"unknown level {rec['level']!r}; use one of {', '.join(LEVELS)}")


RULES.extend([check_known_phases, check_known_regions, check_known_levels])


def check_session_rules(records, tables):
    """content/session.json: the pain zones cover 0 to 10 once, in order; the zones it names exist; every number a
    step up raises has a step size; the model's reference is known."""
    file, rules = "content/session.json", tables["session"]
    zones = rules["pain_scale"]["zones"]
    expected = 0
    for i, zone in enumerate(zones):
        if zone["min"] != expected or zone["max"] < zone["min"]:
            yield Problem(file, f"pain_scale.zones[{i}]", f"must start at {expected} and end at or after it")
        expected = zone["max"] + 1
    if expected != 11:
        yield Problem(file, "pain_scale.zones", "the zones must end at 10")
    for field in ("step_up_zone", "step_down_above_zone"):
        if rules[field] not in {z["id"] for z in zones}:
            yield Problem(file, field, f"no pain zone {rules[field]!r}")
    for order in ("raise_order", "lower_order"):
        for key in rules[order]:
            if key not in rules["steps"]:
                yield Problem(file, "steps", f"has no step size for {key!r}, which {order} names")
    if rules["pain_scale"]["reference"] not in tables["references"]:
        yield Problem(file, "pain_scale.reference", f"unknown reference {rules['pain_scale']['reference']!r}")


RULES.append(check_session_rules)


# -- Measured check-ins: numbers map to outcomes by rules in the record (issue 11 item 4) ------------------------


def check_measure_rules(records, tables):
    """A measured check-in's rules name its own outcomes, never one that records harm or a warning sign (those the
    person picks); every rule but the last has a value, the last is 'always'; age figures name known bands; only the
    inclinometer reads itself (hands_free)."""
    from .answers import AGE_BANDS

    for path, rec in records["checks"]:
        measure = rec.get("measure")
        if not measure:
            continue
        where = path.as_posix()
        if measure["min"] >= measure["max"]:
            yield Problem(where, "measure.max", "max must be larger than min")
        if measure["error"] is not None and not measure.get("error_source"):
            yield Problem(where, "measure.error_source", "an error figure needs its source")
        if "hands_free" in measure and measure["tool"] != "inclinometer":
            yield Problem(where, "measure.hands_free", "only the inclinometer reads itself; "
                          f"the {measure['tool']} is tapped by the person")
        outcomes = {o["id"]: o for o in rec["outcomes"]}
        rules = measure.get("rules", [])
        for i, rule in enumerate(rules):
            field = f"measure.rules[{i}]"
            chosen = outcomes.get(rule["outcome"])
            if chosen is None:
                yield Problem(where, f"{field}.outcome", f"no outcome {rule['outcome']!r} in this check-in")
            elif chosen.get("hurt") or chosen.get("nerve_sign") or "raises_flag" in chosen:
                yield Problem(
                    where,
                    f"{field}.outcome",
                    f"{rule['outcome']!r} records harm or a warning sign; a number never picks it: the person does",
                )
            last = i == len(rules) - 1
            if last != (rule["test"] == "always"):
                yield Problem(where, f"{field}.test", "the last rule, and only the last, must be 'always'")
            if (rule["test"] == "always") == ("value" in rule):
                yield Problem(where, f"{field}.value", "'always' takes no value; every other test needs one")
            ages = rule.get("value", {}).get("by_age", {}) if isinstance(rule.get("value"), dict) else {}
            for band in ages:
                if band not in AGE_BANDS:
                    yield Problem(where, f"{field}.value.by_age", f"unknown age band {band!r}")


RULES.append(check_measure_rules)

# -- Weekly re-tailoring and the education series (issue 19) ----------------------------------------------------


def check_retailoring_rules(records, tables):
    """content/retailoring.json and content/outcome-measures.json: one rule for each verdict the engine knows, known
    references, a known warning sign for the see-a-GP advice, known barriers and education pieces; every education
    piece: its id is its file name, its references are known, and no two share a place in the series."""
    file, data = "content/retailoring.json", tables["retailoring"]
    ids = [r["id"] for r in data["rules"]]
    for missing in sorted({"warning-signs-first", "worse", "better", "same", "noise"} - set(ids)):
        yield Problem(file, "rules", f"has no rule {missing!r}; the engine needs one for each verdict")
    if len(ids) != len(set(ids)):
        yield Problem(file, "rules", "a verdict has more than one rule")
    cited = [(f"rules[{i}]", r["references"]) for i, r in enumerate(data["rules"])]
    cited += [(f"barriers[{i}]", b["references"]) for i, b in enumerate(data["barriers"])]
    cited.append(("gp_advice", data["gp_advice"]["references"]))
    for where, refs in cited:
        yield from _unknown_references(file, f"{where}.references", refs, tables, indexed=False)
    if data["gp_advice"]["flag"] not in tables["red_flags"]:
        yield Problem(file, "gp_advice.flag", f"no warning sign {data['gp_advice']['flag']!r} in content/red-flags/")
    barriers = {b["id"] for b in data["barriers"]}
    for i, pick in enumerate(data["education"]["by_week"]):
        if pick["piece"] not in tables["education"]:
            yield Problem(file, f"education.by_week[{i}].piece", f"no piece {pick['piece']!r} in content/education/")
    for barrier, piece in data["education"]["by_barrier"].items():
        if barrier not in barriers:
            yield Problem(file, f"education.by_barrier.{barrier}", "no such barrier in barriers")
        if piece not in tables["education"]:
            yield Problem(file, f"education.by_barrier.{barrier}", f"no piece {piece!r} in content/education/")
    for group in ("used", "left_out"):
        for i, measure in enumerate(tables["outcome_measures"][group]):
            yield from _unknown_references("content/outcome-measures.json", f"{group}[{i}].references",
                                           measure["references"], tables, indexed=False)
    places = {}
    for path, rec in records["education"]:
        if rec["id"] != path.stem:
            yield Problem(
                path.as_posix(), "id", f"is {rec['id']!r} but the file is named {path.name!r}; they must match"
            )
        yield from _unknown_references(path.as_posix(), "evidence.references", rec["evidence"]["references"], tables)
        if rec["order"] in places:
            yield Problem(path.as_posix(), "order", f"{rec['order']} is also the place of {places[rec['order']]!r}")
        places[rec["order"]] = rec["id"]


RULES.append(check_retailoring_rules)

# -- Starting programmes for the builder (issue 16) -----------------------------------------------------------------

LOADS = ("gentle", "moderate", "hard")


def check_template_items_respect_cautions(records, tables):
    """content/templates.json: every item is a known exercise, once, within the template's load and the builder's
    count; a template knows no one's conditions, so no item may be skipped for a condition it cannot rule out (one
    asked about, or on a technique's page), and none may carry any caution on a condition the template names in
    `known`; a template's own doses lie within the exercise's dose_range."""
    from .dosage import adjustable
    from .handout import MAX_ITEMS

    file, exercises, conditions = "content/templates.json", tables["exercise_records"], tables["conditions"]
    unknowable = {c for c, record in conditions.items() if record["asked_as"] != "warning-signs"}
    for t, template in enumerate(tables["templates"]["templates"]):
        where = f"templates[{t}]"
        ids = [item["exercise"] for item in template["items"]]
        if len(ids) > MAX_ITEMS:
            yield Problem(file, f"{where}.items", f"has {len(ids)} techniques; the builder allows {MAX_ITEMS}")
        for known in template["known"]:
            if known not in conditions:
                yield Problem(file, f"{where}.known", f"unknown condition {known!r}")
        for i, item in enumerate(template["items"]):
            at = f"{where}.items[{i}]"
            ex = exercises.get(item["exercise"])
            if ex is None:
                yield Problem(file, at, f"unknown exercise {item['exercise']!r}")
                continue
            if ids.index(item["exercise"]) != i:
                yield Problem(file, at, f"{item['exercise']} is already in this template")
            if LOADS.index(ex["load"]) > LOADS.index(template["load_at_most"]):
                yield Problem(file, at, f"{ex['id']} is {ex['load']}, above the template's {template['load_at_most']}")
            for caution in ex["avoid_if"]:
                if caution["when"] in template["known"]:
                    yield Problem(
                        file,
                        at,
                        f"{ex['id']} has a caution ({caution['action']}) on {caution['when']}, "
                        "which this template is written for",
                    )
                elif caution["action"] == "skip" and caution["when"] in unknowable:
                    yield Problem(
                        file,
                        at,
                        f"{ex['id']} is skipped for {caution['when']}, which a template cannot "
                        "rule out; choose a technique without that caution",
                    )
            dose = adjustable(ex["dosage"])
            for key, value in item.get("dosage", {}).items():
                low, high = ex["dose_range"].get(key, {}).get("min"), ex["dose_range"].get(key, {}).get("max")
                if key not in dose or low is None:
                    yield Problem(file, f"{at}.dosage.{key}", f"{ex['id']}'s dosage has no {key}")
                elif not low <= value <= high:
                    yield Problem(file, f"{at}.dosage.{key}", f"{value} is outside {ex['id']}'s range, {low} to {high}")


RULES.append(check_template_items_respect_cautions)
