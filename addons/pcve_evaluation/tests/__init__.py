from . import test_evaluation_security
