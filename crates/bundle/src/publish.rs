//! Publisher side, wrapping `tough`'s editor: the organisation's root metadata (key ceremony,
//! rotation and revocation), a publication of a tariff (targets, snapshot and timestamp with
//! consistent snapshots), the periodic timestamp refresh, and checking a repository as a
//! device would. Errors are plain messages for the CLI.
//!
//! Repository layout (a static directory for any web server):
//! `metadata/N.root.json`, `metadata/N.targets.json`, `metadata/N.snapshot.json`,
//! `metadata/timestamp.json`, `targets/<sha256>.tariff.json`. Old versions are kept (a device
//! in the middle of an update still finds the files its timestamp names).

use super::bundle::{self, Bundle, BundleFile, BundleLayer, Cases, TariffInfo};
use super::keys::KeyPair;
use super::store::write_atomic;
use super::{tuf, FORMAT, TARGET_NAME};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};
use tough::key_source::KeySource;
use tough::schema::decoded::{Decoded, Hex};
use tough::schema::key::Key;
use tough::schema::{Hashes, KeyHolder, Metafile, RoleKeys, RoleType, Root, Signed, Target, Timestamp};

const SPEC_VERSION: &str = "1.0.0";

fn keysources(keys: &[KeyPair]) -> Vec<Box<dyn KeySource>> {
    keys.iter().map(|k| Box::new(k.clone()) as Box<dyn KeySource>).collect()
}

fn days_from(now: DateTime<Utc>, days: u32) -> Result<jiff::Timestamp, String> {
    let t = now
        .checked_add_signed(chrono::Duration::days(i64::from(days.clamp(1, 36_600))))
        .ok_or("expiry out of range")?;
    Ok(tuf::chrono_to_jiff(t))
}

fn nz(v: u64) -> Result<NonZeroU64, String> {
    NonZeroU64::new(v).ok_or_else(|| "version must be ≥ 1".to_string())
}

fn tough_err(e: tough::error::Error) -> String {
    match &e {
        tough::error::Error::SigningKeysNotFound { role } => {
            let role = if role == "delegated-targets" { "targets" } else { role.as_str() };
            format!("no key of the {role} role among the --key files (or fewer than its threshold)")
        }
        tough::error::Error::KeysNotFoundInRoot { .. } => {
            "none of the --key files is a key the newest root names (revoked, or the wrong key)".into()
        }
        _ => e.to_string(),
    }
}

fn metadata_dir(repo: &Path) -> PathBuf {
    repo.join("metadata")
}

/// The versions of a kind of metadata file in `metadata/` (`N.root.json`, `N.targets.json`…).
fn versions(repo: &Path, kind: &str) -> Vec<u64> {
    let Ok(rd) = std::fs::read_dir(metadata_dir(repo)) else { return Vec::new() };
    let mut v: Vec<u64> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.strip_suffix(&format!(".{kind}.json"))?.parse().ok()
        })
        .collect();
    v.sort_unstable();
    v
}

/// The newest root of a repository (its bytes and parsed form), checked against its own keys.
pub fn latest_root(repo: &Path) -> Result<(u64, Vec<u8>, Signed<Root>), String> {
    let v = *versions(repo, "root").last().ok_or_else(|| {
        format!("{}: no root metadata yet; run `kustannusarvio tariffs root` first", metadata_dir(repo).display())
    })?;
    let path = metadata_dir(repo).join(format!("{v}.root.json"));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let root = tuf::parse_root(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((v, bytes, root))
}

/// The keys and threshold of each role for a new root version; `None` keeps the current ones.
#[derive(Debug, Clone, Default)]
pub struct RootChange {
    pub root: Option<(Vec<Key>, u64)>,
    pub targets: Option<(Vec<Key>, u64)>,
    pub snapshot: Option<(Vec<Key>, u64)>,
    pub timestamp: Option<(Vec<Key>, u64)>,
    pub expires_days: u32,
    pub consistent_snapshot: bool,
}

/// What `tariffs root` did.
#[derive(Debug, Clone)]
pub struct RootWritten {
    pub version: u64,
    pub path: PathBuf,
    pub roles: Vec<(String, Vec<String>, u64)>,
    pub signed_by: Vec<String>,
}

/// Writes the next root version into `repo/metadata/`: version 1 at the key ceremony, later
/// versions to rotate or revoke keys or to extend the expiry. Version N+1 must be signed by a
/// threshold of version N's root keys and of its own (TUF 5.3.4): give both sets with `keys`.
pub fn write_root(
    repo: &Path,
    change: &RootChange,
    keys: &[KeyPair],
    now: DateTime<Utc>,
) -> Result<RootWritten, String> {
    let current = latest_root(repo).ok();
    let (version, mut root) = match &current {
        Some((v, _, r)) => (v + 1, r.signed.clone()),
        None => {
            for (name, part) in [
                ("root", &change.root),
                ("targets", &change.targets),
                ("snapshot", &change.snapshot),
                ("timestamp", &change.timestamp),
            ] {
                if part.is_none() {
                    return Err(format!("the first root needs the {name} keys (--{name}-key)"));
                }
            }
            let root = Root {
                spec_version: SPEC_VERSION.into(),
                consistent_snapshot: true,
                version: nz(1)?,
                expires: jiff::Timestamp::MAX,
                keys: HashMap::new(),
                roles: HashMap::new(),
                _extra: HashMap::new(),
            };
            (1, root)
        }
    };
    root.version = nz(version)?;
    root.expires = days_from(now, change.expires_days)?;
    root.consistent_snapshot = change.consistent_snapshot;
    for (role, part) in [
        (RoleType::Root, &change.root),
        (RoleType::Targets, &change.targets),
        (RoleType::Snapshot, &change.snapshot),
        (RoleType::Timestamp, &change.timestamp),
    ] {
        let Some((keys, threshold)) = part else { continue };
        if keys.is_empty() {
            return Err(format!("the {role} role needs at least one key"));
        }
        if *threshold < 1 || *threshold > keys.len() as u64 {
            return Err(format!("{role} threshold {threshold} must be between 1 and its {} key(s)", keys.len()));
        }
        let mut ids = Vec::new();
        for k in keys {
            let id = k.key_id().map_err(|e| e.to_string())?;
            root.keys.insert(id.clone(), k.clone());
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        root.roles.insert(role, RoleKeys { keyids: ids, threshold: nz(*threshold)?, _extra: HashMap::new() });
    }
    // Keys no role names any more are dropped (revoked).
    let used: Vec<Decoded<Hex>> = root.roles.values().flat_map(|r| r.keyids.clone()).collect();
    root.keys.retain(|id, _| used.contains(id));
    let signed = sign_root(&root, current.as_ref().map(|c| &c.2.signed), keys)?;
    let new_ok = signed.signed.verify_role(&signed);
    let old_ok = current.as_ref().map(|c| c.2.signed.verify_role(&signed)).unwrap_or(Ok(()));
    if let Err(e) = new_ok.and(old_ok) {
        return Err(format!(
            "root version {version} is not signed as required: {e}. Give --key files of a threshold of the \
             current root keys and of the new ones"
        ));
    }
    let mut bytes = serde_json::to_vec_pretty(&signed).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    let path = metadata_dir(repo).join(format!("{version}.root.json"));
    write_atomic(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut roles: Vec<(String, Vec<String>, u64)> = signed
        .signed
        .roles
        .iter()
        .map(|(r, k)| (r.to_string(), k.keyids.iter().map(|i| super::to_hex(i)).collect(), k.threshold.get()))
        .collect();
    roles.sort();
    Ok(RootWritten {
        version,
        path,
        roles,
        signed_by: signed.signatures.iter().map(|s| super::to_hex(&s.keyid)).collect(),
    })
}

/// Signs root metadata with every given key that the new or the current root lists for the
/// root role.
fn sign_root(root: &Root, current: Option<&Root>, keys: &[KeyPair]) -> Result<Signed<Root>, String> {
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let ks = keysources(keys);
    let mut holders = vec![KeyHolder::Root(root.clone())];
    holders.extend(current.map(|c| KeyHolder::Root(c.clone())));
    let mut out: Option<Signed<Root>> = None;
    for h in holders {
        let s = tuf::block_on(tough::editor::signed::SignedRole::new(root.clone(), &h, &ks, &rng))
            .map_err(|e| e.to_string())?
            .map_err(tough_err)?;
        match &mut out {
            None => out = Some(s.signed().clone()),
            Some(o) => {
                for sig in &s.signed().signatures {
                    if !o.signatures.iter().any(|x| x.keyid == sig.keyid) {
                        o.signatures.push(sig.clone());
                    }
                }
            }
        }
    }
    out.ok_or_else(|| "nothing signed".into())
}

/// Options of `tariffs publish`.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub now: DateTime<Utc>,
    /// Days until the targets metadata expires (the tariff stays usable offline after it).
    pub targets_days: u32,
    pub snapshot_days: u32,
    /// Days until the timestamp expires: refresh it before (`tariffs refresh`).
    pub timestamp_days: u32,
    /// The test cases to carry as self-checks (default: `<dir>/../../tests/cases`).
    pub cases_dir: Option<PathBuf>,
}

impl PublishOptions {
    pub fn new(now: DateTime<Utc>) -> Self {
        PublishOptions { now, targets_days: 400, snapshot_days: 400, timestamp_days: 30, cases_dir: None }
    }
}

/// A built, unsigned tariff bundle and what the targets metadata says about it.
#[derive(Debug, Clone)]
pub struct Built {
    pub bundle: Bundle,
    pub bytes: Vec<u8>,
    pub info: TariffInfo,
}

/// What `tariffs publish` wrote.
#[derive(Debug, Clone)]
pub struct Published {
    pub built: Built,
    pub targets_version: u64,
    pub snapshot_version: u64,
    pub timestamp_version: u64,
    pub sha256: String,
    pub expires: DateTime<Utc>,
}

/// The `*.toml` sources of a tariff directory, by bare file name in name order.
pub fn read_sources(dir: &Path) -> Result<Vec<BundleFile>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in rd {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if !super::is_safe_name(&name) {
                return Err(format!("{}: file name must be [A-Za-z0-9._-]", path.display()));
            }
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            files.push(BundleFile { name, text });
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    if files.is_empty() {
        return Err(format!("{}: no .toml tariff files", dir.display()));
    }
    Ok(files)
}

/// The test cases of the organisation (`tariff = "<org>"`, without a known issue) under
/// `cases_dir` (tests/cases/), each checked against the tariff: a tariff that fails its own
/// hand-worked cases is not published.
pub fn read_cases(
    cases_dir: &Path,
    org: &str,
    tariff: &kustannusarvio_engine::Tariff,
) -> Result<Vec<BundleFile>, String> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    if cases_dir.is_dir() {
        walk(cases_dir, &mut paths).map_err(|e| format!("{}: {e}", cases_dir.display()))?;
    }
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name = p.strip_prefix(cases_dir).unwrap_or(&p).to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let case = kustannusarvio_engine::cases::parse_case(&name, &text).map_err(|e| e.to_string())?;
        if case.tariff != org || case.known_issue.is_some() {
            continue;
        }
        if !bundle::is_case_name(&name) {
            return Err(format!("{}: case file names are [a-z0-9_.-] under tests/cases/", p.display()));
        }
        let mismatches = kustannusarvio_engine::cases::check(tariff, &case);
        if !mismatches.is_empty() {
            let list: Vec<String> = mismatches.iter().map(|m| m.to_string()).collect();
            return Err(format!("the tariff fails its case {name}:\n  {}", list.join("\n  ")));
        }
        out.push(BundleFile { name, text });
    }
    Ok(out)
}

/// Where the cases of a tariff directory are by default: `<dir>/../../tests/cases`
/// (`tariffs/<org>` in the repository).
pub fn default_cases_dir(dir: &Path) -> std::path::PathBuf {
    dir.join("../../tests/cases")
}

/// The sources of a tariff directory and of the layers it extends (`[organisation] extends =
/// "national"` → the sibling `national/`), base first.
pub fn read_layered_sources(dir: &Path) -> Result<(Vec<BundleLayer>, Vec<BundleFile>), String> {
    let own = read_sources(dir)?;
    let mut bases: Vec<BundleLayer> = Vec::new();
    let mut files = own.clone();
    let mut cur = dir.to_path_buf();
    loop {
        let layer =
            kustannusarvio_engine::tariff::Layer::new("", files.iter().map(|f| (f.name.clone(), f.text.clone())));
        let Some(base) =
            kustannusarvio_engine::tariff::declared_base(&layer).map_err(|e| format!("invalid tariff: {e}"))?
        else {
            break;
        };
        if bases.len() >= 4 || !kustannusarvio_engine::tariff::layers::is_layer_name(&base) {
            return Err(format!("{}: bad `extends = \"{base}\"`", cur.display()));
        }
        cur = cur.parent().map(|p| p.join(&base)).unwrap_or_default();
        files = read_sources(&cur)?;
        bases.insert(0, BundleLayer { name: base, files: files.clone() });
    }
    Ok((bases, own))
}

/// Validates the tariff directory with the engine and builds the bundle (the organisation's
/// cases must pass).
pub fn build(dir: &Path, now: DateTime<Utc>, cases_dir: Option<&Path>) -> Result<Built, String> {
    let (base_layers, files) = read_layered_sources(dir)?;
    let tariff = kustannusarvio_engine::load_dir(dir).map_err(|e| format!("invalid tariff: {e}"))?;
    let org = tariff.organisation.id.clone();
    if !super::is_safe_name(&org) {
        return Err(format!("organisation id `{org}` must be [A-Za-z0-9._-]"));
    }
    let cases_dir = cases_dir.map(Path::to_path_buf).unwrap_or_else(|| default_cases_dir(dir));
    let cases = read_cases(&cases_dir, &org, &tariff)?;
    let bundle = Bundle { format: FORMAT, organisation: org.clone(), files, base_layers, cases };
    let bytes = serde_json::to_vec_pretty(&bundle).map_err(|e| e.to_string())?;
    let info = TariffInfo {
        organisation: org.clone(),
        tariff_version: tariff.organisation.version.clone(),
        published: now,
        newest_value_from: bundle::newest_value_from(&tariff),
    };
    // The publisher checks its own output exactly as a device will.
    bundle::verify_tariff(&bytes, &info, &org, super::MAX_BUNDLE_BYTES, Cases::Run).map_err(|e| e.to_string())?;
    Ok(Built { bundle, bytes, info })
}

/// `tariffs publish`: builds the bundle, signs new targets, snapshot and timestamp metadata with
/// `keys` (their roles' keys as the newest root names them) and writes them into the
/// repository: the bundle first, then targets, snapshot and the timestamp last, each atomically,
/// so that a device never sees metadata whose files are missing.
pub fn publish(dir: &Path, repo: &Path, keys: &[KeyPair], opt: &PublishOptions) -> Result<Published, String> {
    let built = build(dir, opt.now, opt.cases_dir.as_deref())?;
    publish_built(repo, built, keys, opt)
}

/// [`publish`] of an already built bundle.
pub fn publish_built(repo: &Path, built: Built, keys: &[KeyPair], opt: &PublishOptions) -> Result<Published, String> {
    let (root_version, _, _) = latest_root(repo)?;
    let root_path = metadata_dir(repo).join(format!("{root_version}.root.json"));
    let next = |kind: &str| versions(repo, kind).last().map_or(1, |v| v.saturating_add(1));
    let (tv, sv) = (next("targets"), next("snapshot"));
    let timestamp_version = read_timestamp(repo).map_or(1, |t| t.signed.version.get().saturating_add(1));
    let sha = super::sha256_hex(&built.bytes);
    let custom = HashMap::from([("tariff".to_string(), serde_json::to_value(&built.info).map_err(|e| e.to_string())?)]);
    let target = Target {
        length: built.bytes.len() as u64,
        hashes: Hashes { sha256: sha_decoded(&built.bytes), _extra: HashMap::new() },
        custom,
        _extra: HashMap::new(),
    };
    let staging = tempfile::Builder::new()
        .prefix(".publish-")
        .tempdir_in(ensure_dir(repo)?)
        .map_err(|e| format!("{}: {e}", repo.display()))?;
    let ks = keysources(keys);
    let (tx, sx, mx) = (
        days_from(opt.now, opt.targets_days)?,
        days_from(opt.now, opt.snapshot_days)?,
        days_from(opt.now, opt.timestamp_days)?,
    );
    let staging_path = staging.path().to_path_buf();
    tuf::block_on(async move {
        let mut ed = tough::editor::RepositoryEditor::new(&root_path).await.map_err(tough_err)?;
        ed.targets_version(nz(tv)?).map_err(tough_err)?.targets_expires(tx).map_err(tough_err)?;
        ed.add_target(TARGET_NAME, target).map_err(tough_err)?;
        ed.snapshot_version(nz(sv)?).snapshot_expires(sx);
        ed.timestamp_version(nz(timestamp_version)?).timestamp_expires(mx);
        let signed = ed.sign(&ks).await.map_err(tough_err)?;
        signed.write(&staging_path).await.map_err(tough_err)?;
        Ok::<(), String>(())
    })
    .map_err(|e| e.to_string())??;
    let targets_dir = repo.join("targets");
    ensure_dir(&targets_dir)?;
    write_atomic(&targets_dir.join(format!("{sha}.{TARGET_NAME}")), &built.bytes).map_err(|e| e.to_string())?;
    for name in [format!("{tv}.targets.json"), format!("{sv}.snapshot.json"), "timestamp.json".to_string()] {
        let bytes = std::fs::read(staging.path().join(&name)).map_err(|e| format!("{name}: {e}"))?;
        write_atomic(&metadata_dir(repo).join(&name), &bytes).map_err(|e| e.to_string())?;
    }
    Ok(Published {
        built,
        targets_version: tv,
        snapshot_version: sv,
        timestamp_version,
        sha256: sha,
        expires: tuf::jiff_to_chrono(tx.min(sx).min(mx)),
    })
}

fn ensure_dir(d: &Path) -> Result<&Path, String> {
    std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    Ok(d)
}

fn sha_decoded(bytes: &[u8]) -> Decoded<Hex> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec().into()
}

fn read_timestamp(repo: &Path) -> Option<Signed<Timestamp>> {
    serde_json::from_slice(&std::fs::read(metadata_dir(repo).join("timestamp.json")).ok()?).ok()
}

/// `tariffs refresh`: a new timestamp (version + 1, new expiry) for the current snapshot, signed
/// with the timestamp key — the periodic step that keeps devices updating (freshness).
pub fn refresh(
    repo: &Path,
    keys: &[KeyPair],
    now: DateTime<Utc>,
    timestamp_days: u32,
) -> Result<(u64, DateTime<Utc>), String> {
    let (_, _, root) = latest_root(repo)?;
    let sv = *versions(repo, "snapshot").last().ok_or("no snapshot yet: publish a tariff first")?;
    let snap = std::fs::read(metadata_dir(repo).join(format!("{sv}.snapshot.json"))).map_err(|e| e.to_string())?;
    let version = read_timestamp(repo).map_or(1, |t| t.signed.version.get().saturating_add(1));
    let expires = days_from(now, timestamp_days)?;
    let mut ts = Timestamp::new(SPEC_VERSION.into(), nz(version)?, expires);
    ts.meta.insert(
        "snapshot.json".into(),
        Metafile {
            length: Some(snap.len() as u64),
            hashes: Some(Hashes { sha256: sha_decoded(&snap), _extra: HashMap::new() }),
            version: nz(sv)?,
            _extra: HashMap::new(),
        },
    );
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let ks = keysources(keys);
    let signed = tuf::block_on(tough::editor::signed::SignedRole::new(ts, &KeyHolder::Root(root.signed), &ks, &rng))
        .map_err(|e| e.to_string())?
        .map_err(tough_err)?;
    write_atomic(&metadata_dir(repo).join("timestamp.json"), signed.buffer()).map_err(|e| e.to_string())?;
    Ok((version, tuf::jiff_to_chrono(expires)))
}

/// What `tariffs verify` found.
#[derive(Debug, Clone)]
pub struct Checked {
    pub view: tuf::TargetView,
    pub tariff: kustannusarvio_engine::Tariff,
    pub root_version: u64,
    /// Each role's expiry.
    pub expiries: Vec<(String, DateTime<Utc>)>,
}

/// Every file of a repository directory by name (`metadata/*`, `targets/*`).
pub fn read_repo(repo: &Path) -> Result<HashMap<String, Vec<u8>>, String> {
    let mut files = HashMap::new();
    for sub in ["metadata", "targets"] {
        let d = repo.join(sub);
        let rd = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for e in rd.filter_map(|e| e.ok()) {
            if e.path().is_file() {
                let b = std::fs::read(e.path()).map_err(|err| format!("{}: {err}", e.path().display()))?;
                files.insert(e.file_name().to_string_lossy().to_string(), b);
            }
        }
    }
    Ok(files)
}

/// `tariffs verify`: checks a repository exactly as a device would (from `anchor`: root chain,
/// signatures, versions, hashes, expiry, the tariff and its cases).
pub fn verify_repo(repo: &Path, anchor: &[u8], organisation: Option<&str>) -> Result<Checked, String> {
    let files = read_repo(repo)?;
    let (m, t) = tuf::memory_urls();
    let transport = tuf::Memory { files: std::sync::Arc::new(files) };
    let code = |e: super::BundleError| format!("{e} ({})", e.code());
    let (repo_loaded, bytes) = tuf::block_on(async move {
        let r = tough::RepositoryLoader::new(&anchor, m, t)
            .transport(transport)
            .limits(tuf::limits())
            .load()
            .await
            .map_err(|e| tuf::classify(&e))?;
        let name = tough::TargetName::new(TARGET_NAME).map_err(|e| super::BundleError::malformed("target", e))?;
        let s =
            r.read_target(&name).await.map_err(|e| tuf::classify(&e))?.ok_or(super::BundleError::RejectedNoTarget)?;
        let b = tough::IntoVec::into_vec(s).await.map_err(|e| tuf::classify(&e))?;
        Ok::<_, super::BundleError>((r, b))
    })
    .map_err(code)?
    .map_err(code)?;
    let view = tuf::target_view(&repo_loaded).map_err(code)?;
    let org = organisation.unwrap_or(&view.info.organisation).to_string();
    let (_, tariff) =
        bundle::verify_tariff(&bytes, &view.info, &org, super::MAX_BUNDLE_BYTES, Cases::Run).map_err(code)?;
    let c = tuf::jiff_to_chrono;
    Ok(Checked {
        root_version: repo_loaded.root().signed.version.get(),
        expiries: vec![
            ("root".into(), c(repo_loaded.root().signed.expires)),
            ("targets".into(), c(repo_loaded.targets().signed.expires)),
            ("snapshot".into(), c(repo_loaded.snapshot().signed.expires)),
            ("timestamp".into(), c(repo_loaded.timestamp().signed.expires)),
        ],
        view,
        tariff,
    })
}

/// The tariff of the newest publication in a repository directory (for `diff`; signatures not
/// checked — use `verify` for that).
pub fn published_tariff(repo: &Path) -> Result<kustannusarvio_engine::Tariff, String> {
    let tv = *versions(repo, "targets").last().ok_or_else(|| format!("{}: nothing published", repo.display()))?;
    let t: Signed<tough::schema::Targets> = serde_json::from_slice(
        &std::fs::read(metadata_dir(repo).join(format!("{tv}.targets.json"))).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let name = tough::TargetName::new(TARGET_NAME).map_err(|e| e.to_string())?;
    let target = t.signed.targets.get(&name).ok_or("no tariff target")?;
    let sha = super::to_hex(&target.hashes.sha256);
    let bytes = std::fs::read(repo.join("targets").join(format!("{sha}.{TARGET_NAME}"))).map_err(|e| e.to_string())?;
    let b = bundle::parse_bundle(&bytes, super::MAX_BUNDLE_BYTES).map_err(|e| e.to_string())?;
    bundle::load_bundle(&b).map_err(|e| e.to_string())
}

/// Writes `DIR/NAME.key` (PEM PKCS #8, owner-only) and `DIR/NAME.pub` (TUF key object).
pub fn write_keypair(dir: &Path, name: &str, kp: &KeyPair) -> Result<(PathBuf, PathBuf), String> {
    if !super::is_safe_name(name) {
        return Err("key name must be [A-Za-z0-9._-]".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let key_path = dir.join(format!("{name}.key"));
    let pub_path = dir.join(format!("{name}.pub"));
    if key_path.exists() {
        return Err(format!("{} exists; refusing to overwrite a key", key_path.display()));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&key_path).map_err(|e| format!("{}: {e}", key_path.display()))?;
    use std::io::Write;
    f.write_all(kp.to_pem()?.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| e.to_string())?;
    std::fs::write(&pub_path, kp.public_json()).map_err(|e| format!("{}: {e}", pub_path.display()))?;
    Ok((key_path, pub_path))
}

/// Reads a secret key file.
pub fn read_key(path: &Path) -> Result<KeyPair, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    KeyPair::from_pem(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a public key file.
pub fn read_public(path: &Path) -> Result<Key, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    super::keys::parse_public(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Signs one role's metadata with those of `keys` that `root` names for it and returns the file
/// bytes (for tests and repairs; publishing goes through [`publish`] and [`refresh`]).
pub fn sign_role<T>(role: T, root: &Root, keys: &[KeyPair]) -> Result<Vec<u8>, String>
where
    T: tough::schema::Role + serde::Serialize,
{
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let ks = keysources(keys);
    let signed = tuf::block_on(tough::editor::signed::SignedRole::new(role, &KeyHolder::Root(root.clone()), &ks, &rng))
        .map_err(|e| e.to_string())?
        .map_err(tough_err)?;
    Ok(signed.buffer().clone())
}
