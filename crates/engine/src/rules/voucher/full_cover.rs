//! A full-cover voucher (palvelusetelilaki 569/2009 7 §; `law/palvelusetelilaki/7.md`): the
//! client pays the ordinary income-related fee to the organiser, which pays the provider the
//! voucher value (at most the provider's price).

use super::copay::Paid;
use super::LEGAL;
use crate::explain::text;
use crate::money::{eur, num};
use crate::rules::Calc;

pub fn apply(c: &mut Calc, p: &Paid) {
    c.step(
        "voucher.full_cover",
        text!(
            "step-voucher-full-cover",
            ordinary = eur(p.ordinary),
            organiser_per_unit = eur(p.organiser_per_unit),
            quantity = num(p.qty),
            cost = eur(p.cost)
        ),
    )
    .val("provider_price", p.price)
    .val("voucher_value", p.value)
    .val("quantity", p.qty)
    .legal(LEGAL)
    .result(p.ordinary);
}
