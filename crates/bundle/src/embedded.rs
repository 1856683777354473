//! The bundle compiled into the app (last-resort fallback, so a fresh install works offline).
//!
//! The app embeds the three published files and hands them over:
//! ```ignore
//! let fb = EmbeddedBundle::new(
//!     include_bytes!("../tariffs-dist/manifest.json"),
//!     include_bytes!("../tariffs-dist/manifest.sig"),
//!     include_bytes!("../tariffs-dist/bundle.json"),
//! );
//! let (tariff, verified) = fb.verify(&Trust::embedded(), Some("paijat-hame"), "stable", chrono::Utc::now())?;
//! ```
//! The embedded bundle is verified like a downloaded one (signatures, hash, engine load,
//! self-check) except that expiry is reported, not rejected.

use super::keys::Trust;
use super::manifest::{self, Expect, Verified};
use super::BundleError;
use chrono::{DateTime, Utc};
use kustannusarvio_engine::tariff::Tariff;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedBundle {
    pub manifest: Vec<u8>,
    pub signatures: Vec<u8>,
    pub bundle: Vec<u8>,
}

impl EmbeddedBundle {
    pub fn new(manifest: &[u8], signatures: &[u8], bundle: &[u8]) -> Self {
        EmbeddedBundle { manifest: manifest.to_vec(), signatures: signatures.to_vec(), bundle: bundle.to_vec() }
    }

    /// Verifies and loads, as at start-up: the bundle's cases ran when it was built, so they are
    /// not run again. `organisation = None` accepts the bundle's own organisation.
    pub fn verify(
        &self,
        trust: &Trust,
        organisation: Option<&str>,
        channel: &str,
        now: DateTime<Utc>,
    ) -> Result<(Tariff, Verified), BundleError> {
        verify_with(
            &self.manifest,
            &self.signatures,
            &self.bundle,
            (trust, organisation, channel),
            now,
            manifest::Cases::AlreadyPassed,
        )
    }
}

/// Given manifest, signature and bundle bytes: verify everything, the organisation's cases
/// included, and return the tariff. Expiry is not an error here (`verified.manifest.expires_at`
/// tells it).
pub fn verify(
    manifest_bytes: &[u8],
    signature_bytes: &[u8],
    bundle_bytes: &[u8],
    trust: &Trust,
    organisation: Option<&str>,
    channel: &str,
    now: DateTime<Utc>,
) -> Result<(Tariff, Verified), BundleError> {
    verify_with(
        manifest_bytes,
        signature_bytes,
        bundle_bytes,
        (trust, organisation, channel),
        now,
        manifest::Cases::Run,
    )
}

fn verify_with(
    manifest_bytes: &[u8],
    signature_bytes: &[u8],
    bundle_bytes: &[u8],
    (trust, organisation, channel): (&Trust, Option<&str>, &str),
    now: DateTime<Utc>,
    cases: manifest::Cases,
) -> Result<(Tariff, Verified), BundleError> {
    let expect = Expect { organisation, channel, reject_expired: false };
    let v = manifest::verify_manifest(manifest_bytes, signature_bytes, trust, &expect, now)?;
    let t = manifest::verify_bundle_with(&v.manifest, bundle_bytes, super::MAX_BUNDLE_BYTES, cases)?;
    Ok((t, v))
}
