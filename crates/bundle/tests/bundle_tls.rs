//! HTTPS on loopback with the intranet's own CA: trusted only when the client is given the CA.
#![cfg(feature = "update")]

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::client::check_for_update;

fn ca() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bundle/tls/ca.pem")).unwrap()
}

#[test]
fn https_with_the_intranet_root_ca() {
    let server = Server::start_tls();
    server.serve(&good(1));
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path());
    // Without the CA the certificate is not trusted: nothing is installed.
    let s = check_for_update(&st, &client(&server.https_url()), now());
    assert_eq!(s.code(), "tls_error", "{s:?}");
    assert_eq!(st.load(now()).unwrap_err().code(), "no_tariff");
    // With the CA (`--ca-cert`), the update goes through.
    let mut c = client(&server.https_url());
    c.extra_root_ca_pem = Some(ca());
    assert_eq!(check_for_update(&st, &c, now()).code(), "updated");
    assert_active(&st, 1);
    // A tampered bundle over HTTPS is still rejected by its signed hash.
    let p = good(2);
    let mut bad = p.bundle.clone();
    let i = bad.len() / 2;
    bad[i] ^= 1;
    server.serve(&Pub { bundle: bad, ..p });
    assert_eq!(check_for_update(&st, &c, now()).code(), "rejected_hash_mismatch");
    assert_active(&st, 1);
}
