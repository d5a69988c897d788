//! `ThemeFile`: one theme file as parsed, every table optional, and how a theme inherits what
//! it leaves out from its parent. Checks the palette's colours; must not read files or know the
//! search order.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ThemeError;
use super::sections::{
    BaseSpec, CommunitySpec, ComposeSpec, PeopleSpec, StatusSpec, ThreadSpec, TimelineSpec,
};
use super::spec::{StyleSpec, parse_colour};

/// One theme file as parsed; every table optional so a theme can inherit the rest.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) inherits: Option<String>,
    #[serde(default)]
    pub(super) palette: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) base: BaseSpec,
    #[serde(default)]
    pub(super) communities: CommunitySpec,
    #[serde(default)]
    pub(super) timeline: TimelineSpec,
    #[serde(default)]
    pub(super) thread: ThreadSpec,
    #[serde(default)]
    pub(super) people: PeopleSpec,
    #[serde(default)]
    pub(super) compose: ComposeSpec,
    #[serde(default)]
    pub(super) status: StatusSpec,
    #[serde(default)]
    pub(super) invisible_marker: Option<StyleSpec>,
}

impl ThemeFile {
    /// Tags every style with its file and checks the palette's colours, so an error in a parent
    /// theme names the parent's file.
    pub(super) fn prepare(&mut self, origin: &str) -> Result<(), ThemeError> {
        for (name, value) in &self.palette {
            if parse_colour(name).is_some() {
                return Err(ThemeError::PaletteShadowsColour {
                    file: origin.to_string(),
                    name: name.clone(),
                });
            }
            parse_colour(value).ok_or_else(|| ThemeError::BadColour {
                file: origin.to_string(),
                key: format!("palette.{name}"),
                value: value.clone(),
            })?;
        }
        self.base.set_origin(origin);
        self.communities.set_origin(origin);
        self.timeline.set_origin(origin);
        self.thread.set_origin(origin);
        self.people.set_origin(origin);
        self.compose.set_origin(origin);
        self.status.set_origin(origin);
        if let Some(spec) = self.invisible_marker.as_mut() {
            spec.origin = origin.to_string();
        }
        Ok(())
    }

    /// This file with everything it lacks taken from `parent` (palette per name, styles per key;
    /// a style the child sets replaces the parent's style whole).
    pub(super) fn over(self, parent: Self) -> Self {
        let mut palette = parent.palette;
        palette.extend(self.palette);
        Self {
            name: self.name.or(parent.name),
            inherits: None,
            palette,
            base: self.base.over(parent.base),
            communities: self.communities.over(parent.communities),
            timeline: self.timeline.over(parent.timeline),
            thread: self.thread.over(parent.thread),
            people: self.people.over(parent.people),
            compose: self.compose.over(parent.compose),
            status: self.status.over(parent.status),
            invisible_marker: self.invisible_marker.or(parent.invisible_marker),
        }
    }
}
