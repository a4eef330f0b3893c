from . import auditlog_rule
from . import auditlog_log
from . import auditlog_log_line
from . import auditlog_log_line_view
from . import res_company
from . import res_config_settings
