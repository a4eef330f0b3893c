from . import test_browser
from . import test_access_matrix
from . import test_translations
from . import test_audit_trail
from . import test_bad_input
from . import test_side_doors
from . import test_write_matrix
from . import test_field_conditions
