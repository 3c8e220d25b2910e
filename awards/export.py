"""Danh sách đề nghị khen thưởng as an Excel workbook (openpyxl)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HEADERS = ["STT", "Họ tên / Tập thể", "Đối tượng", "Giới tính", "Chức vụ", "Đơn vị công tác", "Đơn vị đề nghị",
           "Hình thức khen thưởng", "Trạng thái", "Ngày nộp", "Lần nộp"]
WIDTHS = [6, 38, 12, 10, 22, 34, 34, 36, 22, 12, 8]
# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(row) -> None:
    """Names and positions are typed by people: show them exactly, never run them."""
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True


def nominations_workbook(plan, nominations) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách đề nghị"
    sheet.append([f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — Kế hoạch số {plan.number_symbol} của {plan.issuer.name}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADERS)
    thin = Side(style="thin")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        cell = sheet.cell(row=2, column=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for number, nomination in enumerate(nominations, start=1):
        sheet.append([
            number, nomination.nominee_name, nomination.get_kind_display(), nomination.get_person_gender_display(),
            nomination.person_position, nomination.person_unit.name if nomination.person_unit else "",
            nomination.nominating_unit.name, nomination.quota.name, nomination.get_state_display(),
            nomination.submitted_at.date() if nomination.submitted_at else None, nomination.round,
        ])
        # sheet.cell() finds one cell; sheet[row] would scan every cell of the sheet, row after row.
        _as_text(sheet.cell(row=number + 2, column=column) for column in range(1, len(HEADERS) + 1))
        sheet.cell(row=number + 2, column=10).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A3"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
