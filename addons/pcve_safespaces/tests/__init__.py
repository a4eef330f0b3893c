from . import test_safespaces_security
