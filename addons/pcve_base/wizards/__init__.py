from . import pcve_language_wizard
