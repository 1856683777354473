//! The catalogue a tariff offers to the package builder (moved from the app into the engine).

use kustannusarvio_engine::catalogue::{services, Category};
use kustannusarvio_engine::scenario::Production;
use std::path::Path;

fn load(org: &str) -> kustannusarvio_engine::Tariff {
    kustannusarvio_engine::load_dir(&Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tariffs")).join(org))
        .expect("loads")
}

#[test]
fn each_organisation_offers_its_own_catalogue() {
    let ph = services(&load("paijat-hame"));
    let ics = ph.iter().find(|s| s.code == "informal_care_support").expect("offered");
    assert_eq!(ics.care_classes, ["basic", "transitional"]);
    assert_eq!(ics.productions, [Production::Own]);
    let hc = ph.iter().find(|s| s.code == "home_care").expect("offered");
    assert_eq!(hc.category, Category::HomeCare);
    assert!(hc.productions.contains(&Production::Voucher));
    let meal = ph.iter().find(|s| s.code == "meal_delivery").expect("a support service");
    assert!(!meal.statutory && meal.name.is_some() && meal.fields.contains(&"meals_per_week".to_string()));

    let hel = services(&load("helsinki"));
    let ics = hel.iter().find(|s| s.code == "informal_care_support").expect("offered");
    assert_eq!(ics.care_classes, ["heavy_transition", "minimum"]);
    assert!(hel.iter().any(|s| s.code == "communal_meals"));
    assert!(!hel.iter().any(|s| s.code == "day_activity"), "Päijät-Häme's catalogue, not Helsinki's");
}
