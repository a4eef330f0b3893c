from . import models
from . import report
