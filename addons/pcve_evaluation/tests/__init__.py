from . import test_evaluation_security
from . import test_evaluation_review
