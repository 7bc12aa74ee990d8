//! `defender.secure_score`

use crate::resource_types::{self, ResourceType};
#[cfg(test)]
use serde_json::json;

use crate::check::{CheckMeta, Context, Findings, Remediation, Rule, Subject};
use crate::finding::{Severity, Status};
use crate::model::SecureScore;

const SCORES: &ResourceType = &resource_types::SECURE_SCORES;

/// The Defender for Cloud secure score is at least the configured minimum.
pub static CHECK: Rule = Rule {
    meta: CheckMeta {
        id: "defender.secure_score",
        title: "The Defender for Cloud secure score meets the target",
        service: "defender",
        level: 1,
        severity: Severity::Info,
        reads: &[SCORES],
        rule: "Per subscription: pass iff the `ascScore` secure score percentage (`score.percentage` x 100, or current/max) >= `cfg.min_secure_score_percent` (70); fail below; unknown when no score was returned or its `max` is 0 (nothing scored: a 0% there is no measure). The score goes in the evidence.",
        rationale: "The secure score summarises how many of Defender for Cloud's recommendations are met; a low or falling score is an early sign of drift.",
        remediation: Remediation {
            portal: "Microsoft Defender for Cloud > Secure score > work through the recommendations with the highest potential increase.",
            cli: "az security secure-scores list --query \"[].{name:name, percentage:percentage}\"",
        },
        cis: &[],
        references: &[
            "https://learn.microsoft.com/azure/defender-for-cloud/secure-score-security-controls",
        ],
        manual: false,
    },
    eval,
    #[cfg(test)]
    cases,
};

fn eval(cx: &Context<'_>, out: &mut Findings) -> Result<(), crate::CheckError> {
    let min = cx.config.min_secure_score_percent;
    cx.per_subscription::<SecureScore>(CHECK.meta.reads, out, |s, items, out| {
        let score = items
            .iter()
            .find(|(r, _)| r.name().eq_ignore_ascii_case("ascScore"))
            .or(items.first())
            .and_then(|(_, p)| p.score.clone());
        // A subscription with nothing to score reports max 0 (and percentage 0): no score.
        let scored = score.as_ref().is_none_or(|sc| sc.max != Some(0.0));
        let pct = score.as_ref().filter(|_| scored).and_then(|sc| {
            sc.percentage
                .map(|p| p * 100.0)
                .or_else(|| match (sc.current, sc.max) {
                    (Some(c), Some(m)) if m > 0.0 => Some(c / m * 100.0),
                    _ => None,
                })
        });
        let ev = crate::evidence!({"percentage": pct.map(|p| (p * 10.0).round() / 10.0), "current": score.as_ref().and_then(|x| x.current), "max": score.as_ref().and_then(|x| x.max), "minimum": min});
        let subject = Subject::subscription(s);
        match pct {
            Some(p) if p >= min => {
                out.push(
                    Status::Pass,
                    subject,
                    format!("The secure score is {p:.1}% (target {min}%)."),
                    ev,
                );
            }
            Some(p) => {
                out.push(
                    Status::Fail,
                    subject,
                    format!("The secure score is {p:.1}%, below the target of {min}%."),
                    ev,
                );
            }
            None => {
                out.push(
                    Status::Unknown,
                    subject,
                    "No secure score was returned for the subscription.",
                    ev,
                );
            }
        }
    });
    Ok(())
}

#[cfg(test)]
fn cases() -> Vec<crate::checks::testing::Case> {
    use crate::checks::testing::*;
    use crate::finding::Status::*;
    let score = |pct: serde_json::Value| json!({"id": format!("/subscriptions/{SUB}/providers/Microsoft.Security/secureScores/ascScore"), "type": SCORES, "name": "ascScore", "properties": {"displayName": "ASC score", "score": pct}});
    vec![
        Case::new(
            "high",
            doc(
                vec![score(json!({"max": 40, "current": 32, "percentage": 0.8}))],
                &[SCORES],
            ),
            vec![e(sub_scope(), Pass)],
        ),
        Case::new(
            "from current/max",
            doc(vec![score(json!({"max": 39, "current": 23.53}))], &[SCORES]),
            vec![e(sub_scope(), Fail)],
        ),
        // Changed from fail: nothing was scored.
        Case::new(
            "nothing scored",
            doc(
                vec![score(json!({"max": 0, "current": 0, "percentage": 0}))],
                &[SCORES],
            ),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "none",
            doc(vec![], &[SCORES]),
            vec![e(sub_scope(), Unknown)],
        ),
        Case::new(
            "forbidden",
            forbid(doc(vec![], NOTHING), SCORES),
            vec![e(sub_scope(), Unknown)],
        ),
    ]
}
