//! What the health view asks of the network (`HealthEffect`) and the answers it gets back
//! (`HealthMsg`). Data only.

use std::collections::HashMap;

use super::Fetched;
use crate::domain::GroupId;

/// A background read of the health view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HealthEffect {
    /// Members and the last 12 weeks of messages of each community, one answer per community.
    Read { communities: Vec<GroupId> },
}

/// The answer for one community.
#[derive(Clone, Debug)]
pub struct HealthMsg {
    pub community: GroupId,
    pub fetched: Fetched,
    pub names: HashMap<u64, String>,
}
