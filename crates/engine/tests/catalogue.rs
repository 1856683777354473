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
    // the classes by their names (lag om stöd för närståendevård 937/2005 5 §: vårdarvode,
    // vårdmässigt tung övergångsperiod), in the order of the codes
    let sv: Vec<&str> = ics.care_class_names.iter().map(|n| n.sv.as_str()).collect();
    assert_eq!(sv, ["Minimibelopp", "Vårdmässigt tung övergångsperiod"]);
    assert_eq!(ics.care_class_names[1].en, "Heavy transition period of care");
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
