//! `appservice.runtime_current`

#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule};
use crate::config::RuntimeVersions;
use crate::finding::Severity;
use crate::model::SiteConfig;

/// Web apps run a supported language runtime.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "appservice.runtime_current",
        title: "App Service apps run a currently supported language runtime",
        service: "appservice",
        level: 2,
        severity: Severity::Medium,
        reads: super::WEB_CONFIG_READS,
        rule: "Per site and deployment slot, from `config/web`: the stack comes from `linuxFxVersion` / `windowsFxVersion` when set (`PYTHON|3.12`, `DOTNETCORE|8.0`, `NODE|20-lts`, `JAVA|17-java17`, `TOMCAT|10.1-java17`, `PHP|8.2`), else from `netFrameworkVersion` (v5 and later; v4.x is .NET Framework, not judged), `phpVersion`, `pythonVersion`, `javaVersion` and `nodeVersion`. Fail when a stack is older than its minimum: `cfg.min_runtime_versions` when set, else the oldest version still supported at the evaluation time by the check's dated table (end of support: .NET 8 and 9 2026-11-10, .NET 10 2028-11-14; Python 3.10 2026-10-31, 3.11 2027-10-31; Node 20 2026-04-30, 22 2027-04-30; PHP 8.2 2026-12-31, 8.3 2027-12-31), Java 17 (stricter than Microsoft's support for Java 11, by choice: 11 gets no new App Service features); pass otherwise; unknown when no known stack is found (containers, or nothing set).",
        rationale: "Runtimes past end of support get no security fixes; every vulnerability found after that date stays open in the app.",
        remediation: Remediation {
            portal: "App Service > Settings > Configuration > General settings > Stack settings: choose a supported major version, test, and swap.",
            cli: "az webapp config set --resource-group <rg> --name <app> --linux-fx-version \"PYTHON|3.12\"",
        },
        cis: &["9.7", "9.8", "9.9"],
        references: &["https://learn.microsoft.com/azure/app-service/language-support-policy"],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn numbers(v: &str) -> Vec<u32> {
    v.trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .take_while(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect()
}

fn java_version(v: &str) -> Vec<u32> {
    // `17-java17`, `10.1-java17`, `9.0-jre8`: the Java version follows `java`/`jre`.
    let lower = v.to_ascii_lowercase();
    if let Some(p) = lower
        .find("java")
        .map(|p| p + 4)
        .or_else(|| lower.find("jre").map(|p| p + 3))
    {
        return numbers(&lower[p..]);
    }
    let n = numbers(v);
    // Java 8 is spelled 1.8.
    if n.first() == Some(&1) {
        n[1..].to_vec()
    } else {
        n
    }
}

fn older(have: &[u32], want: &[u32]) -> bool {
    // Missing parts count as 0: 3.8 is 3.8.0.
    let len = have.len().max(want.len());
    let pad = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(0);
    (0..len)
        .map(|i| pad(have, i).cmp(&pad(want, i)))
        .find(|o| o.is_ne())
        .is_some_and(|o| o.is_lt())
}

/// (stack, its version numbers, where it was read) for each stack the config names.
fn stacks<'c>(c: &'c SiteConfig) -> Vec<(&'static str, Vec<u32>, &'c str)> {
    let fx = [
        c.linux_fx_version.as_deref(),
        c.windows_fx_version.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.trim().is_empty());
    if let Some(fx) = fx {
        let (name, ver) = fx.split_once('|').unwrap_or((fx, ""));
        const STACKS: [(&str, &str); 9] = [
            ("PYTHON", "python"),
            ("NODE", "node"),
            ("PHP", "php"),
            ("JAVA", "java"),
            ("TOMCAT", "java"),
            ("JBOSSEAP", "java"),
            ("DOTNETCORE", "dotnet"),
            ("DOTNET", "dotnet"),
            ("DOTNET-ISOLATED", "dotnet"),
        ];
        let name = name.trim();
        let Some(&(_, stack)) = STACKS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) else {
            return Vec::new();
        };
        let v = if stack == "java" {
            java_version(ver)
        } else {
            numbers(ver)
        };
        return if v.is_empty() {
            Vec::new()
        } else {
            vec![(stack, v, fx)]
        };
    }
    let mut out = Vec::new();
    let mut add = |stack: &'static str, v: Option<&'c str>, parse: fn(&str) -> Vec<u32>| {
        if let Some(s) = v.filter(|s| !s.trim().is_empty()) {
            let n = parse(s);
            if !n.is_empty() {
                out.push((stack, n, s));
            }
        }
    };
    add("php", c.php_version.as_deref(), numbers);
    add("python", c.python_version.as_deref(), numbers);
    add("java", c.java_version.as_deref(), java_version);
    add("node", c.node_version.as_deref(), numbers);
    if let Some(n) = c
        .net_framework_version
        .as_deref()
        .map(numbers)
        .filter(|n| n.first().is_some_and(|m| *m >= 5))
    {
        out.push((
            "dotnet",
            n,
            c.net_framework_version.as_deref().unwrap_or_default(),
        ));
    }
    out
}

/// When each stack's versions leave support (the end of security fixes), oldest first.
const END_OF_SUPPORT: &[(&str, &str, &str)] = &[
    ("dotnet", "6", "2024-11-12"),
    ("dotnet", "8", "2026-11-10"),
    ("dotnet", "9", "2026-11-10"),
    ("dotnet", "10", "2028-11-14"),
    ("python", "3.8", "2024-10-07"),
    ("python", "3.9", "2025-10-31"),
    ("python", "3.10", "2026-10-31"),
    ("python", "3.11", "2027-10-31"),
    ("python", "3.12", "2028-10-31"),
    ("python", "3.13", "2029-10-31"),
    ("node", "18", "2025-04-30"),
    ("node", "20", "2026-04-30"),
    ("node", "22", "2027-04-30"),
    ("node", "24", "2028-04-30"),
    ("php", "8.1", "2025-12-31"),
    ("php", "8.2", "2026-12-31"),
    ("php", "8.3", "2027-12-31"),
    ("php", "8.4", "2028-12-31"),
];

/// The minimum for a stack: the configured one, else the oldest version still supported at
/// `now` (the newest listed once all have retired).
fn minimum(mins: &RuntimeVersions, stack: &str, now: i64) -> String {
    let configured = match stack {
        "python" => &mins.python,
        "node" => &mins.node,
        "php" => &mins.php,
        "java" => &mins.java,
        _ => &mins.dotnet,
    };
    if !configured.trim().is_empty() {
        return configured.clone();
    }
    let listed = END_OF_SUPPORT.iter().filter(|(s, _, _)| *s == stack);
    let supported = listed.clone().find(|(_, _, end)| {
        crate::time::parse_timestamp(&format!("{end}T23:59:59Z")).is_some_and(|t| t > now)
    });
    supported
        .or_else(|| END_OF_SUPPORT.iter().rev().find(|(s, _, _)| *s == stack))
        .map(|(_, v, _)| v.to_string())
        .unwrap_or_default()
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let mins = &cx.config.min_runtime_versions;
    // The minimums as numbers, once per run rather than once per site.
    let stacks_known = ["python", "node", "php", "java", "dotnet"];
    let resolved: Vec<(&str, String)> = stacks_known
        .into_iter()
        .map(|s| (s, minimum(mins, s, cx.now)))
        .collect();
    let minimum = |s: &str| {
        resolved
            .iter()
            .find(|(w, _)| *w == s)
            .map_or("", |(_, m)| m.as_str())
    };
    let wanted: Vec<(&str, Vec<u32>)> = resolved.iter().map(|(s, m)| (*s, numbers(m))).collect();
    let wanted_of = |s: &str| {
        wanted
            .iter()
            .find(|(w, _)| *w == s)
            .map_or(&[][..], |(_, n)| n.as_slice())
    };
    super::each_site_config(cx, CHECK.meta.reads, "web", out, |r, c, out| {
        let found = stacks(c);
        let ev = crate::evidence!({"stacks": found.iter().map(|(s, _, raw)| crate::evidence!({"stack": s, "version": raw, "minimum": minimum(s)})).collect::<Vec<_>>()});
        if found.is_empty() {
            out.unknown(
                r,
                "No known language stack is set in config/web (container or unset).",
                ev,
            );
            return;
        }
        let stale: Vec<String> = found
            .iter()
            .filter(|(s, v, _)| older(v, wanted_of(s)))
            .map(|(s, _, raw)| format!("{s} {raw} (minimum {})", minimum(s)))
            .collect();
        if stale.is_empty() {
            out.pass(
                r,
                format!(
                    "The runtime is supported: {}.",
                    found
                        .iter()
                        .map(|(_, _, raw)| *raw)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                ev,
            );
        } else {
            out.fail(
                r,
                format!("The runtime is out of support: {}.", stale.join(", ")),
                ev,
            );
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use super::{CONFIG, SITES, site_with};
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let py = site_with(
        "py312",
        "web",
        json!({"linuxFxVersion": "PYTHON|3.12", "netFrameworkVersion": "v4.0"}),
    );
    let py_old = site_with("py38", "web", json!({"linuxFxVersion": "PYTHON|3.8"}));
    let tomcat = site_with(
        "tomcat",
        "web",
        json!({"linuxFxVersion": "TOMCAT|10.1-java11"}),
    );
    let win_php = site_with(
        "winphp",
        "web",
        json!({"linuxFxVersion": "", "phpVersion": "8.3", "netFrameworkVersion": "v4.0"}),
    );
    let win_java8 = site_with(
        "winjava8",
        "web",
        json!({"javaVersion": "1.8", "netFrameworkVersion": "v4.0"}),
    );
    let dotnet = site_with("dotnet6", "web", json!({"netFrameworkVersion": "v6.0"}));
    // Changed from pass: past end of support at the fixtures' time (2026-11-28).
    let node20 = site_with("node20", "web", json!({"linuxFxVersion": "NODE|20-lts"}));
    let py310 = site_with("py310", "web", json!({"linuxFxVersion": "PYTHON|3.10"}));
    let dotnet8 = site_with(
        "dotnet8",
        "web",
        json!({"linuxFxVersion": "", "netFrameworkVersion": "v8.0"}),
    );
    let node22 = site_with("node22", "web", json!({"linuxFxVersion": "NODE|22-lts"}));
    let docker = site_with(
        "docker",
        "web",
        json!({"linuxFxVersion": "DOCKER|nginx:latest"}),
    );
    let classic = site_with(
        "classic",
        "web",
        json!({"netFrameworkVersion": "v4.0", "phpVersion": ""}),
    );
    let recs = [
        py.clone(),
        py_old.clone(),
        tomcat.clone(),
        win_php.clone(),
        win_java8.clone(),
        dotnet.clone(),
        docker.clone(),
        classic.clone(),
        node20.clone(),
        py310.clone(),
        dotnet8.clone(),
        node22.clone(),
    ]
    .concat();
    let mut newer = crate::Config::default();
    newer.min_runtime_versions.python = "3.13".into();
    vec![
        Case::new(
            "stacks",
            doc(recs.clone(), super::WEB_CONFIG_READS),
            vec![
                e(id_of(&py[0]), Pass),
                e(id_of(&py_old[0]), Fail),
                e(id_of(&tomcat[0]), Fail),
                e(id_of(&win_php[0]), Pass),
                e(id_of(&win_java8[0]), Fail),
                e(id_of(&dotnet[0]), Fail),
                e(id_of(&docker[0]), Unknown),
                e(id_of(&classic[0]), Unknown),
                e(id_of(&node20[0]), Fail),
                e(id_of(&py310[0]), Fail),
                e(id_of(&dotnet8[0]), Fail),
                e(id_of(&node22[0]), Pass),
            ],
        ),
        Case::new(
            "overridden minimum",
            doc(py.clone(), super::WEB_CONFIG_READS),
            vec![e(id_of(&py[0]), Fail)],
        )
        .with_config(newer),
        Case::new(
            "config forbidden",
            forbid(
                doc(recs, &[SITES, super::SLOTS, super::SLOT_CONFIG]),
                CONFIG,
            ),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dated_minimum_follows_the_evaluation_time() {
        let at = |t: &str| crate::time::parse_timestamp(t).unwrap();
        let mins = RuntimeVersions::default();
        // Before Node 20 and Python 3.10 retired, after, and past every version listed.
        assert_eq!(minimum(&mins, "node", at("2026-03-01T00:00:00Z")), "20");
        assert_eq!(minimum(&mins, "node", at("2026-12-02T00:00:00Z")), "22");
        assert_eq!(minimum(&mins, "python", at("2026-10-31T12:00:00Z")), "3.10");
        assert_eq!(minimum(&mins, "python", at("2026-11-01T00:00:00Z")), "3.11");
        assert_eq!(minimum(&mins, "dotnet", at("2026-11-28T00:00:00Z")), "10");
        assert_eq!(minimum(&mins, "php", at("2040-01-01T00:00:00Z")), "8.4");
        // A configured minimum wins; Java is configured by default.
        assert_eq!(minimum(&mins, "java", at("2026-11-28T00:00:00Z")), "17");
        let mut set = mins.clone();
        set.node = "24".into();
        assert_eq!(minimum(&set, "node", at("2026-03-01T00:00:00Z")), "24");
    }
}
