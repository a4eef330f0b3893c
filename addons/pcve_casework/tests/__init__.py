from . import test_casework_security
