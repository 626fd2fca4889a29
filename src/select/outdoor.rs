//! Outdoor sites (`/outdoor-site/`) and courses (`/outdoor-course/`), with their hierarchy.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::localize::{Local, Localizer, Named, Picture, Rich};
use super::trek::{Desk, LinkGroup};
use super::{Card, Link, Translation};
use crate::model::values::Id;
use crate::model::{OutdoorCourse, OutdoorSite};

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    #[serde(flatten)]
    pub card: Card,
    pub pictures: Arc<[Picture]>,
    pub kind: Option<Named>,
    pub themes: Vec<Named>,
    pub labels: Vec<Named>,
    pub ratings: Vec<Named>,
    pub cities: Vec<String>,
    pub teaser: Option<Rich>,
    pub description: Option<Rich>,
    pub ambiance: Option<Rich>,
    pub advice: Option<Rich>,
    pub accessibility: Option<Rich>,
    pub period: Option<Local>,
    pub orientation: Vec<String>,
    pub wind: Vec<String>,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    pub courses: Vec<Link>,
    pub information_desks: Vec<Desk>,
    pub web_links: Vec<LinkGroup>,
    pub location: Option<[f64; 2]>,
    /// Lines and areas for its map.
    #[serde(skip)]
    pub shape: crate::assets::map::Shape,
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseView {
    #[serde(flatten)]
    pub card: Card,
    pub pictures: Arc<[Picture]>,
    pub kind: Option<Named>,
    pub ratings: Vec<Named>,
    pub cities: Vec<String>,
    pub description: Option<Rich>,
    pub advice: Option<Rich>,
    pub equipment: Option<Rich>,
    pub gear: Option<Rich>,
    pub accessibility: Option<Rich>,
    pub height_m: Option<f64>,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    pub sites: Vec<Link>,
    /// A course's own steps, in order.
    pub steps: Vec<Link>,
    /// Courses this one is a step of.
    pub parents: Vec<Link>,
    pub location: Option<[f64; 2]>,
    /// Lines and areas for its map.
    #[serde(skip)]
    pub shape: crate::assets::map::Shape,
    pub translations: Vec<Translation>,
}

impl Localizer<'_> {
    pub fn site(
        &self,
        site: &OutdoorSite,
        card: Card,
        sites: &BTreeMap<Id, Link>,
        courses: &BTreeMap<Id, Link>,
    ) -> SiteView {
        let links = |ids: &[Id], from: &BTreeMap<Id, Link>| {
            ids.iter().filter_map(|id| from.get(id).cloned()).collect()
        };
        SiteView {
            pictures: self.pictures("outdoor-site", site.id, &site.attachments),
            kind: self.one("outdoor_sitetype", &site.kind),
            themes: self.all("theme", &site.themes),
            labels: self.all("label", &site.labels),
            ratings: self.all("outdoor_rating", &site.ratings),
            cities: self.city_names(&site.cities),
            teaser: self.rich(&site.description_teaser),
            description: self.rich(&site.description),
            ambiance: self.rich(&site.ambiance),
            advice: self.rich(&site.advice),
            accessibility: self.rich(&site.accessibility),
            period: self.plain(&site.period),
            orientation: site.orientation.iter().map(|o| o.0.clone()).collect(),
            wind: site.wind.iter().map(|w| w.0.clone()).collect(),
            parent: site.parent.id.and_then(|id| sites.get(&id).cloned()),
            children: links(&site.children.ids, sites),
            courses: links(&site.courses.ids, courses),
            information_desks: site
                .information_desks
                .ids
                .iter()
                .filter_map(|id| self.desk(self.dataset.information_desks.get(id)?))
                .collect(),
            web_links: self.web_links(&site.web_links),
            location: site
                .geometry
                .as_ref()
                .and_then(|g| g.start())
                .map(|c| [c.lon(), c.lat()]),
            shape: self.shape(site.geometry.as_ref()),
            translations: Vec::new(),
            card,
        }
    }

    pub fn course(
        &self,
        course: &OutdoorCourse,
        card: Card,
        sites_of_course: Vec<Link>,
        courses: &BTreeMap<Id, Link>,
    ) -> CourseView {
        let links = |ids: &[Id]| ids.iter().filter_map(|id| courses.get(id).cloned()).collect();
        CourseView {
            pictures: self.pictures("outdoor-course", course.id, &course.attachments),
            kind: self.one("outdoor_coursetype", &course.kind),
            ratings: self.all("outdoor_rating", &course.ratings),
            cities: self.city_names(&course.cities),
            description: self.rich(&course.description),
            advice: self.rich(&course.advice),
            equipment: self.rich(&course.equipment),
            gear: self.rich(&course.gear),
            accessibility: self.rich(&course.accessibility),
            height_m: course.height,
            min_elevation_m: course.min_elevation,
            max_elevation_m: course.max_elevation,
            sites: sites_of_course,
            steps: links(&course.children.ids),
            parents: links(&course.parents.ids),
            location: course
                .geometry
                .as_ref()
                .and_then(|g| g.start())
                .map(|c| [c.lon(), c.lat()]),
            shape: self.shape(course.geometry.as_ref()),
            translations: Vec::new(),
            card,
        }
    }
}
