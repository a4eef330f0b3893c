from . import pcve_site_incident_annual_report
