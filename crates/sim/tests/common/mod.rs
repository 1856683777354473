//! The hand-worked population (crates/sim/tests/hand_worked.rs has the arithmetic).
#![allow(dead_code)]

use std::path::Path;

/// The population: households and service use in the standard CSV dialect, persons and incomes
/// as a Finnish Excel would save them (`;`, decimal comma, dates 1.1.2026).
pub fn write_population(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("households.csv"), "household_id,persons\nHA,1\nHB,1\nHC,1\nHD,2\nHE,1\n").unwrap();
    std::fs::write(
        dir.join("persons.csv"),
        "person_id;household_id;spouse_id;age;sex;weight;n_chronic;joint_social_health;maple;living_alone\n\
         A;HA;;70;f;1;3;ei;2;kyllä\n\
         B;HB;;80;m;1;0;ei;;kyllä\n\
         C;HC;;90;f;1;2;kyllä;4;kyllä\n\
         D;HD;DS;86;m;1;1;ei;3;ei\n\
         DS;HD;D;84;f;1;0;ei;;ei\n\
         E;HE;;77;f;2,0;0;ei;1;kyllä\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("incomes.csv"),
        "person_id;from;to;gross_income;net_income\n\
         A;1.1.2026;;1 500,00;1300\n\
         B;1.1.2026;;1000;950\n\
         C;1.1.2026;;3000;2300\n\
         D;1.1.2026;;1200;1100\n\
         DS;1.1.2026;;900;880\n\
         E;1.1.2026;;2500;2000\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("service_use.csv"),
        "person_id,from,to,service,production,hours_per_month\n\
         A,2026-01-01,,home_care,own,10\n\
         B,2026-01-01,,home_care,own,5\n\
         C,2026-01-01,,home_care,own,20\n\
         D,2026-01-01,,home_care,own,8\n\
         E,2026-01-01,,cleaning,own,4\n",
    )
    .unwrap();
}

pub const REFORM: &str = r#"
[reform]
name = "tasaprosentti"
description = "Kotihoito 4 % / 3,5 % tuntimäärästä riippumatta 1.2.2026 alkaen"

[home_care.percentages]
overrides = true
[[home_care.percentages.values]]
from = "2026-02-01"
source = "hand-worked test reform"
verified = false
[home_care.percentages.values.value]
bands = [ { min_hours = "0", percent = ["4", "3.5", "3", "3", "3", "3"] } ]
"#;
