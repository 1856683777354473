//! The manifest, the bundle and the signature file; parsing with hard limits and the
//! verification steps that do not need the network or the disk.

use super::keys::{PublicKey, Trust};
use super::{is_safe_name, sha256_hex, BundleError, FORMAT, MAX_BUNDLE_BYTES, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES};
use chrono::{DateTime, NaiveDate, Utc};
use kustannusarvio_engine::tariff::Tariff;
use serde::{Deserialize, Serialize};

/// How far in the future `created_at` may be (clock skew of the device).
pub const CLOCK_SKEW_SECONDS: i64 = 24 * 3600;
/// Limits inside a bundle.
const MAX_FILES: usize = 200;
const MAX_CASES: usize = 2000;

/// `manifest.json`: the signed description of one published bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Format version (1).
    pub format: u32,
    /// Organisation id, e.g. `paijat-hame`; must equal the tariff's `organisation.id`.
    pub organisation: String,
    /// Release channel, e.g. `stable` or `test`.
    pub channel: String,
    /// Monotonically increasing publication number; the client never goes back.
    pub serial: u64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// `organisation.version` of the tariff, for display.
    pub tariff_version: String,
    /// The latest `from` date of any value in the tariff ("new tariff from 1.1.2027").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newest_value_from: Option<NaiveDate>,
    /// Exactly one entry in format 1: the bundle file.
    pub files: Vec<FileEntry>,
    /// The keys expected to sign (informational; the signatures decide).
    pub key_ids: Vec<String>,
    /// Keys to trust from now on (rotation), adopted only from a manifest that verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_keys: Vec<AnnouncedKey>,
    /// Keys to stop trusting (retired or compromised).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired_keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncedKey {
    pub key_id: String,
    /// 64 hex digits.
    pub public_key: String,
    #[serde(default)]
    pub label: String,
}

impl AnnouncedKey {
    pub fn from_public(k: &PublicKey) -> Self {
        AnnouncedKey { key_id: k.key_id.clone(), public_key: k.hex(), label: k.label.clone() }
    }
    pub fn to_public(&self) -> Result<PublicKey, String> {
        let k = PublicKey::from_hex(&self.public_key, &self.label)?;
        if k.key_id != self.key_id {
            return Err(format!("announced key id {} does not match the key", self.key_id));
        }
        Ok(k)
    }
}

/// `manifest.sig`: detached Ed25519 signatures over the exact bytes of `manifest.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    pub signatures: Vec<SignatureEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureEntry {
    pub key_id: String,
    /// 128 hex digits.
    pub signature: String,
}

/// `bundle-<serial>.json`: the organisation's tariff sources, compiled by `tariffs build`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: u32,
    pub organisation: String,
    /// The organisation's own TOML sources, by file name, in name order.
    pub files: Vec<BundleFile>,
    /// The layers the organisation extends, base first (e.g. `national`), each with its sources:
    /// the bundle carries everything the tariff is computed from.
    #[serde(default)]
    pub base_layers: Vec<BundleLayer>,
    /// The organisation's test cases (tests/cases/**/*.toml whose `tariff` is the organisation):
    /// hand-worked expectations from the law and the HVA's decisions, run by every client before
    /// the tariff is installed. `name` is the path under tests/cases/.
    #[serde(default)]
    pub cases: Vec<BundleFile>,
}

/// A base layer of a bundle: its name (`national`) and its TOML sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleLayer {
    pub name: String,
    pub files: Vec<BundleFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    pub name: String,
    pub text: String,
}

/// A manifest whose signatures met the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub manifest: Manifest,
    pub signed_by: Vec<String>,
}

fn check_len(what: &str, bytes: &[u8], limit: u64) -> Result<(), BundleError> {
    if bytes.len() as u64 > limit {
        return Err(BundleError::RejectedTooLarge { what: what.to_string(), limit });
    }
    Ok(())
}

/// Parses `manifest.json` (≤ 64 KiB) and checks its shape. Never panics.
pub fn parse_manifest(bytes: &[u8]) -> Result<Manifest, BundleError> {
    check_len("manifest.json", bytes, MAX_MANIFEST_BYTES)?;
    let m: Manifest = serde_json::from_slice(bytes).map_err(|e| BundleError::malformed("manifest.json", e))?;
    if m.format != FORMAT {
        return Err(BundleError::malformed("manifest.json", format!("unsupported format {}", m.format)));
    }
    if m.files.len() != 1 {
        return Err(BundleError::malformed("manifest.json", "format 1 has exactly one file"));
    }
    for f in &m.files {
        if !is_safe_name(&f.name) || !f.name.ends_with(".json") {
            return Err(BundleError::malformed(
                "manifest.json",
                format!("unsafe file name `{}`", f.name.escape_default()),
            ));
        }
        if super::from_hex::<32>(&f.sha256).is_none() {
            return Err(BundleError::malformed("manifest.json", "sha256 must be 64 hex digits"));
        }
    }
    if m.organisation.is_empty() || !is_safe_name(&m.organisation) || m.channel.is_empty() || !is_safe_name(&m.channel)
    {
        return Err(BundleError::malformed("manifest.json", "organisation and channel must be short names"));
    }
    if m.expires_at <= m.created_at {
        return Err(BundleError::malformed("manifest.json", "expires_at must be after created_at"));
    }
    Ok(m)
}

/// Parses `manifest.sig` (≤ 16 KiB).
pub fn parse_signatures(bytes: &[u8]) -> Result<SignatureFile, BundleError> {
    check_len("manifest.sig", bytes, MAX_SIGNATURE_BYTES)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(BundleError::RejectedUnsigned);
    }
    serde_json::from_slice(bytes).map_err(|e| BundleError::malformed("manifest.sig", e))
}

/// Parses a bundle file (≤ `limit` bytes) and checks its shape.
pub fn parse_bundle(bytes: &[u8], limit: u64) -> Result<Bundle, BundleError> {
    check_len("bundle", bytes, limit)?;
    let b: Bundle = serde_json::from_slice(bytes).map_err(|e| BundleError::malformed("bundle", e))?;
    if b.format != FORMAT {
        return Err(BundleError::malformed("bundle", format!("unsupported format {}", b.format)));
    }
    let n_files = b.files.len() + b.base_layers.iter().map(|l| l.files.len()).sum::<usize>();
    if b.files.is_empty() || n_files > MAX_FILES || b.base_layers.len() > 4 || b.cases.len() > MAX_CASES {
        return Err(BundleError::malformed("bundle", "wrong number of files, layers or cases"));
    }
    for c in &b.cases {
        if !is_case_name(&c.name) {
            return Err(BundleError::malformed("bundle", format!("bad case name `{}`", c.name.escape_default())));
        }
    }
    for l in &b.base_layers {
        if !kustannusarvio_engine::tariff::layers::is_layer_name(&l.name) || l.files.is_empty() {
            return Err(BundleError::malformed("bundle", format!("bad base layer `{}`", l.name.escape_default())));
        }
    }
    for f in b.files.iter().chain(b.base_layers.iter().flat_map(|l| &l.files)) {
        if !is_safe_name(&f.name) || !f.name.ends_with(".toml") {
            return Err(BundleError::malformed("bundle", format!("unsafe file name `{}`", f.name.escape_default())));
        }
    }
    Ok(b)
}

/// What a manifest is checked against besides the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect<'a> {
    /// `None` accepts any organisation (first install from a pinned URL).
    pub organisation: Option<&'a str>,
    pub channel: &'a str,
    /// Reject an expired manifest (on install); `false` when re-verifying an installed slot,
    /// which stays usable offline after expiry.
    pub reject_expired: bool,
}

/// Signature threshold, format, organisation, channel, creation time and (optionally) expiry.
pub fn verify_manifest(
    manifest_bytes: &[u8],
    signature_bytes: &[u8],
    trust: &Trust,
    expect: &Expect<'_>,
    now: DateTime<Utc>,
) -> Result<Verified, BundleError> {
    check_len("manifest.json", manifest_bytes, MAX_MANIFEST_BYTES)?;
    let sigs = parse_signatures(signature_bytes)?;
    // Signatures first: nothing of an unauthenticated manifest is interpreted.
    let signed_by = trust.verify(manifest_bytes, &sigs)?;
    let manifest = parse_manifest(manifest_bytes)?;
    if let Some(org) = expect.organisation {
        if manifest.organisation != org {
            return Err(BundleError::RejectedWrongOrganisation { expected: org.into(), found: manifest.organisation });
        }
    }
    if manifest.channel != expect.channel {
        return Err(BundleError::RejectedWrongChannel { expected: expect.channel.into(), found: manifest.channel });
    }
    let latest =
        now.checked_add_signed(chrono::Duration::seconds(CLOCK_SKEW_SECONDS)).unwrap_or(DateTime::<Utc>::MAX_UTC);
    if manifest.created_at > latest {
        return Err(BundleError::RejectedNotYetValid { created_at: manifest.created_at.to_rfc3339() });
    }
    if expect.reject_expired && manifest.expires_at <= now {
        return Err(BundleError::RejectedExpired { expires_at: manifest.expires_at.to_rfc3339() });
    }
    Ok(Verified { manifest, signed_by })
}

/// Size and SHA-256 of a downloaded file against its manifest entry.
pub fn check_file(entry: &FileEntry, bytes: &[u8]) -> Result<(), BundleError> {
    if bytes.len() as u64 != entry.size {
        return Err(BundleError::RejectedSizeMismatch {
            file: entry.name.clone(),
            expected: entry.size,
            actual: bytes.len() as u64,
        });
    }
    if !sha256_hex(bytes).eq_ignore_ascii_case(&entry.sha256) {
        return Err(BundleError::RejectedHashMismatch { file: entry.name.clone() });
    }
    Ok(())
}

/// When a bundle's hand-worked cases are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cases {
    /// Installing or checking a bundle: every case of the organisation must give its figures.
    Run,
    /// Re-reading a bundle that passed its cases when it was installed (the device's slot) or
    /// built (the app's embedded fallback): signatures, hashes, load and the built-in sample
    /// only, so that start-up stays within its budget.
    AlreadyPassed,
}

/// Checks the bundle file against the verified manifest, loads the tariff with the engine's
/// strict loader and runs the self-checks (the organisation's cases too).
pub fn verify_bundle(manifest: &Manifest, bundle_bytes: &[u8], limit: u64) -> Result<Tariff, BundleError> {
    verify_bundle_with(manifest, bundle_bytes, limit, Cases::Run)
}

/// [`verify_bundle`], choosing whether the cases are run.
pub fn verify_bundle_with(
    manifest: &Manifest,
    bundle_bytes: &[u8],
    limit: u64,
    cases: Cases,
) -> Result<Tariff, BundleError> {
    let entry = manifest.files.first().ok_or_else(|| BundleError::malformed("manifest.json", "no files"))?;
    if entry.size > limit {
        return Err(BundleError::RejectedTooLarge { what: entry.name.clone(), limit });
    }
    check_file(entry, bundle_bytes)?;
    let bundle = parse_bundle(bundle_bytes, limit.max(MAX_BUNDLE_BYTES))?;
    if bundle.organisation != manifest.organisation {
        return Err(BundleError::RejectedWrongOrganisation {
            expected: manifest.organisation.clone(),
            found: bundle.organisation,
        });
    }
    let tariff = load_bundle(&bundle)?;
    if tariff.organisation.id != manifest.organisation {
        return Err(BundleError::RejectedWrongOrganisation {
            expected: manifest.organisation.clone(),
            found: tariff.organisation.id.clone(),
        });
    }
    self_check(&tariff, &bundle, manifest, cases)?;
    Ok(tariff)
}

/// The engine's loader over the bundle's layers (base layers first, then the organisation's).
pub fn load_bundle(bundle: &Bundle) -> Result<Tariff, BundleError> {
    use kustannusarvio_engine::tariff::Layer;
    let pairs = |l: &str, files: &[BundleFile]| {
        files.iter().map(|f| (format!("{l}/{}", f.name), f.text.clone())).collect::<Vec<_>>()
    };
    let mut layers: Vec<Layer> =
        bundle.base_layers.iter().map(|l| Layer::new(l.name.clone(), pairs(&l.name, &l.files))).collect();
    layers.push(Layer::new(bundle.organisation.clone(), pairs(&bundle.organisation, &bundle.files)));
    kustannusarvio_engine::tariff::load_layers(&layers)
        .map_err(|e| BundleError::RejectedInvalidTariff { message: e.to_string() })
}

/// A case's path under tests/cases/: `topic/rule/name.toml` of `[a-z0-9_.-]`.
pub fn is_case_name(name: &str) -> bool {
    name.len() <= 200
        && name.ends_with(".toml")
        && name.split('/').all(|p| is_safe_name(p) && p != "..")
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-/".contains(&b))
}

/// The built-in sample (home care, one person) must compute on the publication date — or, for a
/// tariff that only starts later, on its newest date — unless the tariff does not offer home
/// care; then every case of the organisation must give its hand-worked figures.
pub fn self_check(tariff: &Tariff, bundle: &Bundle, manifest: &Manifest, cases: Cases) -> Result<(), BundleError> {
    let mut dates = vec![manifest.created_at.date_naive()];
    dates.extend(manifest.newest_value_from);
    let mut last_err = None;
    for date in dates {
        let sample = sample_scenario(date)
            .map_err(|e| BundleError::RejectedSelfCheck { message: format!("built-in sample: {e}") })?;
        match kustannusarvio_engine::estimate(tariff, &sample) {
            Ok(_)
            | Err(kustannusarvio_engine::EngineError::NotOffered { .. })
            | Err(kustannusarvio_engine::EngineError::UnknownService { .. }) => {
                last_err = None;
                break;
            }
            Err(e @ kustannusarvio_engine::EngineError::NotInForce { .. }) => {
                last_err = Some(format!("built-in sample on {date}: {e}"))
            }
            Err(e) => {
                return Err(BundleError::RejectedSelfCheck { message: format!("built-in sample on {date}: {e}") })
            }
        }
    }
    if let Some(message) = last_err {
        return Err(BundleError::RejectedSelfCheck { message });
    }
    if cases == Cases::AlreadyPassed {
        return Ok(());
    }
    for c in &bundle.cases {
        let case = kustannusarvio_engine::cases::parse_case(&c.name, &c.text)
            .map_err(|e| BundleError::RejectedSelfCheck { message: format!("{}: {e}", c.name) })?;
        let mismatches = kustannusarvio_engine::cases::check(tariff, &case);
        if let Some(m) = mismatches.first() {
            return Err(BundleError::RejectedSelfCheck {
                message: format!("case {} ({}): {m}{}", c.name, case.law, if mismatches.len() > 1 { " …" } else { "" }),
            });
        }
    }
    Ok(())
}

/// The built-in self-check scenario: home care, 10 h/month, one person with 1500 € gross.
/// Built from JSON so that new optional scenario fields never break it.
pub fn sample_scenario(date: NaiveDate) -> Result<kustannusarvio_engine::Scenario, kustannusarvio_engine::EngineError> {
    kustannusarvio_engine::parse_scenario(&format!(
        r#"{{"date": "{date}", "household": {{"persons": 1, "client": {{"gross_income": "1500", "net_income": "1300"}}}},
            "services": [{{"service": "home_care", "production": "own", "hours_per_month": "10"}}]}}"#
    ))
}

/// The latest `from` date of any dated value in the tariff.
pub fn newest_value_from(tariff: &Tariff) -> Option<NaiveDate> {
    fn walk(v: &serde_json::Value, best: &mut Option<NaiveDate>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(serde_json::Value::String(f)), true) = (m.get("from"), m.contains_key("value")) {
                    if let Ok(d) = f.parse::<NaiveDate>() {
                        if best.is_none_or(|b| d > b) {
                            *best = Some(d);
                        }
                    }
                }
                m.values().for_each(|x| walk(x, best));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, best)),
            _ => {}
        }
    }
    let mut best = None;
    if let Ok(v) = serde_json::to_value(tariff) {
        walk(&v, &mut best);
    }
    best
}
