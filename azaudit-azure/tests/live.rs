//! The collector against a local HTTPS server that answers like Azure.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use azaudit_azure::{CollectError, Collector};
use azaudit_core::{Config, CoverageStatus, Engine, Snapshot, Status};
use azaudit_fake_azure::{Behavior, Fault, Options};
use common::*;

/// The findings of one check, or of a service when `id` ends in `.`.
fn findings_of<'r>(report: &'r azaudit_core::Report, id: &str) -> Vec<&'r azaudit_core::Finding> {
    report
        .findings
        .iter()
        .filter(|f| {
            if id.ends_with('.') {
                f.check_id.starts_with(id)
            } else {
                &*f.check_id == id
            }
        })
        .collect()
}

type Outcome = BTreeSet<(String, String, String)>;

fn outcomes(s: &Snapshot, skip: &[&str]) -> Outcome {
    Engine::new(Config::default())
        .run(s)
        .findings
        .iter()
        .filter(|f| !skip.contains(&&*f.check_id))
        .map(|f| {
            (
                f.check_id.to_string(),
                f.resource_id.to_ascii_lowercase(),
                f.status.to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_tenant_collected_live_audits_like_the_file() {
    let server = serve(Options {
        page_size: 3,
        ..Default::default()
    });
    let (live, metrics) = collect(&server, options(&server, "*")).await;
    let file = Snapshot::load(DEMO).unwrap();

    // The tenant settings have no API: live, those checks are manual.
    let manual = [
        "iam.mfa_remember_device_disabled",
        "iam.password_reset_notify_users",
        "iam.admin_portal_restricted",
        "iam.self_service_group_management_disabled",
    ];
    let live_findings = outcomes(&live, &manual);
    let file_findings = outcomes(&file, &manual);
    let only_live: Vec<_> = live_findings.difference(&file_findings).collect();
    let only_file: Vec<_> = file_findings.difference(&live_findings).collect();
    assert!(
        only_live.is_empty() && only_file.is_empty(),
        "live and file audits differ:\nonly live: {only_live:#?}\nonly file: {only_file:#?}"
    );
    assert!(live_findings.len() > 150, "{}", live_findings.len());
    let report = Engine::new(Config::default()).run(&live);
    for id in manual {
        assert!(
            report
                .findings
                .iter()
                .filter(|f| &*f.check_id == id)
                .all(|f| f.status == Status::Manual)
        );
    }

    // The sandbox's faults are in the coverage, with Azure's reasons.
    let sandbox = format!("/subscriptions/{SANDBOX}");
    let (st, msg) = coverage(&live, &sandbox, "Microsoft.Sql/servers");
    assert_eq!(st, CoverageStatus::Forbidden);
    assert!(msg.starts_with("403 AuthorizationFailed"), "{msg}");
    let (st, msg) = coverage(&live, &sandbox, "Microsoft.Sql/servers/auditingSettings");
    assert_eq!(st, CoverageStatus::NotCollected);
    assert!(
        msg.contains("listing Microsoft.Sql/servers failed"),
        "{msg}"
    );
    let (st, msg) = coverage(&live, &sandbox, "Microsoft.Security/secureScores");
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("malformed response body"), "{msg}");
    let (st, msg) = coverage(&live, &sandbox, "Microsoft.Web/sites");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("500") && msg.contains("gave up after 3 attempts"),
        "{msg}"
    );
    let (st, _) = coverage(&live, &sandbox, "Microsoft.Network/bastionHosts");
    assert_eq!(st, CoverageStatus::Error);
    // A slot's records are collected under their site, and not where listing sites failed.
    let (st, _) = coverage(&live, &sandbox, "Microsoft.Web/sites/slots");
    assert_eq!(st, CoverageStatus::NotCollected);
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Web/sites/slots").0,
        CoverageStatus::Ok
    );
    assert!(live.get(&format!("/subscriptions/{PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Web/sites/app-fab-storefront/slots/staging/config/web")).is_some());
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Sql/servers").0,
        CoverageStatus::Ok
    );

    // No request twice, except the retries of the failing ones.
    let requests = server.requests();
    let mut seen = BTreeSet::new();
    for r in &requests {
        if r.status == 200 && !seen.insert(r.target.clone()) {
            panic!("requested twice: {}", r.target);
        }
    }
    let t = metrics.total();
    assert_eq!(
        t.requests as usize,
        requests.len(),
        "metrics count every request"
    );
    assert_eq!(
        t.retries, 4,
        "only the two persistent 500s (sites, Bastion hosts) were retried: {metrics:?}"
    );
    assert!(metrics.endpoints["graph"].requests >= 16 + 5);
    assert!(t.bytes > 10_000);
}

#[tokio::test]
async fn lists_follow_next_links_through_empty_pages() {
    let server = serve(Options {
        page_size: 2,
        empty_first_page: true,
        ..Default::default()
    });
    let (live, _) = collect(
        &server,
        options(&server, "storage.secure_transfer_required"),
    )
    .await;
    let file = Snapshot::load(DEMO).unwrap();
    let n = |s: &Snapshot| s.of_type("Microsoft.Storage/storageAccounts").count();
    assert_eq!(n(&live), n(&file));
    let reqs = server.requests();
    assert!(reqs.iter().any(|r| r.target.contains("$skiptoken=0")));
    assert!(reqs.iter().any(|r| r.target.contains("$skiptoken=2")));
    // Only what the check reads: subscriptions and storage accounts.
    for r in &reqs {
        assert!(
            r.target
                .contains("/providers/Microsoft.Storage/storageAccounts?")
                || r.target.starts_with("/subscriptions?"),
            "unexpected request {}",
            r.target
        );
    }
}

#[tokio::test]
async fn throttling_waits_for_retry_after_then_succeeds() {
    let server = serve(Options {
        faults: vec![Fault::new(
            &format!("/subscriptions/{PROD}/providers/microsoft.storage/storageaccounts?"),
            Behavior::Throttle(1, 1),
        )],
        ..Default::default()
    });
    let started = std::time::Instant::now();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
    let sink = seen.clone();
    let mut o = options(&server, "storage.secure_transfer_required");
    o.progress = Some(std::sync::Arc::new(move |p| {
        *sink.lock().unwrap() = Some(p)
    }));
    let (live, metrics) = collect(&server, o).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts").0,
        CoverageStatus::Ok
    );
    let arm = &metrics.endpoints["arm"];
    assert_eq!((arm.throttled, arm.retries), (1, 1));
    // The progress bar's counts: every HTTP request (the retry too) and the 429.
    let last = seen.lock().unwrap().expect("progress reported");
    assert_eq!(last.throttled, 1);
    assert_eq!(last.requests, metrics.total().requests);
    assert_eq!(
        last.requests as usize,
        last.total + 1,
        "one unit took two requests"
    );
}

#[tokio::test]
async fn a_transient_500_is_retried_and_a_persistent_one_recorded() {
    let server = serve(Options {
        faults: vec![
            Fault::new(
                &format!(
                    "/subscriptions/{PROD}/providers/microsoft.network/networksecuritygroups?"
                ),
                Behavior::FailTimes(1),
            ),
            Fault::new(
                &format!("/subscriptions/{PROD}/providers/microsoft.network/networkwatchers?"),
                Behavior::Status(500, "InternalServerError"),
            ),
        ],
        ..Default::default()
    });
    let (live, metrics) = collect(&server, options(&server, "network.*")).await;
    let prod = format!("/subscriptions/{PROD}");
    assert_eq!(
        coverage(&live, &prod, "Microsoft.Network/networkSecurityGroups").0,
        CoverageStatus::Ok
    );
    let (st, msg) = coverage(&live, &prod, "Microsoft.Network/networkWatchers");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("500 InternalServerError") && msg.contains("gave up after 3 attempts"),
        "{msg}"
    );
    assert_eq!(metrics.endpoints["arm"].retries, 1 + 2);
    let report = Engine::new(Config::default()).run(&live);
    let watcher = findings_of(&report, "network.watcher_enabled");
    assert!(
        watcher
            .iter()
            .any(|f| f.resource_id.eq_ignore_ascii_case(&prod) && f.status == Status::Unknown)
    );
    assert!(
        watcher
            .iter()
            .any(|f| !f.resource_id.contains(PROD) && f.status != Status::Unknown),
        "other subscriptions are judged"
    );
}

#[tokio::test]
async fn a_403_on_one_subscriptions_sql_makes_only_its_sql_checks_unknown() {
    let server = serve(Options {
        faults: vec![Fault::new(
            &format!("/subscriptions/{PROD}/providers/microsoft.sql/servers?"),
            Behavior::Status(403, "AuthorizationFailed"),
        )],
        ..Default::default()
    });
    let (live, _) = collect(&server, options(&server, "sql.*,storage.*")).await;
    let report = Engine::new(Config::default()).run(&live);
    let sql_in = |sub: &str| {
        report
            .findings
            .iter()
            .filter(move |f| {
                f.check_id.starts_with("sql.")
                    && !f.resource_type.contains("DBfor")
                    && f.resource_id.contains(sub)
            })
            .collect::<Vec<_>>()
    };
    let prod = sql_in(PROD);
    assert!(
        !prod.is_empty() && prod.iter().all(|f| f.status == Status::Unknown),
        "{prod:#?}"
    );
    assert!(
        prod.iter()
            .any(|f| f.message.contains("403 AuthorizationFailed"))
    );
    let dev = sql_in("8d2f6b9e-07c1-4a3d-b5e8-2a4c6e8f0b02");
    assert!(
        dev.iter().any(|f| f.status == Status::Fail),
        "the other subscriptions are judged: {dev:#?}"
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.check_id.starts_with("storage.")
                && f.resource_id.contains(PROD)
                && f.status == Status::Fail)
    );
}

#[tokio::test]
async fn a_failing_token_request_ends_the_collection_with_the_reason_and_no_secret() {
    let server = serve(Options::default());
    let url = server.url();
    let o = options(&server, "storage.*");
    let http = reqwest_client(&server);
    let cred = client_secret(&url, &server, "wrong-secret-value", http);
    let e = Collector::new(o, Some(cred))
        .unwrap()
        .collect()
        .await
        .unwrap_err();
    assert!(matches!(e, CollectError::Credential(_)), "{e:?}");
    let text = format!("{e} {e:?}");
    assert!(text.contains("AADSTS7000215"), "{text}");
    assert!(!text.contains("wrong-secret-value"), "{text}");
}

#[tokio::test]
async fn the_plan_follows_the_selection() {
    let server = serve(Options::default());
    let (live, _) = collect(&server, options(&server, "sql.tde_enabled")).await;
    let types: BTreeSet<String> = live
        .records()
        .map(|r| r.resource_type().to_string())
        .collect();
    assert_eq!(
        types,
        [
            "Microsoft.Sql/servers",
            "Microsoft.Sql/servers/databases",
            "Microsoft.Sql/servers/databases/transparentDataEncryption"
        ]
        .map(String::from)
        .into()
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.target.starts_with("/v1.0")),
        "no Graph call"
    );
}

#[tokio::test]
async fn unknown_subscriptions_are_recorded_and_the_others_collected() {
    let server = serve(Options::default());
    let mut o = options(&server, "storage.secure_transfer_required");
    o.subscriptions = vec![PROD.into(), "00000000-dead-beef-0000-000000000000".into()];
    let (live, _) = collect(&server, o).await;
    let (st, msg) = coverage(
        &live,
        "/subscriptions/00000000-dead-beef-0000-000000000000",
        "Microsoft.Storage/storageAccounts",
    );
    assert_eq!(st, CoverageStatus::Error);
    assert!(msg.contains("SubscriptionNotFound"), "{msg}");
    assert!(live.of_type("Microsoft.Storage/storageAccounts").count() > 0);
    assert_eq!(live.tenant_id(), Some(server.tenant_id()));
}

#[tokio::test]
async fn a_request_that_outlives_its_timeout_is_retried_then_recorded() {
    let server = serve(Options {
        latency: Duration::from_millis(400),
        ..Default::default()
    });
    let mut o = options(&server, "storage.secure_transfer_required");
    o.subscriptions = vec![PROD.into()];
    o.request_timeout = Duration::from_millis(150);
    let (live, metrics) = collect(&server, o).await;
    // Even the subscription could not be read in time: the scan says so, and what it lacks.
    let (st, msg) = sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts");
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("request timed out") && msg.contains("gave up after 3 attempts"),
        "{msg}"
    );
    assert_eq!(metrics.endpoints["arm"].retries, 2);
    let report = Engine::new(Config::default()).run(&live);
    let storage = findings_of(&report, "storage.");
    assert!(
        !storage.is_empty() && storage.iter().all(|f| f.status == Status::Unknown),
        "{storage:#?}"
    );
}

#[tokio::test]
async fn progress_reaches_its_total_and_sources_are_interchangeable() {
    use azaudit_azure::{Progress, SnapshotFile, Source};
    let server = serve(Options::default());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Progress>::new()));
    let sink = seen.clone();
    let mut o = options(&server, "storage.*");
    o.progress = Some(std::sync::Arc::new(move |p| sink.lock().unwrap().push(p)));
    let live: Box<dyn Source> = Box::new(Collector::new(o, static_token()).unwrap());
    let file: Box<dyn Source> = Box::new(SnapshotFile::new(DEMO));
    let mut counts = Vec::new();
    for source in [&live, &file] {
        let snapshot = source.snapshot().await.unwrap();
        counts.push(
            snapshot
                .of_type("Microsoft.Storage/storageAccounts")
                .count(),
        );
    }
    assert_eq!(counts[0], counts[1], "the same tenant either way");
    let seen = seen.lock().unwrap().clone();
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(seen.iter().all(|p| p.done <= p.total));
    assert!(
        seen.windows(2)
            .all(|w| w[0].done <= w[1].done && w[0].total <= w[1].total),
        "reports arrive in order: {seen:?}"
    );
    assert_eq!(
        last.total,
        server.requests().len(),
        "one unit per request here (no retries, one page each)"
    );
    let missing = SnapshotFile::new("/nonexistent/tenant.json")
        .snapshot()
        .await
        .unwrap_err();
    assert!(matches!(missing, CollectError::Snapshot(_)), "{missing:?}");
}

#[tokio::test]
async fn an_unregistered_provider_means_no_resources_and_a_graph_403_means_unknown() {
    let server = serve(Options {
        faults: vec![
            Fault::new(
                &format!("/subscriptions/{PROD}/providers/microsoft.keyvault/vaults?"),
                Behavior::Status(409, "MissingSubscriptionRegistration"),
            ),
            Fault::new(
                "/v1.0/reports/authenticationmethods/userregistrationdetails",
                Behavior::Status(403, "Authorization_RequestDenied"),
            ),
        ],
        ..Default::default()
    });
    let (live, _) = collect(
        &server,
        options(
            &server,
            "keyvault.*,general.*,iam.mfa_privileged_users,iam.no_guest_users",
        ),
    )
    .await;
    let prod = format!("/subscriptions/{PROD}");
    // A subscription that never registered Microsoft.KeyVault has no vaults: collected, empty.
    assert_eq!(
        coverage(&live, &prod, "Microsoft.KeyVault/vaults").0,
        CoverageStatus::Ok
    );
    assert_eq!(
        live.of_type("Microsoft.KeyVault/vaults")
            .filter(|r| r.id().contains(PROD))
            .count(),
        0
    );
    let tenant = format!("/tenants/{}", server.tenant_id());
    let (st, msg) = coverage(&live, &tenant, "Microsoft.Graph/userRegistrationDetails");
    assert_eq!(st, CoverageStatus::Forbidden);
    assert!(msg.contains("403 Authorization_RequestDenied"), "{msg}");
    let report = Engine::new(Config::default()).run(&live);
    let mfa = findings_of(&report, "iam.mfa_privileged_users");
    // Without registration details only conditional access can pass a user; nobody is failed
    // for lack of data.
    assert!(
        !mfa.is_empty() && mfa.iter().all(|f| f.status != Status::Fail),
        "{mfa:#?}"
    );
    assert!(
        mfa.iter()
            .any(|f| f.status == Status::Unknown
                && f.message.contains("Authorization_RequestDenied"))
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| &*f.check_id == "iam.no_guest_users" && f.status == Status::Fail)
    );
}

/// Tokens for ARM only, as a credential without consent for Graph would give.
#[derive(Debug)]
struct ArmOnly {
    arm_scope: String,
}

#[async_trait::async_trait]
impl azure_core::credentials::TokenCredential for ArmOnly {
    async fn get_token(
        &self,
        scopes: &[&str],
        _: Option<azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> azure_core::Result<azure_core::credentials::AccessToken> {
        use azure_core::time::{Duration, OffsetDateTime};
        if scopes == [self.arm_scope.as_str()] {
            Ok(azure_core::credentials::AccessToken::new(
                azaudit_fake_azure::STATIC_TOKEN.to_string(),
                OffsetDateTime::now_utc() + Duration::hours(1),
            ))
        } else {
            Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                format!("AADSTS65001: no consent for {}", scopes.join(" ")),
            ))
        }
    }
}

#[tokio::test]
async fn without_a_graph_token_the_arm_data_is_still_collected() {
    let server = serve(Options::default());
    let arm = server.url();
    // The same server under another name, so that the two APIs have different scopes.
    let graph = arm.replace("127.0.0.1", "localhost");
    let mut o = options(
        &server,
        "storage.secure_transfer_required,iam.no_guest_users",
    );
    o.cloud = azaudit_azure::CloudProfile::custom(&arm, &graph, &arm).unwrap();
    let cred = std::sync::Arc::new(ArmOnly {
        arm_scope: format!("{arm}/.default"),
    });
    let (live, _) = Collector::new(o, Some(cred))
        .unwrap()
        .collect_with_metrics()
        .await
        .unwrap();
    assert_eq!(
        sub_coverage(&live, PROD, "Microsoft.Storage/storageAccounts").0,
        CoverageStatus::Ok
    );
    let (st, msg) = coverage(
        &live,
        &format!("/tenants/{}", server.tenant_id()),
        "Microsoft.Graph/users",
    );
    assert_eq!(st, CoverageStatus::Error);
    assert!(
        msg.contains("no token for Microsoft Graph") && msg.contains("AADSTS65001"),
        "{msg}"
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.target.starts_with("/v1.0")),
        "no Graph call without a token"
    );
    let report = Engine::new(Config::default()).run(&live);
    let guests = findings_of(&report, "iam.no_guest_users");
    assert!(
        !guests.is_empty() && guests.iter().all(|f| f.status == Status::Unknown),
        "{guests:#?}"
    );
    assert!(report.findings.iter().any(|f| &*f.check_id == "storage.secure_transfer_required" && f.status == Status::Fail));
}
