from . import test_evaluation_security
from . import test_evaluation_review
from . import test_evaluation_workbook
from . import test_evaluation_http
from . import test_evaluation_stat
from . import test_workbook_tools
from . import test_evaluation_demo
from . import test_evaluation_i18n
