//! Values derived from a snapshot, one per Rust type, each computed once on first use.
//!
//! The snapshot owns a [`Memo`] and knows nothing of what goes in it: the model layer keeps
//! its parsed views there, so every engine run over the same snapshot shares them.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

type Slot = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// A type-keyed cache: at most one value of each type, made by the first caller.
#[derive(Default)]
pub(crate) struct Memo {
    slots: Mutex<HashMap<TypeId, Slot>>,
}

impl Memo {
    /// The value of type `T`, made by `init` if no caller has made it yet. Callers asking
    /// for the same type at once wait for the first; other types are not held up.
    pub(crate) fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.entry(TypeId::of::<T>()).or_default().clone()
        };
        slot.get_or_init(|| Arc::new(init()) as Arc<dyn Any + Send + Sync>)
            .clone()
            .downcast::<T>()
            .expect("a memo slot holds its own type")
    }

    /// Whether a value of type `T` has been made.
    #[cfg(test)]
    pub(crate) fn holds<T: Any + Send + Sync>(&self) -> bool {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .get(&TypeId::of::<T>())
            .is_some_and(|s| s.get().is_some())
    }
}
