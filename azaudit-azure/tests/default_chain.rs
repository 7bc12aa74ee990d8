//! The default credential chain, link by link, against the local fake Azure: a workload
//! identity's federated token, App Service's managed identity endpoint, the Azure CLI (a
//! stand-in `az` on `PATH`), and none of them. Nothing leaves loopback: the managed identity
//! link is always pointed at the fake server, never at the instance metadata address.
//! Its own test binary with one test: it sets environment variables, which nothing else in
//! the process may read meanwhile.

mod common;

use std::path::{Path, PathBuf};

use azaudit_azure::{CollectError, Collector};
use azaudit_core::CoverageStatus;
use azaudit_fake_azure::{FEDERATED_TOKEN, FakeAzure, Options, STATIC_TOKEN};
use common::*;

/// Every variable a link of the chain reads, so a developer's own sign-in cannot leak in.
const CHAIN_VARIABLES: &[&str] = &[
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_FEDERATED_TOKEN_FILE",
    "AZURE_AUTHORITY_HOST",
    "IDENTITY_ENDPOINT",
    "IDENTITY_HEADER",
    "MSI_ENDPOINT",
    "MSI_SECRET",
    "IMDS_ENDPOINT",
    "AZURE_POD_IDENTITY_AUTHORITY_HOST",
];
const IDENTITY_HEADER: &str = "fake-identity-header";

/// Set the chain's environment: exactly `vars`, and `PATH` as given.
fn environment(vars: &[(&str, &str)], path: &Path) {
    // SAFETY: this binary has one test, whose runtime is on this thread; no other thread
    // reads the environment while it changes.
    unsafe {
        for k in CHAIN_VARIABLES {
            std::env::remove_var(k);
        }
        for (k, v) in vars {
            std::env::set_var(k, v);
        }
        std::env::set_var("PATH", path);
    }
}

/// Collect one storage check's data with the default chain (no credential passed).
fn collect_with_default_chain(
    rt: &tokio::runtime::Runtime,
    server: &FakeAzure,
) -> Result<azaudit_core::Snapshot, CollectError> {
    let mut o = options(server, "storage.secure_transfer_required");
    o.subscriptions = vec![PROD.to_string()];
    rt.block_on(async { Collector::new(o, None)?.collect().await })
}

fn storage_collected(s: &azaudit_core::Snapshot) -> bool {
    sub_coverage(s, PROD, "Microsoft.Storage/storageAccounts").0 == CoverageStatus::Ok
        && s.of_type("Microsoft.Storage/storageAccounts").count() > 0
}

/// Requests to `path` (ending) answered with `status`, since the log held `from` entries.
fn answered(server: &FakeAzure, from: usize, path: &str, status: u16) -> usize {
    server.requests()[from..]
        .iter()
        .filter(|r| {
            r.target
                .split('?')
                .next()
                .unwrap_or_default()
                .ends_with(path)
        })
        .filter(|r| r.status == status)
        .count()
}

fn write_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn each_link_of_the_default_chain_signs_in_and_a_chain_with_none_says_why() {
    let server = serve(Options::default());
    let url = server.url();
    let dir: PathBuf =
        std::env::temp_dir().join(format!("azaudit-default-chain-{}", std::process::id()));
    let empty_bin = dir.join("empty-bin");
    let cli_bin = dir.join("cli-bin");
    std::fs::create_dir_all(&empty_bin).unwrap();
    std::fs::create_dir_all(&cli_bin).unwrap();
    let federated = dir.join("federated-token");
    std::fs::write(&federated, FEDERATED_TOKEN).unwrap();
    // A stand-in for `az account get-access-token -o json --scope <scope>` (Azure CLI 2.54 or
    // later prints `expires_on`); it notes its arguments for the assertions below.
    let az_args = dir.join("az-args");
    write_executable(
        &cli_bin.join("az"),
        &format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nprintf '%s' '{{\"accessToken\": \"{STATIC_TOKEN}\", \"expiresOn\": \"2099-12-31 23:59:59.000000\", \"expires_on\": 4102444799, \"subscription\": \"{PROD}\", \"tenant\": \"{}\", \"tokenType\": \"Bearer\"}}'\n",
            az_args.display(),
            server.tenant_id(),
        ),
    );
    // App Service's endpoint is plain http on the host, as the platform serves it.
    let msi = format!("{}/msi/token", server.http_url());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    // 1. Workload identity (AKS, GitHub OIDC): the federated token is exchanged at the
    //    authority; the managed identity endpoint is never asked.
    let before = server.requests().len();
    environment(
        &[
            ("AZURE_TENANT_ID", server.tenant_id()),
            ("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555"),
            ("AZURE_FEDERATED_TOKEN_FILE", federated.to_str().unwrap()),
            ("IDENTITY_ENDPOINT", &msi),
            ("IDENTITY_HEADER", IDENTITY_HEADER),
        ],
        &empty_bin,
    );
    let s = collect_with_default_chain(&rt, &server).expect("workload identity signs in");
    assert!(storage_collected(&s));
    assert!(answered(&server, before, "/oauth2/v2.0/token", 200) >= 1);
    assert_eq!(answered(&server, before, "/msi/token", 200), 0);

    // 2. Managed identity, as App Service and Functions expose it.
    let before = server.requests().len();
    environment(
        &[
            ("IDENTITY_ENDPOINT", &msi),
            ("IDENTITY_HEADER", IDENTITY_HEADER),
        ],
        &empty_bin,
    );
    let s = collect_with_default_chain(&rt, &server).expect("managed identity signs in");
    assert!(storage_collected(&s));
    assert!(answered(&server, before, "/msi/token", 200) >= 1);
    assert_eq!(answered(&server, before, "/oauth2/v2.0/token", 200), 0);

    // 2b. Managed identity on a VM: the instance metadata service, plain http, here moved
    //     to the fake server the way the Azure SDKs move it for a pod identity.
    let before = server.requests().len();
    environment(
        &[("AZURE_POD_IDENTITY_AUTHORITY_HOST", &server.http_url())],
        &empty_bin,
    );
    let s = collect_with_default_chain(&rt, &server).expect("the VM's identity signs in");
    assert!(storage_collected(&s));
    assert!(answered(&server, before, "/metadata/identity/oauth2/token", 200) >= 1);
    assert_eq!(answered(&server, before, "/oauth2/v2.0/token", 200), 0);

    // 3. The Azure CLI, after a managed identity endpoint that refuses this caller.
    let before = server.requests().len();
    environment(
        &[
            ("IDENTITY_ENDPOINT", &msi),
            ("IDENTITY_HEADER", "not-this-host's-header"),
        ],
        &cli_bin,
    );
    let s = collect_with_default_chain(&rt, &server).expect("the Azure CLI signs in");
    assert!(storage_collected(&s));
    assert!(answered(&server, before, "/msi/token", 401) >= 1);
    let args = std::fs::read_to_string(&az_args).expect("az was run");
    assert!(
        args.contains("account get-access-token") && args.contains(&format!("--scope {url}/")),
        "{args}"
    );

    // 4. No link works (a federated token the authority does not trust, a managed identity
    //    endpoint that refuses, no `az`): one error that names each link with its reason,
    //    and no secret.
    std::fs::write(&federated, "a-token-from-elsewhere").unwrap();
    environment(
        &[
            ("AZURE_TENANT_ID", server.tenant_id()),
            ("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555"),
            ("AZURE_FEDERATED_TOKEN_FILE", federated.to_str().unwrap()),
            ("IDENTITY_ENDPOINT", &msi),
            ("IDENTITY_HEADER", "not-this-host's-header"),
        ],
        &empty_bin,
    );
    let e = collect_with_default_chain(&rt, &server).expect_err("nothing to sign in with");
    assert!(matches!(e, CollectError::Credential(_)), "{e:?}");
    let text = format!("{e} {e:?}");
    for expected in [
        "WorkloadIdentityCredential",
        "AADSTS700211",
        "ManagedIdentityCredential",
        "AzureCliCredential",
        "az login",
    ] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    for secret in ["not-this-host's-header", "a-token-from-elsewhere"] {
        assert!(!text.contains(secret), "{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
