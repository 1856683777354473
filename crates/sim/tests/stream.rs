//! Reading the population a block of households at a time (flat memory) gives exactly what the
//! population read whole gives — results and per-person rows — also when the per-client figures
//! go to a temporary file and are sorted on disk; tables out of household order, and ids repeated
//! across blocks, are never simulated wrong: the run falls back to the whole read, which either
//! succeeds with the same results or names the exact error.

use kustannusarvio_sim::job::{execute, Job, PerPerson};
use kustannusarvio_sim::run::{self, Options};
use kustannusarvio_sim::stream::Stream;
use kustannusarvio_sim::Population;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn job(pop: &Path, out: PathBuf) -> Job {
    Job {
        block: 7,
        tariffs: repo().join("tariffs/paijat-hame"),
        population: pop.to_path_buf(),
        from: date(2026, 1, 1),
        to: date(2026, 12, 31),
        reforms: vec![repo().join("docs/simulation/reforms/kotihoito-90.toml")],
        out,
        per_person: Some(PerPerson::Csv),
        reuse: true,
        created: "test".into(),
        program: "test".into(),
    }
}

fn opts(spill: Option<PathBuf>, spill_after: usize) -> Options {
    Options { from: date(2026, 1, 1), to: date(2026, 12, 31), reuse: true, spill, spill_after }
}

/// Rewrites a CSV table with its data rows reversed (the header kept).
fn reverse_rows(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    std::fs::write(file, format!("{header}\n{}\n", lines.join("\n"))).unwrap();
}

#[test]
fn streamed_blocks_equal_the_whole_population() {
    let tmp = tempfile::tempdir().unwrap();
    let pop = tmp.path().join("pop");
    kustannusarvio_sim::synth::write("paijat-hame", 400, 5, 2026, &pop).unwrap();
    let variants =
        kustannusarvio_sim::job::variants(&repo().join("tariffs/paijat-hame"), &job(&pop, tmp.path().into()).reforms)
            .unwrap();
    let whole = Population::read(&pop).unwrap();
    let expected = run::run(&whole, &variants, &opts(None, 0), None, &|_, _| {}).unwrap();
    assert!(expected.summary[0].clients_n > 350);

    // blocks of 1, 7 and 1 000 households; the per-client figures in memory, or in a file from
    // the first client on with on-disk sort segments of 7 items
    for block in [1, 7, 1000] {
        for spill_after in [usize::MAX, 0] {
            let mut s = Stream::open(&pop).unwrap().expect("CSV tables stream");
            s.block = block;
            let spill = tmp.path().join(format!("spill-{block}-{spill_after}"));
            std::fs::create_dir_all(&spill).unwrap();
            let got =
                run::run_stream(&mut s, &variants, &opts(Some(spill.clone()), spill_after), None, &|_, _| {}).unwrap();
            assert_eq!(got.summary, expected.summary, "block {block}, spill after {spill_after}");
            assert_eq!(got.services, expected.services, "block {block}, spill after {spill_after}");
            assert_eq!(got.segments, expected.segments, "block {block}, spill after {spill_after}");
            assert_eq!(got.deciles, expected.deciles, "block {block}, spill after {spill_after}");
            assert_eq!(got.concentration, expected.concentration, "block {block}, spill after {spill_after}");
            assert_eq!(got, expected, "block {block}, spill after {spill_after}");
            // the temporary files are gone with the run
            assert_eq!(std::fs::read_dir(&spill).unwrap().count(), 0, "nothing left in {}", spill.display());
        }
    }

    // through the job: streamed, and the same per-person rows as the tables read whole
    let a = execute(&job(&pop, tmp.path().join("a")), &|_, _| {}).unwrap();
    assert!(a.streamed && a.note.is_none(), "{:?}", a.note);
    assert_eq!(a.results, expected);

    // the same population out of household order: read whole, with a note saying why
    let shuffled = tmp.path().join("shuffled");
    std::fs::create_dir_all(&shuffled).unwrap();
    for t in ["households", "persons", "incomes", "service_use"] {
        std::fs::copy(pop.join(format!("{t}.csv")), shuffled.join(format!("{t}.csv"))).unwrap();
    }
    reverse_rows(&shuffled.join("persons.csv"));
    let b = execute(&job(&shuffled, tmp.path().join("b")), &|_, _| {}).unwrap();
    assert!(!b.streamed);
    let note = b.note.unwrap_or_default();
    assert!(note.contains("household order"), "{note}");
    assert_eq!(b.results.summary, expected.summary);
    assert_eq!(b.results.deciles, expected.deciles);
    let rows = |d: &str| {
        let text = std::fs::read_to_string(tmp.path().join(d).join("henkilot.csv")).unwrap();
        let mut l: Vec<String> = text.lines().map(str::to_string).collect();
        l.sort();
        l
    };
    assert_eq!(rows("a"), rows("b"));

    // `population sort` (write_csv) puts it back in household order
    let sorted = tmp.path().join("sorted");
    kustannusarvio_sim::population::write_csv(&Population::read(&shuffled).unwrap(), &sorted).unwrap();
    assert_eq!(kustannusarvio_sim::stream::why_not_streamed(&sorted), None);
    let c = execute(&job(&sorted, tmp.path().join("c")), &|_, _| {}).unwrap();
    assert!(c.streamed);
    assert_eq!(c.results.summary, expected.summary);
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A small population whose households `h1` and `h3` are far apart in blocks of one household.
fn small(dir: &Path, third_household: &str, income_rows: &str) {
    std::fs::create_dir_all(dir).unwrap();
    write(dir, "households.csv", &format!("household_id,persons\nh1,1\nh2,1\n{third_household},1\n"));
    write(
        dir,
        "persons.csv",
        &format!("person_id,household_id,age,sex\np1,h1,80,f\np2,h2,81,m\np3,{third_household},82,f\n"),
    );
    write(dir, "incomes.csv", &format!("person_id,from,gross_income,net_income\n{income_rows}"));
    write(
        dir,
        "service_use.csv",
        "person_id,from,service,production,hours_per_month\np1,2026-01-01,home_care,own,10\n\
         p2,2026-01-01,home_care,own,20\np3,2026-01-01,home_care,own,30\n",
    );
}

#[test]
fn an_id_repeated_in_another_block_is_never_simulated() {
    let tmp = tempfile::tempdir().unwrap();
    let incomes = "p1,2026-01-01,1000,900\np2,2026-01-01,1500,1200\np3,2026-01-01,2000,1600\n";
    // h1 again as the third household, a block of one household at a time
    let dup = tmp.path().join("dup");
    small(&dup, "h1", incomes);
    let mut s = Stream::open(&dup).unwrap().unwrap();
    let mut err = None;
    for _ in 0..5 {
        match s.next_block(1) {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                err = Some(e.to_string());
                break;
            }
        }
    }
    let err = err.expect("a repeated household id ends the stream");
    assert!(err.contains("not in household order") && err.contains("`h1`"), "{err}");
    // the job then reads it whole, which names the exact error
    let e = execute(&job(&dup, tmp.path().join("o1")), &|_, _| {}).err().unwrap().to_string();
    assert!(e.contains("households.csv, row 4, column `household_id`") && e.contains("given twice"), "{e}");

    // incomes not in the persons' order: the same results as the right order
    let ordered = tmp.path().join("ordered");
    small(&ordered, "h3", incomes);
    let unordered = tmp.path().join("unordered");
    small(&unordered, "h3", "p3,2026-01-01,2000,1600\np1,2026-01-01,1000,900\np2,2026-01-01,1500,1200\n");
    let block_of_one = |pop: &Path, out: &str| Job { block: 1, ..job(pop, tmp.path().join(out)) };
    let a = execute(&block_of_one(&ordered, "o2"), &|_, _| {}).unwrap();
    let b = execute(&block_of_one(&unordered, "o3"), &|_, _| {}).unwrap();
    assert!(a.streamed && !b.streamed);
    assert_eq!(a.results, b.results);
    assert_eq!(a.results.summary[0].clients_n, 3);
}
