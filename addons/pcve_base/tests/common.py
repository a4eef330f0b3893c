"""Test helpers shared by the suite's addons."""


def load_languages(env, modules, codes):
    """Activate the languages ``codes`` and load the translations of
    ``modules`` in them, as installing a language does."""
    for code in codes:
        env["res.lang"]._activate_lang(code)
    env["ir.module.module"]._load_module_terms(modules, list(codes), overwrite=True)
