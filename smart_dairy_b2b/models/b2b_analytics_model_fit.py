"""The BG/NBD + Gamma-Gamma parameters, stored per company (docs/predictive.md).

Fitting reads every customer's history and takes seconds; predicting from given
parameters takes milliseconds. So the fit runs only in the daily cron, at a manager's
request (the settings form, ``get_model_fit(refresh=True)``), once after installation
(the facts' ``_post_init`` makes the cron due) and after the demo or the generator loads
orders; every prediction reads the stored
parameters with today's statistics, within the call (DESIGN.md section 9, "Exact at
every call"). A user's request never fits: a company without a stored fit answers
``method: 'not_fitted'``.
"""

import time

from odoo import _, api, fields, models

BGNBD_PARAMS = ("r", "alpha", "a", "b")
GAMMA_GAMMA_PARAMS = ("p", "q", "v")


class B2bAnalyticsModelFit(models.Model):
    _name = "b2b.analytics.model.fit"
    _description = "B2B Analytics: Stored BG/NBD + Gamma-Gamma Fit"
    _order = "company_id"
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade"
    )
    fitted_on = fields.Date(readonly=True, help="The day whose statistics the fit read.")
    fitted_at = fields.Datetime(readonly=True)
    method = fields.Selection(
        [
            ("bgnbd_gamma_gamma", "BG/NBD + Gamma-Gamma"),
            ("insufficient_data", "Not enough data"),
            ("not_converged", "Did not converge"),
        ],
        required=True,
        readonly=True,
    )
    message = fields.Char(readonly=True, help="Why the model does not predict, if it does not.")
    customers = fields.Integer(readonly=True, help="Customers with orders the fit read.")
    repeat_customers = fields.Integer(readonly=True)
    penalizer = fields.Float(readonly=True, help="L2 penalty the converged fit needed.")
    duration = fields.Float(string="Fit Duration (s)", readonly=True)
    # no digits: double precision columns, the optimiser's floats kept exactly
    bgnbd_r = fields.Float(readonly=True)
    bgnbd_alpha = fields.Float(readonly=True)
    bgnbd_a = fields.Float(readonly=True)
    bgnbd_b = fields.Float(readonly=True)
    bgnbd_log_likelihood = fields.Float(readonly=True)
    gamma_gamma_p = fields.Float(readonly=True)
    gamma_gamma_q = fields.Float(readonly=True)
    gamma_gamma_v = fields.Float(readonly=True)
    gamma_gamma_log_likelihood = fields.Float(readonly=True)

    _sql_constraints = [
        ("company_unique", "UNIQUE(company_id)", "A company has one stored model fit."),
    ]

    # Reading: what every prediction uses ----------------------------------------------

    @api.model
    def _answer(self, company):
        """The stored fit of ``company`` as the predictions use it (and as
        ``get_model_fit`` shows it): ``method`` and, fitted, the ``bgnbd`` and
        ``gamma_gamma`` parameters; ``not_fitted`` when nothing is stored."""
        fit = self.search([("company_id", "=", company.id)], limit=1)
        if not fit:
            return {
                "method": "not_fitted",
                "message": _(
                    "The model has not been fitted for %(company)s yet: it is refitted "
                    "daily, and a B2B Analytics manager can refit it now from the "
                    "analytics settings.",
                    company=company.name,
                ),
            }
        answer = {
            "method": fit.method,
            "customers": fit.customers,
            "repeat_customers": fit.repeat_customers,
            "fitted_on": fields.Date.to_string(fit.fitted_on),
        }
        if fit.method != "bgnbd_gamma_gamma":
            return dict(answer, message=fit.message)
        return dict(
            answer,
            bgnbd=dict(
                {name: fit[f"bgnbd_{name}"] for name in BGNBD_PARAMS},
                converged=True,
                log_likelihood=fit.bgnbd_log_likelihood,
            ),
            gamma_gamma=dict(
                {name: fit[f"gamma_gamma_{name}"] for name in GAMMA_GAMMA_PARAMS},
                converged=True,
                log_likelihood=fit.gamma_gamma_log_likelihood,
            ),
            penalizer=fit.penalizer,
            converged=True,
        )

    # Fitting: the cron, a manager, installation and bulk loads ----------------------

    @api.model
    def _refit(self, companies):
        """Fit each company's model on all its B2B customers as of today and store the
        parameters; written as the caller (the record rules keep a manager to their
        companies)."""
        for company in companies:
            started = time.monotonic()
            fit = (
                self.env["b2b.analytics.predictive"]
                .sudo()  # the whole company's population, whoever asks
                .with_company(company)
                .with_context(allowed_company_ids=company.ids)
                ._fit_model()
            )
            values = self._stored_values(fit, time.monotonic() - started)
            stored = self.search([("company_id", "=", company.id)], limit=1)
            if stored:
                stored.write(values)
            else:
                self.create(dict(values, company_id=company.id))

    @api.model
    def _stored_values(self, fit, duration):
        bgnbd, gamma_gamma = fit.get("bgnbd", {}), fit.get("gamma_gamma", {})
        values = {
            "method": fit["method"],
            "message": fit.get("message") or False,
            "fitted_on": fit["fitted_on"],
            "fitted_at": fields.Datetime.now(),
            "customers": fit["customers"],
            "repeat_customers": fit["repeat_customers"],
            "penalizer": fit.get("penalizer", 0.0),
            "duration": duration,
            "bgnbd_log_likelihood": bgnbd.get("log_likelihood", 0.0),
            "gamma_gamma_log_likelihood": gamma_gamma.get("log_likelihood", 0.0),
        }
        values.update({f"bgnbd_{name}": bgnbd.get(name, 0.0) for name in BGNBD_PARAMS})
        values.update(
            {f"gamma_gamma_{name}": gamma_gamma.get(name, 0.0) for name in GAMMA_GAMMA_PARAMS}
        )
        return values

    @api.model
    def _cron_refit(self):
        """The daily refit of every company; the log of the facts' changes pruned."""
        self._refit(self.env["res.company"].sudo().search([], order="id"))
        self.env["b2b.sale.facts"]._prune_changes()
