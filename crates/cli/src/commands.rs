//! The `tariffs keygen|build|sign|publish|diff|verify` and `update` commands over the bundle
//! crate. Each returns the text to print, or an error message.

use kustannusarvio_bundle::keys::{KeyPair, PublicKey, Trust};
use kustannusarvio_bundle::publish::{self, BuildOptions};
use std::path::{Path, PathBuf};

/// `tariffs keygen --out DIR [--name NAME] [--label TEXT]`.
pub fn keygen(out: &Path, name: Option<&str>, label: &str) -> Result<String, String> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| format!("no OS randomness: {e}"))?;
    let kp = KeyPair::from_seed(&seed, label);
    let name = name.map(str::to_string).unwrap_or_else(|| kp.public.key_id.clone());
    let (k, p) = publish::write_keypair(out, &name, &kp)?;
    Ok(format!(
        "key id {}\nsecret key: {} (keep offline, never commit)\npublic key: {}\nto trust it, add this line to tariffs/keys/trusted.pub and rebuild the app:\n{}",
        kp.public.key_id,
        k.display(),
        p.display(),
        kp.public.to_line()
    ))
}

/// Options shared by build and publish: key rotation and where the test cases are.
#[derive(Debug, Clone, Default)]
pub struct Publication {
    /// `.pub` files of keys to announce.
    pub announce: Vec<PathBuf>,
    pub retire: Vec<String>,
    /// The cases carried as self-checks (default: `<dir>/../../tests/cases`).
    pub cases: Option<PathBuf>,
}

fn options(serial: u64, channel: &str, expires_days: u32, rot: &Publication) -> Result<BuildOptions, String> {
    let mut new_keys: Vec<PublicKey> = Vec::new();
    for p in &rot.announce {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let t = Trust::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        new_keys.extend(t.keys.into_values());
    }
    Ok(BuildOptions {
        channel: channel.to_string(),
        expires_days,
        new_keys,
        retired_keys: rot.retire.clone(),
        cases_dir: rot.cases.clone(),
        ..BuildOptions::new(serial, chrono::Utc::now())
    })
}

fn describe(b: &publish::Built) -> String {
    let m = &b.manifest;
    format!(
        "{} {} channel {} serial {} (tariff {}, newest value from {}), expires {}, {} bytes, sha256 {}",
        m.organisation,
        b.bundle_name,
        m.channel,
        m.serial,
        m.tariff_version,
        m.newest_value_from.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        m.expires_at.format("%Y-%m-%d %H:%M UTC"),
        b.bundle_bytes.len(),
        m.files.first().map(|f| f.sha256.as_str()).unwrap_or_default()
    )
}

/// `tariffs build DIR --serial N --channel C --expires DAYS --out OUT` (unsigned).
pub fn build(
    dir: &Path,
    serial: u64,
    channel: &str,
    expires_days: u32,
    out: &Path,
    rot: &Publication,
) -> Result<String, String> {
    let built = publish::build(dir, &options(serial, channel, expires_days, rot)?)?;
    publish::write_build(out, &built)?;
    Ok(format!("built {}\nnext: kustannusarvio tariffs sign {} --key KEYFILE", describe(&built), out.display()))
}

/// `tariffs sign OUT --key KEYFILE`.
pub fn sign(out: &Path, key: &Path) -> Result<String, String> {
    let kp = publish::read_key(key)?;
    publish::sign_dir(out, &kp)?;
    Ok(format!("signed {}/manifest.json with key {}", out.display(), kp.public.key_id))
}

/// `tariffs publish DIR --key K [--key K2] --out WEBROOT [--serial N]`.
pub fn publish(
    dir: &Path,
    keys: &[PathBuf],
    webroot: &Path,
    serial: Option<u64>,
    channel: &str,
    expires_days: u32,
    rot: &Publication,
) -> Result<String, String> {
    let kps = keys.iter().map(|k| publish::read_key(k)).collect::<Result<Vec<_>, _>>()?;
    let serial = match serial {
        Some(s) => s,
        None => publish::published_serial(webroot).map_or(1, |s| s.saturating_add(1)),
    };
    let mut diff_text = String::new();
    if let (Ok(new), Some(old)) = (kustannusarvio_engine::load_dir(dir), published_tariff(webroot)) {
        let lines = kustannusarvio_bundle::diff::diff(&old, &new);
        diff_text = if lines.is_empty() {
            "\nno changes to the published tariff".into()
        } else {
            format!("\nchanges:\n  {}", lines.join("\n  "))
        };
    }
    let built = publish::publish(dir, &kps, webroot, options(serial, channel, expires_days, rot)?)?;
    Ok(format!(
        "published {}\nsigned by {}\nserve {} over HTTPS; clients use its URL with `kustannusarvio update --from URL`{}",
        describe(&built),
        kps.iter().map(|k| k.public.key_id.as_str()).collect::<Vec<_>>().join(", "),
        webroot.display(),
        diff_text
    ))
}

fn published_tariff(webroot: &Path) -> Option<kustannusarvio_engine::Tariff> {
    let m =
        kustannusarvio_bundle::manifest::parse_manifest(&std::fs::read(webroot.join("manifest.json")).ok()?).ok()?;
    let f = m.files.first()?;
    let b = kustannusarvio_bundle::manifest::parse_bundle(
        &std::fs::read(webroot.join(&f.name)).ok()?,
        kustannusarvio_bundle::MAX_BUNDLE_BYTES,
    )
    .ok()?;
    kustannusarvio_bundle::manifest::load_bundle(&b).ok()
}

/// `tariffs diff OLD NEW`: both tariff directories, or published directories / bundle files.
pub fn diff(old: &Path, new: &Path) -> Result<String, String> {
    let load = |p: &Path| -> Result<kustannusarvio_engine::Tariff, String> {
        if p.is_file() {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let b = kustannusarvio_bundle::manifest::parse_bundle(&bytes, kustannusarvio_bundle::MAX_BUNDLE_BYTES)
                .map_err(|e| e.to_string())?;
            return kustannusarvio_bundle::manifest::load_bundle(&b).map_err(|e| e.to_string());
        }
        if p.join("manifest.json").is_file() {
            return published_tariff(p).ok_or_else(|| format!("{}: cannot read the published bundle", p.display()));
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

/// `tariffs verify WEBROOT`: checks a published (or built and signed) directory exactly as a
/// client would, except expiry and serial — e.g. for the reviewer before it is uploaded.
pub fn verify(
    dir: &Path,
    trusted_keys: Option<&Path>,
    threshold: Option<usize>,
    channel: Option<&str>,
) -> Result<String, String> {
    let mut trust = match trusted_keys {
        Some(d) => Trust::from_dir(d)?,
        None => Trust::embedded(),
    };
    if let Some(k) = threshold {
        trust.threshold = k.max(1);
    }
    let read = |f: &str| std::fs::read(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()));
    let m = read("manifest.json")?;
    let parsed = kustannusarvio_bundle::manifest::parse_manifest(&m).map_err(|e| format!("{} ({})", e, e.code()))?;
    let sig = read("manifest.sig").unwrap_or_default();
    let channel = channel.unwrap_or(&parsed.channel);
    let bundle = read(&parsed.files.first().map(|f| f.name.clone()).unwrap_or_default())?;
    let now = chrono::Utc::now();
    let (t, v) = kustannusarvio_bundle::embedded::verify(&m, &sig, &bundle, &trust, None, channel, now)
        .map_err(|e| format!("{} ({})", e, e.code()))?;
    let expired = if v.manifest.expires_at <= now { " — EXPIRED" } else { "" };
    Ok(format!(
        "ok: {} ({}) serial {} channel {}, tariff {}, signed by {} of {} required, expires {}{expired}",
        t.organisation.id,
        t.organisation.name.fi,
        v.manifest.serial,
        v.manifest.channel,
        v.manifest.tariff_version,
        v.signed_by.join(" + "),
        trust.threshold,
        v.manifest.expires_at.format("%Y-%m-%d"),
    ))
}

/// Settings of `kustannusarvio update`.
#[derive(Debug, Clone)]
pub struct UpdateArgs {
    pub from: String,
    pub state_dir: PathBuf,
    pub organisation: Option<String>,
    pub channel: String,
    pub trusted_keys: Option<PathBuf>,
    pub threshold: Option<usize>,
    pub proxy: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub timeout_secs: u64,
    pub retries: u32,
}

/// `kustannusarvio update --from URL --state-dir DIR`: prints `{status, active}` as JSON;
/// `Ok(false)` when the check failed (the last good tariff is still active).
pub fn update(a: &UpdateArgs) -> Result<(String, bool), String> {
    let mut trust = match &a.trusted_keys {
        Some(d) => Trust::from_dir(d)?,
        None => Trust::embedded(),
    };
    if let Some(k) = a.threshold {
        trust.threshold = k.max(1);
    }
    let store = kustannusarvio_bundle::Store::new(&a.state_dir, trust, a.organisation.as_deref(), &a.channel);
    let mut cfg = kustannusarvio_bundle::client::ClientConfig::new(&a.from);
    cfg.timeout = std::time::Duration::from_secs(a.timeout_secs.max(1));
    cfg.retries = a.retries;
    cfg.proxy = a.proxy.clone();
    if let Some(p) = &a.ca_cert {
        cfg.extra_root_ca_pem = Some(std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?);
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
