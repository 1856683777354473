//! The trust anchors compiled into the app and the CLI: each organisation's root metadata
//! (`tariffs/trust/<organisation>.root.json`), made at the organisation's key ceremony
//! (docs/bundles.md). A device trusts exactly the keys this root names, and from there every
//! newer root version the organisation publishes (key rotation and revocation without an app
//! release). An organisation without an anchor has no updates: the app computes with the tariff
//! compiled into it.
//!
//! To add an organisation: put its `1.root.json` (or a later version) at
//! `tariffs/trust/<organisation>.root.json` and add a line below.

/// `(organisation id, root metadata)`.
pub const ANCHORS: &[(&str, &[u8])] = &[];

/// The compiled-in root metadata of `organisation`, if it has one.
pub fn anchor(organisation: &str) -> Option<&'static [u8]> {
    ANCHORS.iter().find(|(o, _)| *o == organisation).map(|(_, r)| *r)
}
