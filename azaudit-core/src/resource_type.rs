//! What the registry says about a resource type: where it is collected, by which request,
//! and at which scope it is judged missing. The entries themselves are in
//! [`crate::resource_types`], the registry.

/// Where a type's records are collected from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Microsoft Graph, once per tenant: the paths follow `<graph>/v1.0`.
    Tenant,
    /// ARM, once per subscription: the paths follow `/subscriptions/<id>`.
    Subscription,
    /// ARM, once per record of the parent type: the paths follow the record's id.
    Each(&'static ResourceType),
    /// Microsoft Graph, once per group that the other fetches name as holding a privileged
    /// role or as a conditional access policy's target (`{group}` in the path), after they
    /// have all finished. A principal that turns out not to be a group answers 404: skipped.
    Groups,
    /// No API: a person fills the records in (the `Azaudit/` settings); never collected and
    /// never a coverage gap, and the checks reading only these are manual.
    Manual,
}

/// What a response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A paged list (`value` plus `nextLink` / `@odata.nextLink`).
    List,
    /// One object; a 404 means the object is not set (a server parameter Azure omits).
    Object,
    /// One object that replaces the record it was fetched for (a VM with its instance view).
    Expand,
}

/// The scope a type is collected, and judged missing, at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `/tenants/<id>`: Microsoft Graph types.
    Tenant,
    /// `/subscriptions/<id>`: ARM types.
    Subscription,
    /// Not collected: a person fills it in.
    None,
}

/// One resource type (or one way of fetching it) of the registry.
#[derive(Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// The coverage key: the records' type, or `<parent type>/providers/<type>` for extension
    /// resources covered apart from the same type elsewhere
    /// ([`record_type`](ResourceType::record_type) is then the records' own type).
    pub name: &'static str,
    /// The records' own type: `name` without a `<parent type>/providers/` prefix, worked out
    /// once when the entry is declared ([`record_type`](ResourceType::record_type)).
    pub records: &'static str,
    /// Other record types read through the same view: spellings of older APIs (singular
    /// forms), or a type the checks judge alike (a site's deployment slots).
    pub aliases: &'static [&'static str],
    /// Where it is collected from.
    pub origin: Origin,
    /// REST paths relative to the origin, one request (or paged list) each. `{role}` expands
    /// to each of [`crate::roles::PRIVILEGED_DIRECTORY_ROLES`], `{group}` to each group of [`Origin::Groups`].
    pub paths: &'static [&'static str],
    /// The ARM api-version (none for Graph).
    pub api_version: Option<&'static str>,
    /// The response shape.
    pub shape: Shape,
}

impl ResourceType {
    /// The records' own type (`name` without a `<parent type>/providers/` prefix).
    pub fn record_type(&self) -> &'static str {
        self.records
    }
    /// Where it is collected and judged missing.
    pub fn scope(&self) -> Scope {
        match self.origin {
            Origin::Tenant | Origin::Groups => Scope::Tenant,
            Origin::Subscription | Origin::Each(_) => Scope::Subscription,
            Origin::Manual => Scope::None,
        }
    }
    /// The type it is fetched once per record of, if any.
    pub fn parent(&self) -> Option<&'static ResourceType> {
        match self.origin {
            Origin::Each(p) => Some(p),
            _ => None,
        }
    }
}

impl serde::Serialize for ResourceType {
    /// As its name: in JSON, a type is what Azure calls it.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl std::fmt::Display for ResourceType {
    /// The name, as reports and messages spell the type.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A Graph collection or object, once per tenant.
pub(crate) const fn graph(
    name: &'static str,
    paths: &'static [&'static str],
    shape: Shape,
) -> ResourceType {
    ResourceType {
        name,
        records: crate::ids::record_type_of(name),
        aliases: &[],
        origin: Origin::Tenant,
        paths,
        api_version: None,
        shape,
    }
}

/// An ARM list, once per subscription.
pub(crate) const fn arm(
    name: &'static str,
    paths: &'static [&'static str],
    api: &'static str,
) -> ResourceType {
    ResourceType {
        name,
        records: crate::ids::record_type_of(name),
        aliases: &[],
        origin: Origin::Subscription,
        paths,
        api_version: Some(api),
        shape: Shape::List,
    }
}

/// An ARM request per record of `parent`.
pub(crate) const fn child(
    name: &'static str,
    parent: &'static ResourceType,
    paths: &'static [&'static str],
    api: &'static str,
    shape: Shape,
) -> ResourceType {
    ResourceType {
        name,
        records: crate::ids::record_type_of(name),
        aliases: &[],
        origin: Origin::Each(parent),
        paths,
        api_version: Some(api),
        shape,
    }
}
