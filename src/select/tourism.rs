//! Touristic contents (`/service/`) and touristic events (`/event/`).

use std::sync::Arc;

use serde::Serialize;

use super::localize::{Local, Localizer, Named, Picture, Rich};
use super::{Card, Translation};
use crate::html;
use crate::model::{TouristicContent, TouristicEvent};

#[derive(Debug, Clone, Serialize)]
pub struct ContentView {
    #[serde(flatten)]
    pub card: std::sync::Arc<Card>,
    pub pictures: Arc<[Picture]>,
    pub category: Option<Named>,
    pub types: Vec<Named>,
    pub themes: Vec<Named>,
    pub cities: Vec<String>,
    pub teaser: Option<Rich>,
    pub description: Option<Rich>,
    pub practical_info: Option<Rich>,
    pub accessibility: Option<Rich>,
    pub contact: Option<String>,
    pub email: String,
    /// `mailto:` link, when the address is one.
    pub email_uri: Option<String>,
    pub website: String,
    pub reservation_id: String,
    pub label_accessibility: Option<Named>,
    pub sources: Vec<super::trek::Source>,
    /// Treks passing near it, nearest first.
    pub nearby_treks: Vec<std::sync::Arc<Card>>,
    pub location: Option<[f64; 2]>,
    /// Lines and areas for its map.
    #[serde(skip)]
    pub shape: crate::assets::map::Shape,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    #[serde(flatten)]
    pub card: std::sync::Arc<Card>,
    pub pictures: Arc<[Picture]>,
    pub kind: Option<Named>,
    pub themes: Vec<Named>,
    pub cities: Vec<String>,
    pub teaser: Option<Rich>,
    pub description: Option<Rich>,
    pub practical_info: Option<Rich>,
    pub accessibility: Option<Rich>,
    pub begin_date: String,
    pub end_date: String,
    pub start_time: String,
    pub end_time: String,
    pub duration: String,
    pub meeting_point: String,
    pub place: String,
    pub organizers: String,
    pub speaker: String,
    pub target_audience: String,
    pub capacity: Option<f64>,
    pub price: Option<f64>,
    pub booking: Option<String>,
    pub bookable: bool,
    pub cancelled: bool,
    pub cancellation_reason: Option<Local>,
    pub contact: Option<String>,
    pub email: String,
    /// `mailto:` link, when the address is one.
    pub email_uri: Option<String>,
    pub website: String,
    pub sources: Vec<super::trek::Source>,
    /// Treks passing near it, nearest first.
    pub nearby_treks: Vec<std::sync::Arc<Card>>,
    pub location: Option<[f64; 2]>,
    /// Lines and areas for its map.
    #[serde(skip)]
    pub shape: crate::assets::map::Shape,
    pub translations: Vec<Translation>,
}

/// `HH:MM` of an `HH:MM:SS` time, or nothing.
fn time(value: &str) -> String {
    value
        .get(..5)
        .filter(|t| t.as_bytes().get(2) == Some(&b':'))
        .unwrap_or("")
        .to_string()
}

impl Localizer<'_> {
    pub fn content(
        &self,
        content: &TouristicContent,
        card: std::sync::Arc<Card>,
        nearby_treks: Vec<std::sync::Arc<Card>>,
    ) -> ContentView {
        let category = content
            .category
            .id
            .and_then(|id| self.dataset.touristic_content_categories.get(&id));
        let types = category
            .into_iter()
            .flat_map(|c| &c.types)
            .flat_map(|group| {
                let chosen = group.id.id.and_then(|g| content.types.get(&g.to_string()));
                group.values.iter().filter(move |v| {
                    v.id.id
                        .is_some_and(|id| chosen.is_some_and(|c| c.ids.contains(&id)))
                })
            })
            .filter_map(|value| {
                Some(Named {
                    id: value.id.id?.0,
                    name: self.plain(&value.label)?,
                    pictogram: self.media_url(&value.pictogram),
                })
            })
            .collect();
        ContentView {
            pictures: self.pictures("service", content.id, &content.attachments),
            category: category.and_then(|c| {
                Some(Named {
                    id: c.id.0,
                    name: self.plain(&c.label)?,
                    pictogram: self.media_url(&c.pictogram),
                })
            }),
            types,
            themes: self.all("theme", &content.themes),
            cities: self.city_names(&content.cities),
            teaser: self.rich(&content.description_teaser),
            description: self.rich(&content.description),
            practical_info: self.rich(&content.practical_info),
            accessibility: self.rich(&content.accessibility),
            contact: self.rich_str(&content.contact),
            email: html::plain_text(&content.email),
            email_uri: html::mailto_uri(&content.email),
            website: self.media_url(&content.website),
            reservation_id: html::plain_text(&content.reservation_id),
            label_accessibility: self.one("label_accessibility", &content.label_accessibility),
            sources: self.sources(&content.source),
            nearby_treks,
            location: content
                .geometry
                .as_ref()
                .and_then(|g| g.start())
                .map(|c| [c.lon(), c.lat()]),
            shape: self.shape(content.geometry.as_ref()),
            translations: Vec::new(),
            card,
        }
    }

    pub fn event(
        &self,
        event: &TouristicEvent,
        card: std::sync::Arc<Card>,
        nearby_treks: Vec<std::sync::Arc<Card>>,
    ) -> EventView {
        EventView {
            pictures: self.pictures("event", event.id, &event.attachments),
            kind: self.one("touristicevent_type", &event.kind),
            themes: self.all("theme", &event.themes),
            cities: self.city_names(&event.cities),
            teaser: self.rich(&event.description_teaser),
            description: self.rich(&event.description),
            practical_info: self.rich(&event.practical_info),
            accessibility: self.rich(&event.accessibility),
            begin_date: event.begin_date.clone(),
            end_date: if event.end_date.is_empty() {
                event.begin_date.clone()
            } else {
                event.end_date.clone()
            },
            start_time: time(&event.start_time),
            end_time: time(&event.end_time),
            duration: html::plain_text(&event.duration),
            meeting_point: html::plain_text(&event.meeting_point),
            place: html::plain_text(&event.place),
            organizers: html::plain_text(if event.organizers.trim().is_empty() {
                &event.organizer
            } else {
                &event.organizers
            }),
            speaker: html::plain_text(&event.speaker),
            target_audience: html::plain_text(&event.target_audience),
            capacity: event.capacity.filter(|c| *c > 0.0),
            price: event.price.filter(|p| *p >= 0.0),
            booking: self.rich_str(&event.booking),
            bookable: event.bookable,
            cancelled: event.cancelled,
            cancellation_reason: self.plain(&event.cancellation_reason),
            contact: self.rich_str(&event.contact),
            email: html::plain_text(&event.email),
            email_uri: html::mailto_uri(&event.email),
            website: self.media_url(&event.website),
            sources: self.sources(&event.source),
            nearby_treks,
            location: event
                .geometry
                .as_ref()
                .and_then(|g| g.start())
                .map(|c| [c.lon(), c.lat()]),
            shape: self.shape(event.geometry.as_ref()),
            translations: Vec::new(),
            card,
        }
    }
}
