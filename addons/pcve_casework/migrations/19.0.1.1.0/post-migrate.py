"""The record rules (noupdate data) give access to current team members, as
``pcve.case.member.is_current`` defines them (end dates count), instead of
active ones."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_rule
           SET domain_force = replace(
                   domain_force, '(''active'', ''='', True)', '(''is_current'', ''='', True)'
               )
         WHERE id IN (
               SELECT res_id FROM ir_model_data
                WHERE module = 'pcve_casework' AND model = 'ir.rule'
         )
        """
    )
