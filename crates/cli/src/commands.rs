//! The `tariffs keygen|root|publish|refresh|diff|verify` and `update` commands over the bundle
//! crate (TUF via `tough`). Each returns the text to print, or an error message.

use kustannusarvio_bundle::publish::{self, PublishOptions, RootChange};
use std::path::{Path, PathBuf};

/// `tariffs keygen --out DIR --name NAME`.
pub fn keygen(out: &Path, name: &str) -> Result<String, String> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| format!("no OS randomness: {e}"))?;
    let kp = kustannusarvio_bundle::KeyPair::from_seed(&seed);
    let (k, p) = publish::write_keypair(out, name, &kp)?;
    Ok(format!(
        "key id {}\nsecret key: {} (keep offline, never commit)\npublic key: {} (give it to whoever writes the root metadata)",
        kp.key_id(),
        k.display(),
        p.display()
    ))
}

fn read_keys(paths: &[PathBuf]) -> Result<Vec<kustannusarvio_bundle::KeyPair>, String> {
    paths.iter().map(|p| publish::read_key(p)).collect()
}

/// Settings of `tariffs root`.
#[derive(Debug, Clone)]
pub struct RootArgs {
    pub repo: PathBuf,
    pub root: (Vec<PathBuf>, Option<u64>),
    pub targets: (Vec<PathBuf>, Option<u64>),
    pub snapshot: Vec<PathBuf>,
    pub timestamp: Vec<PathBuf>,
    pub keys: Vec<PathBuf>,
    pub expires: u32,
}

/// `tariffs root --repo R [--root-key P …] [--targets-key P …] … --key K …`.
pub fn root(a: &RootArgs) -> Result<String, String> {
    let role = |paths: &[PathBuf], threshold: Option<u64>| -> Result<Option<(Vec<_>, u64)>, String> {
        if paths.is_empty() {
            if threshold.is_some() {
                return Err("a threshold needs the role's keys too".into());
            }
            return Ok(None);
        }
        let keys = paths.iter().map(|p| publish::read_public(p)).collect::<Result<Vec<_>, _>>()?;
        let t = threshold.unwrap_or(keys.len().min(2) as u64);
        Ok(Some((keys, t)))
    };
    let change = RootChange {
        root: role(&a.root.0, a.root.1)?,
        targets: role(&a.targets.0, a.targets.1)?,
        snapshot: role(&a.snapshot, Some(1).filter(|_| !a.snapshot.is_empty()))?,
        timestamp: role(&a.timestamp, Some(1).filter(|_| !a.timestamp.is_empty()))?,
        expires_days: a.expires,
        consistent_snapshot: true,
    };
    let w = publish::write_root(&a.repo, &change, &read_keys(&a.keys)?, chrono::Utc::now())?;
    let mut out = format!("wrote {} (root version {})", w.path.display(), w.version);
    for (role, ids, threshold) in &w.roles {
        out.push_str(&format!("\n  {role}: {threshold} of {}", ids.join(", ")));
    }
    out.push_str(&format!("\nsigned by {}", w.signed_by.join(", ")));
    if w.version == 1 {
        out.push_str(
            "
the app's trust anchor: copy it to tariffs/trust/<organisation>.root.json (docs/bundles.md)",
        );
    } else {
        out.push_str("\nnext: `kustannusarvio tariffs publish` (signed with the keys this root names)");
    }
    Ok(out)
}

/// `tariffs publish DIR --repo R --key K …`.
pub fn publish(
    dir: &Path,
    repo: &Path,
    keys: &[PathBuf],
    (targets_days, snapshot_days, timestamp_days): (u32, u32, u32),
    cases: Option<PathBuf>,
) -> Result<String, String> {
    let kps = read_keys(keys)?;
    let mut diff_text = String::new();
    if let (Ok(new), Ok(old)) = (kustannusarvio_engine::load_dir(dir), publish::published_tariff(repo)) {
        let lines = kustannusarvio_bundle::diff::diff(&old, &new);
        diff_text = if lines.is_empty() {
            "\nno changes to the published tariff".into()
        } else {
            format!("\nchanges:\n  {}", lines.join("\n  "))
        };
    }
    let opt = PublishOptions {
        targets_days,
        snapshot_days,
        timestamp_days,
        cases_dir: cases,
        ..PublishOptions::new(chrono::Utc::now())
    };
    let p = publish::publish(dir, repo, &kps, &opt)?;
    let i = &p.built.info;
    Ok(format!(
        "published {} {} (newest value from {}) as targets version {}, snapshot {}, timestamp {}\n\
         tariff.json {} bytes, sha256 {}\nfirst expiry {} (renew the timestamp with `tariffs refresh`)\n\
         serve {} over HTTPS; devices use its URL with `kustannusarvio update --from URL`{}",
        i.organisation,
        i.tariff_version,
        i.newest_value_from.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        p.targets_version,
        p.snapshot_version,
        p.timestamp_version,
        p.built.bytes.len(),
        p.sha256,
        p.expires.format("%Y-%m-%d %H:%M UTC"),
        repo.display(),
        diff_text
    ))
}

/// `tariffs refresh --repo R --key TIMESTAMP_KEY`.
pub fn refresh(repo: &Path, keys: &[PathBuf], days: u32) -> Result<String, String> {
    let (v, expires) = publish::refresh(repo, &read_keys(keys)?, chrono::Utc::now(), days)?;
    Ok(format!("timestamp version {v}, expires {}", expires.format("%Y-%m-%d %H:%M UTC")))
}

/// `tariffs diff OLD NEW`: tariff directories, repositories or bundle files.
pub fn diff(old: &Path, new: &Path) -> Result<String, String> {
    let load = |p: &Path| -> Result<kustannusarvio_engine::Tariff, String> {
        if p.is_file() {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let b = kustannusarvio_bundle::bundle::parse_bundle(&bytes, kustannusarvio_bundle::MAX_BUNDLE_BYTES)
                .map_err(|e| e.to_string())?;
            return kustannusarvio_bundle::bundle::load_bundle(&b).map_err(|e| e.to_string());
        }
        if p.join("metadata").is_dir() {
            return publish::published_tariff(p);
        }
        kustannusarvio_engine::load_dir(p).map_err(|e| e.to_string())
    };
    let (a, b) = (load(old)?, load(new)?);
    let lines = kustannusarvio_bundle::diff::diff(&a, &b);
    if lines.is_empty() {
        return Ok("no differences".into());
    }
    Ok(lines.join("\n"))
}

/// The trust anchor: a file, or the organisation's compiled-in root.
fn anchor(root: Option<&Path>, organisation: Option<&str>) -> Result<Vec<u8>, String> {
    if let Some(p) = root {
        return std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    }
    let org = organisation.ok_or("give --root ROOT.json or --organisation ORG")?;
    kustannusarvio_bundle::anchors::anchor(org).map(<[u8]>::to_vec).ok_or_else(|| {
        kustannusarvio_bundle::BundleError::NoTrustAnchor { organisation: org.into() }.to_string()
            + "; give --root ROOT.json"
    })
}

/// `tariffs verify REPO [--root ANCHOR] [--organisation ORG]`.
pub fn verify(repo: &Path, root: Option<&Path>, organisation: Option<&str>) -> Result<String, String> {
    let anchor = anchor(root, organisation)?;
    let c = publish::verify_repo(repo, &anchor, organisation)?;
    let v = &c.view;
    let exp: Vec<String> = c.expiries.iter().map(|(r, t)| format!("{r} {}", t.format("%Y-%m-%d"))).collect();
    Ok(format!(
        "ok: {} ({}) tariff {}, targets version {}, root version {}, targets signed by {}\nexpires: {}",
        c.tariff.organisation.id,
        c.tariff.organisation.name.fi,
        v.info.tariff_version,
        v.version,
        c.root_version,
        v.signed_by.join(" + "),
        exp.join(", ")
    ))
}

/// Settings of `kustannusarvio update`.
#[derive(Debug, Clone)]
pub struct UpdateArgs {
    pub from: String,
    pub state_dir: PathBuf,
    pub organisation: String,
    pub root: Option<PathBuf>,
    pub proxy: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub timeout_secs: u64,
    pub min_rate: u64,
    pub retries: u32,
}

/// `kustannusarvio update --from URL --state-dir DIR --organisation ORG`: prints `{status,
/// active}` as JSON; `Ok(false)` when the check failed (the last good tariff is still active).
pub fn update(a: &UpdateArgs) -> Result<(String, bool), String> {
    let anchor = anchor(a.root.as_deref(), Some(&a.organisation))?;
    let store = kustannusarvio_bundle::Store::new(&a.state_dir, &a.organisation, &anchor);
    let mut cfg = kustannusarvio_bundle::client::ClientConfig::new(&a.from);
    cfg.net.deadline = std::time::Duration::from_secs(a.timeout_secs.max(1));
    cfg.net.min_rate = a.min_rate;
    cfg.retries = a.retries;
    cfg.net.proxy = a.proxy.clone();
    if let Some(p) = &a.ca_cert {
        cfg.net.extra_root_ca_pem = Some(std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?);
    }
    let now = chrono::Utc::now();
    let status = kustannusarvio_bundle::client::check_for_update(&store, &cfg, now);
    let active = store.load(now);
    let json = serde_json::json!({
        "status": status,
        "message": status.to_string(),
        "active": active.as_ref().ok().map(|l| &l.info),
        "active_error": active.as_ref().err(),
    });
    Ok((serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?, status.is_ok()))
}
