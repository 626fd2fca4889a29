//! Flat pages (`/information/`) and the site menu built from the API's menu items.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::localize::{Local, Localizer, Picture, Rich};
use super::{Card, Link, Translation};
use crate::model::values::Id;
use crate::model::{FlatPage, MenuItem};

#[derive(Debug, Clone, Serialize)]
pub struct FlatPageView {
    #[serde(flatten)]
    pub card: Card,
    pub pictures: Arc<[Picture]>,
    pub content: Option<Rich>,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MenuEntry {
    pub title: Local,
    /// A page of the site, or an external URL.
    pub url: String,
    pub external: bool,
    pub new_tab: bool,
    pub children: Vec<MenuEntry>,
}

impl Localizer<'_> {
    pub fn flat_page(&self, page: &FlatPage, card: Card, pages: &BTreeMap<Id, Link>) -> FlatPageView {
        FlatPageView {
            pictures: self.pictures("information", page.id, &page.attachments),
            content: self.rich(&page.content),
            parent: page.parent.id.and_then(|id| pages.get(&id).cloned()),
            children: page
                .children
                .ids
                .iter()
                .filter_map(|id| pages.get(id).cloned())
                .collect(),
            translations: Vec::new(),
            card,
        }
    }

    /// The menu in this language: items published in it, pointing at a page shown in it or at
    /// an http(s) link; an item left with nowhere to go and no children is dropped.
    pub fn menu(&self, items: &[MenuItem], pages: &BTreeMap<Id, Link>) -> Vec<MenuEntry> {
        items
            .iter()
            .filter(|item| item.published.in_language(self.lang))
            .filter_map(|item| {
                let title = self.plain(&item.title)?;
                let children = self.menu(&item.children, pages);
                let (url, external) = match item.target_type.as_str() {
                    "page" => (
                        item.page
                            .id
                            .and_then(|id| pages.get(&id))
                            .map(|l| l.url.clone())
                            .unwrap_or_default(),
                        false,
                    ),
                    _ => (
                        self.text(&item.link_url)
                            .map(|l| self.media_url(&l.text))
                            .unwrap_or_default(),
                        true,
                    ),
                };
                (!url.is_empty() || !children.is_empty()).then_some(MenuEntry {
                    title,
                    url,
                    external,
                    new_tab: item.open_in_new_tab,
                    children,
                })
            })
            .collect()
    }
}
