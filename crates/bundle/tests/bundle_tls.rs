//! HTTPS on loopback with the intranet's own CA: trusted only when the client is given the CA;
//! a redirect from HTTPS to plain HTTP is refused with its own status.
#![cfg(feature = "update")]

mod bundle_support;
use bundle_support::*;
use kustannusarvio_bundle::client::check_for_update;

fn ca() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bundle/tls/ca.pem")).unwrap()
}

#[test]
fn https_with_the_intranet_root_ca() {
    let repo = Repo::published();
    let server = Server::start_tls();
    server.serve_dir(repo.path());
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path(), &repo);
    // Without the CA the certificate is not trusted: nothing is installed.
    let s = check_for_update(&st, &client(&server.https_url()), now());
    assert_eq!(s.code(), "tls_error", "{s:?}");
    assert_eq!(st.load(now()).unwrap_err().code(), "no_tariff");
    // With the CA (`--ca-cert`), the update goes through.
    let mut c = client(&server.https_url());
    c.net.extra_root_ca_pem = Some(ca());
    assert_eq!(check_for_update(&st, &c, now()).code(), "updated");
    assert_active(&st, 1);
    // A tampered bundle over HTTPS is still rejected by its signed hash.
    let changed = tempfile::tempdir().unwrap();
    let p = repo.publish_dir(&changed_tariff(changed.path()));
    let path = repo.path().join("targets").join(format!("{}.tariff.json", p.sha256));
    let mut bad = std::fs::read(&path).unwrap();
    let i = bad.len() / 2;
    bad[i] ^= 1;
    std::fs::write(&path, bad).unwrap();
    assert_eq!(check_for_update(&st, &c, now()).code(), "rejected_hash_mismatch");
    assert_active(&st, 1);
}

#[test]
fn https_to_http_redirect_is_a_downgrade() {
    let repo = Repo::published();
    let server = Server::start_tls();
    let plain = Server::start();
    server.serve_dir(repo.path());
    plain.serve_dir(repo.path());
    let tmp = tempfile::tempdir().unwrap();
    let st = store(tmp.path(), &repo);
    let mut c = client(&server.https_url());
    c.net.extra_root_ca_pem = Some(ca());
    assert_eq!(check_for_update(&st, &c, now()).code(), "updated");
    // the same host, plain HTTP
    server.set(
        "metadata/timestamp.json",
        Reply::Redirect(format!("http://localhost:{}/metadata/timestamp.json", plain.port)),
    );
    let s = check_for_update(&st, &c, now());
    assert_eq!(s.code(), "redirect_downgrade", "{s:?}");
    assert_eq!(plain.hits("metadata/timestamp.json"), 0, "nothing was fetched over plain HTTP");
    assert_active(&st, 1);
}
