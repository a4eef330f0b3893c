from . import test_browser
from . import test_access_matrix
from . import test_translations
from . import test_audit_trail
