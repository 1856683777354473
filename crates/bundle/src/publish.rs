//! Publisher side: build a bundle from a tariff directory, sign the manifest, publish a static
//! directory. Errors are plain messages for the CLI.

use super::keys::{KeyPair, PublicKey};
use super::manifest::{
    self, AnnouncedKey, Bundle, BundleFile, BundleLayer, FileEntry, Manifest, SignatureEntry, SignatureFile,
};
use super::{sha256_hex, store, to_hex, FORMAT};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Options of `tariffs build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub serial: u64,
    pub channel: String,
    pub expires_days: u32,
    pub now: DateTime<Utc>,
    /// Keys expected to sign (listed in `key_ids`).
    pub signers: Vec<String>,
    /// Keys announced for rotation.
    pub new_keys: Vec<PublicKey>,
    pub retired_keys: Vec<String>,
    /// The test cases to carry as self-checks (default: `<dir>/../../tests/cases`).
    pub cases_dir: Option<std::path::PathBuf>,
}

impl BuildOptions {
    /// A publication on the `stable` channel that expires 30 days after `now`, expecting no
    /// particular signers and announcing or retiring no keys.
    pub fn new(serial: u64, now: DateTime<Utc>) -> Self {
        BuildOptions {
            serial,
            channel: "stable".into(),
            expires_days: 30,
            now,
            signers: Vec::new(),
            new_keys: Vec::new(),
            retired_keys: Vec::new(),
            cases_dir: None,
        }
    }
}

/// A built, unsigned publication.
#[derive(Debug, Clone)]
pub struct Built {
    pub manifest: Manifest,
    pub manifest_bytes: Vec<u8>,
    pub bundle_name: String,
    pub bundle_bytes: Vec<u8>,
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
        if !manifest::is_case_name(&name) {
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

/// Validates the tariff directory with the engine and builds bundle + manifest.
pub fn build(dir: &Path, opt: &BuildOptions) -> Result<Built, String> {
    if !super::is_safe_name(&opt.channel) {
        return Err("channel must be a short name like `stable`".into());
    }
    let (base_layers, files) = read_layered_sources(dir)?;
    let tariff = kustannusarvio_engine::load_dir(dir).map_err(|e| format!("invalid tariff: {e}"))?;
    let org = tariff.organisation.id.clone();
    if !super::is_safe_name(&org) {
        return Err(format!("organisation id `{org}` must be [A-Za-z0-9._-]"));
    }
    let cases_dir = opt.cases_dir.clone().unwrap_or_else(|| default_cases_dir(dir));
    let cases = read_cases(&cases_dir, &org, &tariff)?;
    let bundle = Bundle { format: FORMAT, organisation: org.clone(), files, base_layers, cases };
    let bundle_bytes = serde_json::to_vec_pretty(&bundle).map_err(|e| e.to_string())?;
    let bundle_name = format!("bundle-{}.json", opt.serial);
    let manifest = Manifest {
        format: FORMAT,
        organisation: org,
        channel: opt.channel.clone(),
        serial: opt.serial,
        created_at: opt.now,
        expires_at: opt
            .now
            .checked_add_signed(chrono::Duration::days(i64::from(opt.expires_days.clamp(1, 36_600))))
            .ok_or("expiry out of range")?,
        tariff_version: tariff.organisation.version.clone(),
        newest_value_from: manifest::newest_value_from(&tariff),
        files: vec![FileEntry {
            name: bundle_name.clone(),
            sha256: sha256_hex(&bundle_bytes),
            size: bundle_bytes.len() as u64,
        }],
        key_ids: opt.signers.clone(),
        new_keys: opt.new_keys.iter().map(AnnouncedKey::from_public).collect(),
        retired_keys: opt.retired_keys.clone(),
    };
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    manifest_bytes.push(b'\n');
    // The publisher checks its own output exactly as a client would (minus signatures).
    let parsed = manifest::parse_manifest(&manifest_bytes).map_err(|e| e.to_string())?;
    manifest::verify_bundle(&parsed, &bundle_bytes, super::MAX_BUNDLE_BYTES).map_err(|e| e.to_string())?;
    Ok(Built { manifest, manifest_bytes, bundle_name, bundle_bytes })
}

/// Writes `OUT/manifest.json` and `OUT/bundle-N.json`; removes a stale `OUT/manifest.sig`.
pub fn write_build(out: &Path, built: &Built) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    store::write_atomic(&out.join(&built.bundle_name), &built.bundle_bytes).map_err(|e| e.to_string())?;
    let sig = out.join("manifest.sig");
    if sig.exists() {
        std::fs::remove_file(&sig).map_err(|e| format!("{}: {e}", sig.display()))?;
    }
    store::write_atomic(&out.join("manifest.json"), &built.manifest_bytes).map_err(|e| e.to_string())
}

/// Adds (or replaces) `key`'s signature over `manifest_bytes` in a signature file.
pub fn add_signature(existing: Option<&[u8]>, manifest_bytes: &[u8], key: &KeyPair) -> Result<Vec<u8>, String> {
    let mut sigs: SignatureFile = match existing {
        Some(b) => manifest::parse_signatures(b).unwrap_or_default(),
        None => SignatureFile::default(),
    };
    sigs.signatures.retain(|s| s.key_id != key.public.key_id);
    sigs.signatures
        .push(SignatureEntry { key_id: key.public.key_id.clone(), signature: to_hex(&key.sign(manifest_bytes)) });
    let mut out = serde_json::to_vec_pretty(&sigs).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// `tariffs sign OUT --key KEYFILE`: signs `OUT/manifest.json` into `OUT/manifest.sig`.
pub fn sign_dir(out: &Path, key: &KeyPair) -> Result<(), String> {
    let m = std::fs::read(out.join("manifest.json"))
        .map_err(|e| format!("{}: {e}", out.join("manifest.json").display()))?;
    manifest::parse_manifest(&m).map_err(|e| e.to_string())?;
    let sig_path = out.join("manifest.sig");
    let existing = std::fs::read(&sig_path).ok();
    let sigs = add_signature(existing.as_deref(), &m, key)?;
    store::write_atomic(&sig_path, &sigs).map_err(|e| e.to_string())
}

/// Reads a secret key file.
pub fn read_key(path: &Path) -> Result<KeyPair, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    KeyPair::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `DIR/NAME.key` (owner-only) and `DIR/NAME.pub`.
pub fn write_keypair(dir: &Path, name: &str, kp: &KeyPair) -> Result<(std::path::PathBuf, std::path::PathBuf), String> {
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
    f.write_all(kp.secret_text().as_bytes()).and_then(|_| f.sync_all()).map_err(|e| e.to_string())?;
    std::fs::write(&pub_path, kp.public_text()).map_err(|e| format!("{}: {e}", pub_path.display()))?;
    Ok((key_path, pub_path))
}

/// The serial of a manifest already in a web root, if any (signature not checked: the
/// publisher only uses it to count on).
pub fn published_serial(webroot: &Path) -> Option<u64> {
    let bytes = std::fs::read(webroot.join("manifest.json")).ok()?;
    manifest::parse_manifest(&bytes).ok().map(|m| m.serial)
}

/// `tariffs publish`: build, sign with every key, write into the web root. The bundle file is
/// written first, then the signature and the manifest, so a client never sees a manifest whose
/// bundle is missing. Old bundle files are kept.
pub fn publish(dir: &Path, keys: &[KeyPair], webroot: &Path, mut opt: BuildOptions) -> Result<Built, String> {
    if keys.is_empty() {
        return Err("at least one --key is required".into());
    }
    if let Some(prev) = published_serial(webroot) {
        if opt.serial <= prev {
            return Err(format!("serial {} must be greater than the published {prev}", opt.serial));
        }
    }
    opt.signers = keys.iter().map(|k| k.public.key_id.clone()).collect();
    let built = build(dir, &opt)?;
    let mut sigs: Option<Vec<u8>> = None;
    for k in keys {
        sigs = Some(add_signature(sigs.as_deref(), &built.manifest_bytes, k)?);
    }
    std::fs::create_dir_all(webroot).map_err(|e| format!("{}: {e}", webroot.display()))?;
    store::write_atomic(&webroot.join(&built.bundle_name), &built.bundle_bytes).map_err(|e| e.to_string())?;
    store::write_atomic(&webroot.join("manifest.sig"), sigs.as_deref().unwrap_or_default())
        .map_err(|e| e.to_string())?;
    store::write_atomic(&webroot.join("manifest.json"), &built.manifest_bytes).map_err(|e| e.to_string())?;
    Ok(built)
}
