"""Questionnaire exports written to the layouts of the platforms researchers use (Qualtrics,
REDCap, LimeSurvey, SurveyXact), and the aggregated survey results made from them.

An export has one row per respondent: a response id or a timestamp per row and mostly
categorical answers. The summary tables have one row per question and answer category.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path

from tests.corpus_real.labels import MICRODATA, SMALL_CELL, clean, risk

TOOL = "survey platform layout"
EXECUTABLES: tuple[str, ...] = ()

LABELS = (
    risk(
        "qualtrics_export.csv",
        "Qualtrics 'Export data' csv: three header rows (ids, question text, ImportId JSON), "
        "then one row per respondent with StartDate, EndDate, IPAddress, ResponseId, location "
        "and Likert answers",
        MICRODATA,
    ),
    risk(
        "qualtrics_export_anonymised.csv",
        "Qualtrics export with 'anonymize responses' (no IP address or location): still one "
        "row per respondent with start and end times and answers",
        MICRODATA,
    ),
    risk(
        "redcap_export.csv",
        "REDCap raw export: record_id, redcap_event_name, a survey timestamp per row, age, "
        "sex and answers as codes 1-5",
        MICRODATA,
    ),
    risk(
        "limesurvey_export.csv",
        "LimeSurvey response export: Response ID, Date submitted, Last page, Start language, "
        "Seed, answers in words",
        MICRODATA,
    ),
    risk(
        "surveyxact_export.xlsx",
        "SurveyXact dataset export (Danish): respondent id, status, start and end time, "
        "answers in words and income bands",
        MICRODATA,
    ),
    clean(
        "survey_summary.csv",
        "aggregated answers: question x answer category with the number of respondents "
        "(all >= 5) and the percentage",
    ),
    clean(
        "survey_summary.xlsx",
        "the aggregated answers as a sheet per question with n and percent, all n >= 5",
    ),
    risk(
        "survey_summary_small.csv",
        "aggregated answers where one answer category was chosen by 2 respondents",
        SMALL_CELL,
    ),
)

LIKERT_EN = (
    "Strongly disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Strongly agree",
)
LIKERT_DK = (
    "Helt uenig",
    "Overvejende uenig",
    "Hverken enig eller uenig",
    "Overvejende enig",
    "Helt enig",
)
QUESTIONS = (
    "I feel safe in my neighbourhood",
    "I trust the local authorities",
    "Public transport meets my needs",
    "I would recommend my municipality",
)


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _qualtrics(rng: random.Random, n: int, anonymised: bool) -> str:
    fixed = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
        "DistributionChannel",
        "UserLanguage",
    ]
    if anonymised:
        fixed = [
            c for c in fixed if c not in ("IPAddress", "LocationLatitude", "LocationLongitude")
        ]
    questions = [f"Q1_{i}" for i in range(1, 5)] + ["Q2", "Q3", "Q4"]
    texts = [f"How much do you agree? - {q}" for q in QUESTIONS] + [
        "What is your age?",
        "What is your gender?",
        "Anything else you would like to add?",
    ]
    rows: list[list[object]] = [
        fixed + questions,
        fixed + texts,
        [json.dumps({"ImportId": c}) for c in fixed + questions],
    ]
    start = dt.datetime(2024, 2, 5, 7, 0, 0)
    for number in range(n):
        begun = start + dt.timedelta(seconds=rng.randint(0, 20 * 86400))
        took = rng.randint(95, 1400)
        record = {
            "StartDate": begun.strftime("%Y-%m-%d %H:%M:%S"),
            "EndDate": (begun + dt.timedelta(seconds=took)).strftime("%Y-%m-%d %H:%M:%S"),
            "Status": "IP Address" if not anonymised else "Anonymous",
            "IPAddress": f"{rng.choice((87, 93, 130, 188))}.{rng.randint(0, 255)}."
            f"{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "Progress": 100,
            "Duration (in seconds)": took,
            "Finished": "True",
            "RecordedDate": (begun + dt.timedelta(seconds=took + 1)).strftime("%Y-%m-%d %H:%M:%S"),
            "ResponseId": "R_"
            + "".join(
                rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ123456789")
                for _ in range(15)
            ),
            "RecipientLastName": "",
            "RecipientFirstName": "",
            "RecipientEmail": "",
            "ExternalReference": "",
            "LocationLatitude": f"{rng.uniform(54.8, 57.7):.4f}",
            "LocationLongitude": f"{rng.uniform(8.1, 12.6):.4f}",
            "DistributionChannel": "anonymous",
            "UserLanguage": "EN",
        }
        answers = [rng.choice(LIKERT_EN) for _ in range(4)]
        answers += [
            rng.choice(("18-24", "25-34", "35-44", "45-54", "55-64", "65 or older")),
            rng.choice(("Male", "Female", "Non-binary / third gender", "Prefer not to say")),
            rng.choice(("", "", "", "More bike lanes please", "No")),
        ]
        rows.append([record[c] for c in fixed] + answers)
        del number
    return _csv(rows)


def _redcap(rng: random.Random, n: int) -> str:
    header = (
        [
            "record_id",
            "redcap_event_name",
            "redcap_survey_identifier",
            "baseline_survey_timestamp",
            "age",
            "sex",
        ]
        + [f"q{i}" for i in range(1, 11)]
        + ["baseline_survey_complete"]
    )
    rows: list[list[object]] = [header]
    start = dt.datetime(2023, 9, 1, 8, 0)
    for record in range(1, n + 1):
        when = start + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 90))
        rows.append(
            [
                record,
                "baseline_arm_1",
                "",
                when.strftime("%Y-%m-%d %H:%M:%S"),
                rng.randint(18, 79),
                rng.choice((1, 2)),
            ]
            + [rng.randint(1, 5) for _ in range(10)]
            + [2]
        )
    return _csv(rows)


def _limesurvey(rng: random.Random, n: int) -> str:
    header = (
        [
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
            "Date started",
            "Date last action",
        ]
        + [
            f"How satisfied are you with [{topic}]?"
            for topic in ("the waiting time", "the staff", "the information you received")
        ]
        + ["Your age group", "Your highest education"]
    )
    rows: list[list[object]] = [header]
    start = dt.datetime(2024, 1, 8, 9, 0)
    for response in range(1, n + 1):
        begun = start + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 30))
        done = begun + dt.timedelta(seconds=rng.randint(120, 900))
        rows.append(
            [
                response,
                done.strftime("%Y-%m-%d %H:%M:%S"),
                3,
                "en",
                rng.randint(100000000, 2000000000),
                begun.strftime("%Y-%m-%d %H:%M:%S"),
                done.strftime("%Y-%m-%d %H:%M:%S"),
            ]
            + [
                rng.choice(
                    ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied")
                )
                for _ in range(3)
            ]
            + [
                rng.choice(("18-29", "30-49", "50-69", "70+")),
                rng.choice(
                    (
                        "Primary",
                        "Upper secondary",
                        "Vocational",
                        "Short higher",
                        "Bachelor",
                        "Master or higher",
                    )
                ),
            ]
        )
    return _csv(rows)


def _surveyxact(rng: random.Random, n: int, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Dataset"
    sheet.append(
        [
            "respondent",
            "statusKode",
            "startTid",
            "slutTid",
            "s_1",
            "s_2",
            "s_3",
            "koen",
            "alder_grp",
            "indkomst",
        ]
    )
    start = dt.datetime(2024, 4, 2, 8, 0)
    for respondent in range(n):
        begun = start + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 21))
        sheet.append(
            [
                5_400_000 + respondent * 13,
                2,
                begun,
                begun + dt.timedelta(minutes=rng.randint(3, 25)),
            ]
            + [rng.choice(LIKERT_DK) for _ in range(3)]
            + [
                rng.choice(("Mand", "Kvinde")),
                rng.choice(("18-29 år", "30-49 år", "50-66 år", "67 år og derover")),
                rng.choice(
                    (
                        "Under 300.000 kr.",
                        "300.000-499.999 kr.",
                        "500.000-799.999 kr.",
                        "800.000 kr. eller mere",
                    )
                ),
            ]
        )
    book.save(path)


def _summary(rng: random.Random, small: bool) -> list[list[object]]:
    rows: list[list[object]] = [["question", "answer", "n", "percent"]]
    for q_number, question in enumerate(QUESTIONS):
        counts = [rng.randint(5, 140) for _ in LIKERT_EN]
        if small and q_number == 2:
            counts[0] = 2
        total = sum(counts)
        for answer, count in zip(LIKERT_EN, counts, strict=True):
            rows.append([question, answer, count, round(100 * count / total, 1)])
        rows.append([question, "Total", total, 100.0])
    return rows


def write(folder: Path) -> None:
    rng = random.Random(404)
    (folder / "qualtrics_export.csv").write_text(_qualtrics(rng, 180, False), encoding="utf-8-sig")
    (folder / "qualtrics_export_anonymised.csv").write_text(
        _qualtrics(rng, 150, True), encoding="utf-8-sig"
    )
    (folder / "redcap_export.csv").write_text(_redcap(rng, 220), encoding="utf-8")
    (folder / "limesurvey_export.csv").write_text(_limesurvey(rng, 160), encoding="utf-8")
    _surveyxact(rng, 200, folder / "surveyxact_export.xlsx")
    summary = _summary(rng, False)
    (folder / "survey_summary.csv").write_text(_csv(summary), encoding="utf-8")
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for index, question in enumerate(QUESTIONS, 1):
        sheet = book.create_sheet(f"Q{index}")
        sheet.append([question])
        sheet.append([])
        sheet.append(["Svar", "n", "%"])
        for row in summary[1:]:
            if row[0] == question:
                sheet.append(row[1:])
    book.save(folder / "survey_summary.xlsx")
    (folder / "survey_summary_small.csv").write_text(_csv(_summary(rng, True)), encoding="utf-8")
