from . import pcve_concern_close_wizard
from . import pcve_safespace_send_wizard
from . import pcve_site_incident_report_wizard
