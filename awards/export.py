"""Danh sách đề nghị khen thưởng as an Excel workbook (openpyxl, write-only: rows
go to the file as they are read, so twenty thousand of them take a second or two)."""

import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from awards.models import Gender, NominationState, NomineeKind

HEADERS = ["STT", "Họ tên / Tập thể", "Đối tượng", "Giới tính", "Chức vụ", "Đơn vị công tác", "Đơn vị đề nghị",
           "Hình thức khen thưởng", "Trạng thái", "Ngày nộp", "Lần nộp"]
WIDTHS = [6, 38, 12, 10, 22, 34, 34, 36, 22, 12, 8]
# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS, GENDERS, STATES = dict(NomineeKind.choices), dict(Gender.choices), dict(NominationState.choices)


def _values(row) -> list:
    """One dossier (a row of ``selectors.EXPORT_FIELDS``) as the sheet's columns, without the number."""
    collective = row.kind == NomineeKind.COLLECTIVE and row.nominee_unit__name
    return [
        row.nominee_unit__name if collective else row.person_name, str(KINDS.get(row.kind, "")),
        str(GENDERS.get(row.person_gender, "")), row.person_position, row.person_unit__name or "",
        row.nominating_unit__name, row.quota__printed_name or row.quota__award_type__name,
        str(STATES.get(row.state, "")), row.submitted_at.date() if row.submitted_at else None, row.round,
    ]


def _cell(sheet, value):
    """A plain value stays a value (a cell object per value doubles the export's time)."""
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    # Names and positions are typed by people: show them exactly, never run them.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def nominations_workbook(plan, rows, output) -> None:
    """Write the workbook of ``rows`` (from ``selectors.plan_nomination_rows``) to the file ``output``."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách đề nghị")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"
    title = WriteOnlyCell(sheet, value=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — Kế hoạch số {plan.number_symbol} của "
                                       f"{plan.issuer.name}")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    sheet.merged_cells.add(f"A1:{get_column_letter(len(HEADERS))}1")
    thin = Side(style="thin")
    headers = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        headers.append(cell)
    sheet.append(headers)
    for number, row in enumerate(rows, start=1):
        cells = [number, *(_cell(sheet, value) for value in _values(row))]
        cells[9] = WriteOnlyCell(sheet, value=cells[9])
        cells[9].number_format = "DD/MM/YYYY"
        sheet.append(cells)
    book.save(output)


def nominations_workbook_file(plan, rows):
    """The workbook in a temporary file (deleted on close), ready to be streamed."""
    output = tempfile.TemporaryFile()
    nominations_workbook(plan, rows, output)
    output.seek(0)
    return output
