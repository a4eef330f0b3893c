from . import evaluation_workbook
