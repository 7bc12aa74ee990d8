//! Microsoft Defender for Cloud checks.

use crate::resource_types::ResourceType;

pub mod auto_provisioning_on;
pub mod plans;
pub mod policies;
pub mod secure_score;
pub mod security_contact_configured;

use crate::check::{Context, Findings, Subject};
use crate::finding::Status;
use crate::model::{Arm, Props};
use crate::snapshot::Record;

/// For each covered subscription, the records of `P` in it (parsed); `f` decides the
/// subscription's finding from them. Unreadable records make the subscription unknown.
pub(crate) fn per_subscription<P: Props>(
    cx: &Context<'_>,
    reads: &[&ResourceType],
    out: &mut Findings,
    mut f: impl FnMut(&str, Vec<(Record<'_>, &P)>, &mut Findings),
) {
    let covered = cx.covered_subscriptions(reads, out);
    let view = cx.view::<Arm<P>>();
    for sub in cx.snapshot.subscriptions() {
        let s = &sub.subscription_id;
        if !covered.contains_subscription(s) {
            continue;
        }
        let mut items = Vec::new();
        let mut error = None;
        for (r, v) in view.iter(cx.snapshot) {
            if !r
                .subscription_id()
                .is_some_and(|x| x.eq_ignore_ascii_case(s))
            {
                continue;
            }
            match v {
                Ok(v) => items.push((r, &v.properties)),
                Err(e) => error = Some(e.to_string()),
            }
        }
        if let Some(e) = error {
            out.push(
                Status::Unknown,
                Subject::subscription(s),
                e,
                serde_json::Value::Null,
            );
            continue;
        }
        f(s, items, out);
    }
}
