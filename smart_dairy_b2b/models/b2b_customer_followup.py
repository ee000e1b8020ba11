"""Work for people (docs/definitions.md, *Action*): once a day each customer that became
overdue or high churn risk gets one *To Do* activity for the person who can win it back,
and a follow-up record that is closed (won back within 30 days, or later) when the
customer orders again."""

from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models

from .. import vocabulary
from ..engine import churn as churn_rule
from ..engine import rhythm as rhythm_rule

WON_BACK_DAYS = 30


class B2bCustomerFollowup(models.Model):
    _name = "b2b.customer.followup"
    _inherit = "b2b.analytics.scope"  # a user reads the follow-ups of the customers they see
    _description = "B2B Customer Follow-up"
    _order = "opened_on desc, id desc"
    _rec_name = "customer_id"

    customer_id = fields.Many2one(
        "b2b.customer", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="customer_id.company_id", store=True)
    reason = fields.Selection(
        vocabulary.selection(vocabulary.FOLLOWUP_REASONS), required=True, readonly=True
    )
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True, index=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    opened_on = fields.Date(required=True, readonly=True, index=True)
    last_order_date = fields.Date(
        string="Last Order Before", readonly=True, help="The customer's last order day when opened."
    )
    revenue_at_stake = fields.Monetary(
        readonly=True,
        help="Overdue: the usual order day's revenue times the order days missed. High churn "
        "risk: the customer's revenue of the last 12 months.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    closed_on = fields.Date(readonly=True, help="The day the customer ordered again.")
    state = fields.Selection(
        [("open", "Open"), ("won_back", "Won Back"), ("returned_late", "Returned Later")],
        default="open",
        required=True,
        readonly=True,
        index=True,
    )

    # Opening ---------------------------------------------------------------------

    @api.model
    def _cron_open_followups(self):
        """The daily job: a follow-up and its activity for each customer of each company
        that became overdue or high churn risk; returns the follow-ups opened."""
        opened = self.browse()
        for company in self.env["res.company"].sudo().search([]):
            opened |= (
                self.with_company(company)
                .with_context(allowed_company_ids=company.ids)
                ._open_followups()
            )
        return opened.with_env(self.env)

    def _open_followups(self):
        """Open the current company's follow-ups due today; returns them. A customer
        gets none for a reason it already has one for since its last order: never two
        while one is open, and one per lapse."""
        analytics = self.env["b2b.analytics.service"].sudo()
        today = analytics._today()
        due = self._reasons_due(analytics, today)
        if not due:
            return self.browse()
        self.flush_model()
        self.env.cr.execute(
            """SELECT customer_id, reason, MAX(opened_on), bool_or(state = 'open')
                 FROM b2b_customer_followup
                WHERE customer_id = ANY(%s)
                GROUP BY customer_id, reason""",
            [list({customer_id for customer_id, _reason in due})],
        )
        known = {
            (cid, reason): (opened, is_open)
            for cid, reason, opened, is_open in self.env.cr.fetchall()
        }
        vals_list = []
        for key, facts in due.items():
            opened, is_open = known.get(key, (None, False))
            if is_open or (opened and opened >= facts["last_order_date"]):
                continue
            vals_list.append(facts)
        return self._create_with_activities(vals_list, analytics._rhythms(today), today)

    def _reasons_due(self, analytics, today):
        """``{(customer_id, reason): values}`` of the approved customers overdue today or
        at high churn risk with an order in the rhythm window (older losses are no
        longer a call to make)."""
        due = {}
        for row in analytics._overdue_rows(today):
            due[(row["customer_id"], "overdue")] = {
                "customer_id": row["customer_id"],
                "reason": "overdue",
                "last_order_date": row["last_order_date"],
                "revenue_at_stake": row["revenue_at_stake"],
                "rhythm": row,
            }
        recent = (today - rhythm_rule.window_start(today)).days
        high = [
            row
            for row in analytics._churn_rows()
            if row["risk"] == churn_rule.HIGH and row["days_since_last_order"] <= recent
        ]
        customers = self.env["b2b.customer"].sudo().browse([row["customer_id"] for row in high])
        approved = set(customers.filtered(lambda c: c.state == "approved" and c.active).ids)
        for row in high:
            if row["customer_id"] in approved:
                due[(row["customer_id"], "churn_risk")] = {
                    "customer_id": row["customer_id"],
                    "reason": "churn_risk",
                    "last_order_date": today - timedelta(days=row["days_since_last_order"]),
                    "revenue_at_stake": row["revenue_12m"],
                    "churn": row,
                }
        return due

    def _create_with_activities(self, vals_list, rhythms, today):
        """One follow-up and one To Do activity per entry of ``vals_list``, for the
        customer's account manager (else its sales team's manager, else a B2B manager)."""
        followups = self.browse()
        weekdays = vocabulary.labels(self.env, vocabulary.WEEKDAYS)
        # the daily e-mail is the digest: no e-mail per activity on top of it
        Customer = self.env["b2b.customer"].sudo().with_context(mail_activity_quick_update=True)
        for vals in vals_list:
            customer = Customer.browse(vals["customer_id"])
            user = self._assignee(customer)
            rhythm = rhythms.get(customer.id)
            activity = customer.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self._summary(vals, customer),
                note=self._note(vals, rhythm, customer, weekdays),
                user_id=user.id,
            )
            followups |= self.sudo().create(
                {
                    "customer_id": customer.id,
                    "reason": vals["reason"],
                    "user_id": user.id,
                    "activity_id": activity.id,
                    "opened_on": today,
                    "last_order_date": vals["last_order_date"],
                    "revenue_at_stake": vals["revenue_at_stake"],
                }
            )
        return followups

    def _assignee(self, customer):
        """Who can win the customer back: its account manager, else the manager of its
        contact's sales team, else the first B2B Analytics manager of its company."""
        for user in (customer.user_id, customer.partner_id.team_id.user_id):
            if user and user.active and not user.share:
                return user
        managers = (
            self.env.ref("smart_dairy_b2b.group_b2b_manager")
            .sudo()
            .users.filtered(
                lambda u: u.active and not u.share and customer.company_id in u.company_ids
            )
        )
        # the superuser is a technical account, not a person to give work to
        people = managers.filtered(lambda u: u.id != self.env.ref("base.user_root").id)
        return (people or managers).sorted("id")[:1] or self.env.ref("base.user_admin")

    def _summary(self, vals, customer):
        if vals["reason"] == "overdue":
            return _("%(customer)s has missed its usual order", customer=customer.name)
        return _("%(customer)s is at high risk of leaving", customer=customer.name)

    def _note(self, vals, rhythm, customer, weekdays):
        """Why, the usual rhythm, the last order and what is at stake, for the activity."""
        money = customer.company_id.currency_id.format
        if vals["reason"] == "overdue":
            why = _(
                "Overdue: the next order was due on %(due)s, %(days)s days ago.",
                due=rhythm["due_date"],
                days=rhythm["days_overdue"],
            )
        else:
            churn = vals["churn"]
            why = _(
                "High churn risk: no order for %(days)s days.", days=churn["days_since_last_order"]
            )
        if rhythm:
            usual = _(
                "Usual rhythm: an order every %(gap)s days, mostly on %(weekdays)s.",
                gap=f"{rhythm['usual_gap_days']:g}",
                weekdays=", ".join(weekdays[day] for day in rhythm["usual_weekdays"]) or "-",
            )
        else:
            usual = _("Usual rhythm: none (fewer than 3 order days in 180 days).")
        last = _("Last order: %(date)s.", date=vals["last_order_date"])
        stake = (
            _(
                "At stake: %(amount)s (the usual order day's revenue times the order days missed).",
                amount=money(vals["revenue_at_stake"]),
            )
            if vals["reason"] == "overdue"
            else _(
                "At stake: %(amount)s of revenue in the last 12 months.",
                amount=money(vals["churn"]["revenue_12m"]),
            )
        )
        return Markup("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul>") % (
            why,
            usual,
            last,
            stake,
        )

    # Counting --------------------------------------------------------------------

    @api.model
    def _counts_by_manager(self, start, end):
        """``{account manager id or None: (opened, won back)}``: the follow-ups of the
        visible customers opened in [start, end] and those won back in it, by the
        customer's current account manager."""
        counts = {}
        domain = [("company_id", "in", self.env.companies.ids)]
        opened = self.search(domain + [("opened_on", ">=", start), ("opened_on", "<=", end)])
        won = self.search(
            domain
            + [("state", "=", "won_back"), ("closed_on", ">=", start), ("closed_on", "<=", end)]
        )
        for followups, index in ((opened, 0), (won, 1)):
            for followup in followups.sudo():
                key = followup.customer_id.user_id.id or None
                pair = counts.setdefault(key, [0, 0])
                pair[index] += 1
        return {key: tuple(pair) for key, pair in counts.items()}

    # Closing ---------------------------------------------------------------------

    @api.model
    def _close_for_customers(self, customers):
        """The customers ordered again: their open follow-ups are closed, won back when
        within ``WON_BACK_DAYS`` of the activity, and the activities marked done."""
        if not customers:
            return
        open_followups = self.sudo().search(
            [("customer_id", "in", customers.ids), ("state", "=", "open")]
        )
        if not open_followups:
            return
        today = self.env["b2b.analytics.reading"]._today()
        for followup in open_followups:
            won_back = (today - followup.opened_on).days <= WON_BACK_DAYS
            followup.write(
                {"closed_on": today, "state": "won_back" if won_back else "returned_late"}
            )
            if followup.activity_id:
                followup.activity_id.action_feedback(
                    feedback=_(
                        "The customer ordered again on %(date)s (%(days)s days after this "
                        "follow-up): %(outcome)s",
                        date=today,
                        days=(today - followup.opened_on).days,
                        outcome=_("won back.") if won_back else _("returned later."),
                    )
                )


class SaleOrder(models.Model):
    """The follow-ups close with the order that ends them (here: sale_order.py is in
    the records layer, below the follow-ups)."""

    _inherit = "sale.order"

    def _action_confirm(self):
        result = super()._action_confirm()
        # one indexed search per confirmation: the bulk loader writes orders in SQL
        # and never comes here
        self.env["b2b.customer.followup"]._close_for_customers(self.b2b_customer_id)
        return result
