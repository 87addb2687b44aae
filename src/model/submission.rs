//! A submission (dự án): the project a team enters, as registered.

use serde::{Deserialize, Serialize};

use super::contest::Id;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub leader: String,
    /// Compared with judges' organizations to find conflicts of interest.
    #[serde(default)]
    pub organization: String,
    /// A category id of the contest, if it has categories.
    #[serde(default)]
    pub category: Option<Id>,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub description: String,
    /// File paths or URLs.
    #[serde(default)]
    pub attachments: Vec<String>,
}
