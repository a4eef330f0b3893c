from . import evaluation_workbook
from . import evaluation_workbook_figures
from . import evaluation_workbook_sheets
