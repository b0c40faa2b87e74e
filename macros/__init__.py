"""mkdocs-macros entry point. Thin on purpose: upperback computes the views, templates/ render them."""
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError

from hooks import pyodide_files  # the site path of the self-hosted Pyodide, for the pages that start the engine
from upperback import (
    browser,
    clinic_summary,
    education,
    handout,
    handout_page,
    levels,
    outcome_measures,
    page_words,
    progress,
    progress_view,
    questions,
    retailor,
    reveal,
    safety_case,
    session_page,
    share,
    storage,
    views,
    weekly,
)
from upperback.content import load
from upperback.validation import validate

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,   # a missing field fails the build instead of rendering empty
    autoescape=True,             # record text is plain text, never HTML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


TEMPLATES.globals["engine_no_reply"] = browser.NO_REPLY
# The fixed words each page script shows (upperback.page_words), rendered into the data-words attribute of its box.
TEMPLATES.globals["page_words"] = page_words.WORDS
# Where the self-hosted Pyodide is published (hooks/pyodide_files.py), for every page that starts the engine.
TEMPLATES.globals["pyodide_path"] = pyodide_files.site_path()
# The fragments that start a plan link and a programme link (upperback.share, upperback.handout), for the scripts.
TEMPLATES.globals["link_prefixes"] = {"plan": share.PREFIX, "programme": handout.PREFIX}
TEMPLATES.globals["recheck"] = progress.recheck_words()  # "two weeks": the re-check interval in words
# Where things are saved and what to say when saving fails (upperback.storage), for docs/javascripts/storage.js. An
# attribute (escaped by the template), not a JSON <script>: Material's instant navigation re-creates each inline
# script of the new page without its type and id, so the JSON would run as code and the page would lose it.
TEMPLATES.globals["storage_names_json"] = json.dumps(storage.names())


def _render(name, **values):
    return TEMPLATES.get_template(name).render(**values)


def define_env(env):
    problems = validate()
    if problems:  # MkDocs prints a PluginError as a plain message and stops the build: no traceback for authors
        raise PluginError(
            "content/ has problems; fix each one (file: field: what is wrong):\n" + "\n".join(map(str, problems))
        )
    content = load()

    env.macro(lambda record_id: _render("exercise.md.j2", ex=views.exercise_view(content, record_id)), "exercise_page")
    env.macro(lambda record_id: _render("check.md.j2", check=views.check_view(content, record_id)), "check_page")
    env.macro(lambda: _render("exercise-index.md.j2", index=views.index_view(content)), "exercise_index")
    env.macro(lambda key: _render("exercise-groups.md.j2", index=views.index_view(content), key=key), "exercise_groups")
    env.macro(lambda: _render("check-index.md.j2", checks=views.checks_view(content)), "check_index")
    env.macro(lambda: _render("phases.md.j2", view=views.phases_view(content)), "phases")
    env.macro(lambda piece_id: _render("education.md.j2", piece=education.page_view(piece_id)), "education_page")
    env.macro(lambda: _render("education-index.md.j2", pieces=education.index_view()), "education_index")
    env.macro(lambda: _render("measures.md.j2", m=outcome_measures.view()), "measures_page")
    env.macro(
        lambda: _render(
            "weekly-page.html.j2",
            scale=retailor.rules()["global_scale"],
            flags=questions()["red_flags"],
            emergency_numbers=reveal.numbers_text("emergency"),
            reveals=reveal.form_reveals(content),
            max_sessions=weekly.MAX_SESSIONS,
        ),
        "weekly_page",
    )
    # with_names: a page without the engine's status box (the home page) needs the storage script's names too
    env.macro(
        lambda root="", with_names=False: _render(
            "weekly-offer.html.j2", root=root, with_names=with_names
        ),
        "weekly_offer",
    )
    asked = [c for c in content.conditions.values() if c["asked_as"] == "question"]
    env.macro(
        lambda: _render(
            "red-flags.md.j2",
            flags=views.red_flags_view(content),
            levels=levels.page_view(),
            calls=reveal.CALLS,
            conditions=asked,
        ),
        "red_flags",
    )
    env.macro(lambda: _render("references.md.j2", references=content.references), "reference_list")
    env.macro(lambda: _render("safety-case.md.j2", case=safety_case.safety_case_view()), "safety_case")
    env.macro(lambda: _render("figure-review.md.j2", figures=views.figures.review(content)), "figure_review")
    env.macro(
        lambda: _render(
            "assessment-form.html.j2",
            q=questions(),
            reveals=reveal.form_reveals(content),
            guides=views.flow_check_guides(content),
        ),
        "assessment_form",
    )
    env.macro(
        lambda: _render(
            "progress-page.html.j2",
            summary_page=clinic_summary.PAGE,
            delete_warning=storage.DELETE_WARNING,
            deleted=storage.DELETED,
            adherence=session_page.adherence_view(),
        ),
        "progress_page",
    )
    env.macro(
        lambda: _render("clinic-summary.html.j2", prefix=clinic_summary.PREFIX),
        "clinic_summary_page",
    )
    env.macro(
        lambda: _render(
            "session-page.html.j2",
            weekly_offer=_render(
                "weekly-offer.html.j2", root="../", with_names=False
            ),
            **session_page.session_view(content),
        ),
        "session_page",
    )
    catalogue = handout.catalogue()
    catalogue_json = json.dumps(catalogue).replace("</", "<\\/")  # safe inside <script type="application/json">
    limits = catalogue["limits"]
    env.macro(
        lambda: _render(
            "programme-builder.html.j2",
            summary_prefix=clinic_summary.PREFIX,
            summary_page=clinic_summary.PAGE,
            index=views.index_view(content),
            catalogue_json=catalogue_json,
            catalogue=catalogue,
            limits=limits,
        ),
        "programme_builder",
    )
    env.macro(
        lambda: _render(
            "patient-view.html.j2",
            limits=limits,
            sheet=handout_page.page_view(content),
        ),
        "patient_view",
    )
    # Figures the hand-written pages (docs/*.md) quote, from their one owner.
    env.variables["emergency_numbers"] = reveal.numbers_text("emergency")
    env.variables["recheck"] = progress.recheck_words()
    env.variables["change"] = {name: t["value"] for name, t in progress.THRESHOLDS.items()}
    env.variables["progress_phase_rule"] = progress_view.PHASE_RULE
    env.variables["counts"] = {
        "exercises": len(content.exercises),
        "checks": len(content.checks),
        "red_flags": len(content.red_flags),
    }
