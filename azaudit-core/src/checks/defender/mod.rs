//! Microsoft Defender for Cloud checks.

pub mod auto_provisioning_on;
pub mod contact_notifications;
pub mod plans;
pub mod policies;
pub mod secure_score;
pub mod security_contact_configured;
