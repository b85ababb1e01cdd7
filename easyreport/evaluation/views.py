"""The coordinator's evaluation page and its CSV and ODS export (thin: parse filters, build, render)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from easyreport.auth import role_required
from easyreport.briefing.routing import UNIT_LABELS
from easyreport.briefing.routing import Unit as RouteUnit
from easyreport.briefing.rules_data import RULES
from easyreport.briefing.sheet import GOAL_LABELS, Goal
from easyreport.catalogue_lookup import gettext as _
from easyreport.evaluation import charts, export
from easyreport.evaluation import service as evaluation
from easyreport.evaluation.filters import FilterProblem, parse_filters
from easyreport.evaluation.tally import ALL_UNITS, COUNTS, MIN_CELL, NONE, Report, Table
from easyreport.extensions import db
from easyreport.feedback import client_questions
from easyreport.roles import Role
from easyreport.sharing.unit_names import unit_name
from easyreport.timeutil import utcnow
from easyreport.translatable import N_

bp = Blueprint("evaluation", __name__, url_prefix="/coordinator")

_RULE_TEXT = {rule.id: rule.text for rule in RULES}
_FILTER_PROBLEMS = {
    FilterProblem.BAD_MONTH: N_("Enter a month as year and month, for example 2026-03."),
    FilterProblem.REVERSED: N_("The last month is before the first month. Swap them."),
    FilterProblem.TOO_LONG: N_("Choose a period of at most 60 months."),
    FilterProblem.UNKNOWN_UNIT: N_("This unit does not exist. Choose a unit from the list."),
}


def fewer_than() -> str:
    """The words shown instead of a figure built from fewer than 5 preparations."""
    return _("fewer than %(n)s", n=MIN_CELL)


def _metric_labels() -> dict[str, str]:
    return {
        "preparations": _("Preparations started"),
        "consented": _("With consent"),
        "shared": _("Shared with the police"),
        "read_before": _("Sheet read before the interview"),
        "interviewed": _("Interview date known"),
        "goal": _("Goal chosen"),
        "route": _("Route chosen"),
        "days_to_interview": _("Days from preparation to interview"),
        "rules_top": _("Recommendations found helpful most often"),
        "rules_bottom": _("Recommendations found helpful least often"),
        "applied": _("Applied"),
        "helped": _("Helped"),
        "count": _("Preparations"),
        "total": _("Total"),
    }


def category_label(metric: str, category: str) -> str:
    """A category of a distribution in words."""
    if category == NONE:
        return _("Not chosen")
    if metric == "goal" and category in set(Goal):
        return _(GOAL_LABELS[Goal(category)])
    if metric == "route" and category in set(RouteUnit):
        return _(UNIT_LABELS[RouteUnit(category)])
    if metric == "days_to_interview":
        return _("%(range)s days", range=category)
    if metric.startswith("rules") and category in _RULE_TEXT:
        return _(_RULE_TEXT[category])
    if metric.startswith("client:"):
        question = client_questions.question(metric[len("client:") :])
        chosen = question.option(category) if question is not None else None
        if chosen is not None:
            return _(chosen.text)
    return category


def _shown(value: int | None) -> str | int:
    return fewer_than() if value is None else value


def _tables(report: Report) -> list[dict[str, Any]]:
    """Every table of the report in words, each with its chart."""
    labels = _metric_labels()
    result = []
    trend_rows = [
        (labels["total"] if month == "total" else month, [_shown(v) for v in values])
        for month, values in report.trend.rows
    ]
    months = [month for month, _values in report.trend.rows if month != "total"]
    series = [
        (labels[metric], [values[index] for month, values in report.trend.rows if month != "total"])
        for index, metric in enumerate(COUNTS)
    ]
    result.append(
        {
            "key": "trend",
            "stacked": True,
            "title": _("Per month"),
            "header": [_("Month"), *[labels[m] for m in COUNTS]],
            "rows": trend_rows,
            "chart": Markup(  # noqa: S704 - built by charts._clean from our own figures and labels only
                charts.line_chart(
                    "chart-trend",
                    _("Per month"),
                    _("Line chart of the figures per month. The table next to it holds the same figures."),
                    months,
                    series,
                )
            ),
        }
    )
    for table in (*report.distributions, report.rules_top, report.rules_bottom):
        result.append(_simple(table, labels))
    for table in report.client:
        question = client_questions.question(table.key[len("client:") :])
        if question is not None:
            title = _("The client: %(question)s", question=_(question.text))
            result.append(_simple(table, {**labels, table.key: title}))
    return result


def _simple(table: Table, labels: dict[str, str]) -> dict[str, Any]:
    metric = table.key
    title = labels.get(metric, metric)
    names = [category_label(metric, category) for category, _values in table.rows]
    chart_labels = names
    if metric.startswith("rules"):
        # Recommendations are whole sentences: the chart numbers them, the table says them in full.
        names = [f"{index}. {name}" for index, name in enumerate(names, start=1)]
        chart_labels = [str(index) for index in range(1, len(names) + 1)]
    rows = [(name, [_shown(v) for v in values]) for name, (_c, values) in zip(names, table.rows, strict=True)]
    chart = ""
    if table.rows and not table.empty:
        chart = Markup(  # noqa: S704 - our own figures and labels, escaped by ElementTree
            charts.bar_chart(
                f"chart-{metric.replace(':', '-')}",
                title,
                _("Bar chart. The table next to it holds the same figures."),
                chart_labels,
                [values[-1] for _c, values in table.rows],
            )
        )
    return {
        "key": metric.replace(":", "-"),
        "title": title,
        "header": [_("What"), *[labels.get(column, column) for column in table.columns]],
        "rows": rows,
        "chart": chart,
    }


def _filters() -> tuple[Any, str, dict[str, str], dict[str, str]]:
    units = evaluation.unit_keys(db.session)
    period, unit, problems = parse_filters(
        request.args.get("from"),
        request.args.get("to"),
        request.args.get("unit"),
        set(units),
        utcnow().date(),
    )
    return period, unit, {field: _(_FILTER_PROBLEMS[p]) for field, p in problems.items()}, units


@bp.route("/")
@bp.route("/evaluation")
@role_required(Role.COORDINATOR)
def home() -> tuple[str, int] | str:
    """Counts and trends per month, every figure of at least 5 preparations; no client is ever shown."""
    period, unit, errors, units = _filters()
    unit_options = [(ALL_UNITS, _("All units"))] + [
        (key, _unit_label(key, name)) for key, name in units.items()
    ]
    values = {
        "from": request.args.get("from", period.first),
        "to": request.args.get("to", period.last),
        "unit": request.args.get("unit", unit),
    }
    if errors:
        return render_template(
            "evaluation/home.html",
            errors=errors,
            values=values,
            unit_options=unit_options,
            tables=[],
            report=None,
        ), 400
    report = evaluation.report(db.session, period, unit)
    return render_template(
        "evaluation/home.html",
        errors={},
        values=values,
        unit_options=unit_options,
        tables=_tables(report) if report.total_preparations is not None else [],
        report=report,
        fewer=fewer_than(),
        query={"from": period.first, "to": period.last, "unit": unit},
    )


def _unit_label(key: str, name: str) -> str:
    from easyreport.sharing.models import Unit

    return unit_name(Unit(key=key, name=name))


@bp.route("/evaluation/export.<fmt>")
@role_required(Role.COORDINATOR)
def export_tables(fmt: str) -> Response | BaseResponse:
    """The page's tables as CSV or ODS, with the same suppressed figures."""
    period, unit, errors, _units = _filters()
    if fmt not in {"csv", "ods"}:
        flash(_("Choose CSV or ODS."), "error")
        return redirect(url_for("evaluation.home"))
    if errors:
        for message in errors.values():
            flash(message, "error")
        return redirect(url_for("evaluation.home"))
    report = evaluation.report(db.session, period, unit)
    if report.total_preparations is None:
        flash(
            _(
                "There are fewer than %(n)s preparations in this period, so there is nothing to export.",
                n=MIN_CELL,
            ),
            "error",
        )
        return redirect(url_for("evaluation.home", **{"from": period.first, "to": period.last, "unit": unit}))
    sheets = [
        export.Sheet(t["title"], t["header"], [[name, *cells] for name, cells in t["rows"]])
        for t in _tables(report)
    ]
    name = f"evaluation-{period.first}-{period.last}"
    if fmt == "csv":
        return Response(
            export.to_csv(sheets),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        export.to_ods(sheets),
        mimetype="application/vnd.oasis.opendocument.spreadsheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.ods"'},
    )
