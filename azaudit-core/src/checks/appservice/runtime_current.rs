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
        reads: &[super::SITES, super::CONFIG],
        rule: "Per site, from `config/web`: the stack comes from `linuxFxVersion` / `windowsFxVersion` when set (`PYTHON|3.12`, `DOTNETCORE|8.0`, `NODE|20-lts`, `JAVA|17-java17`, `TOMCAT|10.1-java17`, `PHP|8.2`), else from `netFrameworkVersion` (v5 and later; v4.x is .NET Framework, not judged), `phpVersion`, `pythonVersion`, `javaVersion` and `nodeVersion`. Fail when a stack is older than `cfg.min_runtime_versions` (dated defaults: .NET 8, Python 3.10, PHP 8.2, Java 17, Node 20); pass otherwise; unknown when no known stack is found (containers, or nothing set).",
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

fn minimum<'a>(mins: &'a RuntimeVersions, stack: &str) -> &'a str {
    match stack {
        "python" => &mins.python,
        "node" => &mins.node,
        "php" => &mins.php,
        "java" => &mins.java,
        _ => &mins.dotnet,
    }
}

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let mins = &cx.config.min_runtime_versions;
    // The minimums as numbers, once per run rather than once per site.
    let wanted: Vec<(&str, Vec<u32>)> = ["python", "node", "php", "java", "dotnet"]
        .into_iter()
        .map(|s| (s, numbers(minimum(mins, s))))
        .collect();
    let wanted_of = |s: &str| {
        wanted
            .iter()
            .find(|(w, _)| *w == s)
            .map_or(&[][..], |(_, n)| n.as_slice())
    };
    super::each_site_config(cx, CHECK.meta.reads, "web", out, |r, c, out| {
        let found = stacks(c);
        let ev = crate::evidence!({"stacks": found.iter().map(|(s, _, raw)| crate::evidence!({"stack": s, "version": raw, "minimum": minimum(mins, s)})).collect::<Vec<_>>()});
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
            .map(|(s, _, raw)| format!("{s} {raw} (minimum {})", minimum(mins, s)))
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
    ]
    .concat();
    let mut newer = crate::Config::default();
    newer.min_runtime_versions.python = "3.13".into();
    vec![
        Case::new(
            "stacks",
            doc(recs.clone(), &[SITES, CONFIG]),
            vec![
                e(id_of(&py[0]), Pass),
                e(id_of(&py_old[0]), Fail),
                e(id_of(&tomcat[0]), Fail),
                e(id_of(&win_php[0]), Pass),
                e(id_of(&win_java8[0]), Fail),
                e(id_of(&dotnet[0]), Fail),
                e(id_of(&docker[0]), Unknown),
                e(id_of(&classic[0]), Unknown),
            ],
        ),
        Case::new(
            "overridden minimum",
            doc(py.clone(), &[SITES, CONFIG]),
            vec![e(id_of(&py[0]), Fail)],
        )
        .with_config(newer),
        Case::new(
            "config forbidden",
            forbid(doc(recs, &[SITES]), CONFIG),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
