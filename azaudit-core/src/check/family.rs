//! Families: checks that share one implementation and differ only by data.
//!
//! A family is a row type that implements [`Family`]: its fields are what varies between the
//! members (an operation, a port, a setting), its `meta` builds a member's metadata from them,
//! and its `evaluate` is the one rule. Each member is a `pub static` [`Member`] holding its row,
//! listed in the catalog like any other check. The alert, Defender policy and plan,
//! manual-setting, internet-port, server-parameter and App Service configuration families are
//! written this way; [`RecordSetting`] is the one for a setting judged on every record of a
//! type (disks' export settings, vaults'), and [`TenantSetting`] for a setting of a tenant-wide
//! singleton (the authorization policy, security defaults); CONTRIBUTING.md walks through
//! adding one.
//!
//! ```
//! use azaudit_core::check::family::{Family, Member, text};
//! use azaudit_core::{CheckError, CheckMeta, Context, Findings, Remediation, Severity};
//!
//! use azaudit_core::resource_types::{ResourceType, STORAGE_ACCOUNTS};
//!
//! /// What the family reads: a `const`, so that `meta` can hand out a `'static` slice.
//! const READS: &[&ResourceType] = &[&STORAGE_ACCOUNTS];
//!
//! /// One member per tag name: every storage account carries the tag.
//! struct TagRequired { id: &'static str, tag: &'static str }
//!
//! impl Family for TagRequired {
//!     fn meta(&self) -> CheckMeta {
//!         CheckMeta {
//!             id: self.id,
//!             title: text(format!("Storage accounts carry the `{}` tag", self.tag)),
//!             service: "storage",
//!             level: 2,
//!             severity: Severity::Low,
//!             reads: READS,
//!             rule: "Pass iff the tag is set.",
//!             rationale: "Owners are found by tag.",
//!             remediation: Remediation { portal: "Tags", cli: "" },
//!             cis: &[],
//!             references: &[],
//!             manual: false,
//!         }
//!     }
//!     fn evaluate(&self, meta: &CheckMeta, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
//!         let covered = cx.covered_subscriptions(meta.reads, out);
//!         for r in cx.snapshot.of_type(meta.reads[0].name).filter(|r| covered.contains(r)) {
//!             out.judge(&r, Some(r.tag(self.tag).is_some()), ["tagged", "untagged", ""], serde_json::Value::Null);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! static OWNER_TAG: Member<TagRequired> =
//!     Member::new(TagRequired { id: "storage.owner_tag", tag: "owner" });
//! use azaudit_core::Check;
//! assert_eq!(OWNER_TAG.meta().title, "Storage accounts carry the `owner` tag");
//! ```

use std::sync::OnceLock;

use super::{Check, CheckError, CheckMeta, Context, Findings};

/// The shared implementation of a family of checks; implemented by the family's row type.
pub trait Family: Send + Sync + 'static {
    /// The member's metadata, built from its row (once per member and process).
    fn meta(&self) -> CheckMeta;
    /// Evaluate the member whose metadata is `meta`.
    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError>;
    /// The member's fixtures.
    #[cfg(test)]
    fn cases(&self) -> Vec<super::testing::Case>;
}

/// One member of a family: its row, and the metadata built from it on first use.
pub struct Member<R> {
    row: R,
    meta: OnceLock<CheckMeta>,
}

impl<R> Member<R> {
    /// A member with this row.
    pub const fn new(row: R) -> Self {
        Member {
            row,
            meta: OnceLock::new(),
        }
    }
    /// The member's row.
    pub fn row(&self) -> &R {
        &self.row
    }
}

impl<R: Family> Check for Member<R> {
    fn meta(&self) -> &CheckMeta {
        self.meta.get_or_init(|| self.row.meta())
    }
    fn evaluate(&self, cx: &Context<'_>, out: &mut Findings) -> Result<(), CheckError> {
        self.row.evaluate(self.meta(), cx, out)
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<super::testing::Case> {
        self.row.cases()
    }
}

/// Text built for a member's metadata, kept for the life of the process: metadata is
/// `&'static`, and a family's text is made once per member (a few kilobytes in all).
pub fn text(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A family whose members each judge every record of one type by a setting it carries (a
/// disk's export settings, a vault's purge protection): the members differ by their metadata
/// and their verdict, and share how records are iterated, covered and reported.
pub struct RecordSetting<P: crate::model::Props> {
    /// The member's metadata, written out.
    pub meta: fn() -> CheckMeta,
    /// The verdict on one record's properties: pass, fail or unknown (`None`), the evidence,
    /// and the message.
    pub judge: fn(&P) -> (Option<bool>, crate::finding::Evidence, &'static str),
    /// The member's fixtures.
    #[cfg(test)]
    pub cases: fn(&RecordSetting<P>) -> Vec<super::testing::Case>,
}

impl<P: crate::model::Props> Family for RecordSetting<P> {
    fn meta(&self) -> CheckMeta {
        (self.meta)()
    }
    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        let covered = cx.covered_subscriptions(meta.reads, out);
        cx.each::<P>(&covered, out, |r, v, out| {
            let (ok, ev, message) = (self.judge)(&v.properties);
            out.push(
                crate::finding::Status::judged(ok),
                super::Subject::record(r),
                message,
                ev,
            );
        });
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<super::testing::Case> {
        (self.cases)(self)
    }
}

/// A family whose members each judge one setting of a tenant-wide singleton (Microsoft
/// Graph's authorization policy, security defaults): one finding about the tenant, or one
/// `unknown` saying why the singleton could not be read.
pub struct TenantSetting<P: crate::model::Props> {
    /// The member's metadata, written out.
    pub meta: fn() -> CheckMeta,
    /// The verdict on the singleton: pass, fail or unknown (`None`), the evidence, and the
    /// message.
    pub judge: fn(&P) -> (Option<bool>, crate::finding::Evidence, &'static str),
    /// The member's fixtures.
    #[cfg(test)]
    pub cases: fn(&TenantSetting<P>) -> Vec<super::testing::Case>,
}

impl<P: crate::model::Props + Clone> Family for TenantSetting<P> {
    fn meta(&self) -> CheckMeta {
        (self.meta)()
    }
    fn evaluate(
        &self,
        meta: &CheckMeta,
        cx: &Context<'_>,
        out: &mut Findings,
    ) -> Result<(), CheckError> {
        if let Some(p) = cx.tenant_singleton::<P>(meta.reads, out) {
            let (ok, ev, message) = (self.judge)(&p);
            out.push(
                crate::finding::Status::judged(ok),
                super::Subject::tenant(&cx.tenant_scope()),
                message,
                ev,
            );
        }
        Ok(())
    }
    #[cfg(test)]
    fn cases(&self) -> Vec<super::testing::Case> {
        (self.cases)(self)
    }
}
