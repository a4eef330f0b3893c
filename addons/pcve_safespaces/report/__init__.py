from . import pcve_site_incident_annual_report
from . import pcve_safespace_feedback_sheet
