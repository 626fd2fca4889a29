//! Geotrek-rando UI string keys (dotted paths of `frontend/src/translations/LANG.json`) that
//! have an equivalent among the default theme's (`themes/default/translations/LANG.toml`).
//! A test checks that every target exists in the theme.

/// `(rando key, sentier key)`.
pub const EQUIVALENTS: &[(&str, &str)] = &[
    ("header.home", "home"),
    ("header.menu", "main_menu"),
    ("header.language", "languages"),
    ("header.goToSearch", "search"),
    ("home.activityBar.practices", "practices"),
    ("page.not-found", "not_found_title"),
    ("search.title", "search_title"),
    ("search.filter", "search_filters"),
    ("search.filters.filters", "search_filters"),
    ("search.filters.clearAll", "search_reset"),
    ("search.filters.practices", "filter_practices"),
    ("search.filters.categories", "filter_categories"),
    ("search.filters.outdoorPractice", "filter_outdoor_practice"),
    ("search.filters.event", "filter_event"),
    ("search.filters.difficulty", "filter_difficulty"),
    ("search.filters.duration", "filter_duration"),
    ("search.filters.length", "filter_length"),
    ("search.filters.ascent", "filter_ascent"),
    ("search.filters.routes", "filter_routes"),
    ("search.filters.themes", "filter_themes"),
    ("search.filters.cities", "filter_cities"),
    ("search.filters.districts", "filter_districts"),
    ("search.filters.structures", "filter_structures"),
    ("search.filters.accessibilities", "filter_accessibilities"),
    ("search.filters.labels", "filter_labels"),
    ("search.filters.networks", "filter_networks"),
    ("details.presentation", "overview"),
    ("details.description", "description"),
    ("details.poi", "points_of_interest"),
    ("details.itinerancySteps", "steps"),
    ("details.practicalInformations", "practical_information"),
    ("details.recommandations", "advice"),
    ("details.informationDesks", "information_desks"),
    ("details.accessibility", "accessibility"),
    ("details.accessibility_level", "accessibility_level"),
    ("details.accessibility_covering", "accessibility_covering"),
    ("details.accessibility_exposure", "accessibility_exposure"),
    ("details.accessibility_slope", "accessibility_slope"),
    ("details.accessibility_width", "accessibility_width"),
    ("details.accessibility_signage", "accessibility_signage"),
    ("details.emergency_number", "emergency_number"),
    ("details.sensitiveAreas", "sensitive_areas"),
    ("details.sensitiveAreasIntro", "sensitive_areas_intro"),
    ("details.altimetricProfile", "elevation_profile"),
    ("details.departure", "departure"),
    ("details.arrival", "arrival"),
    ("details.cities", "cities"),
    ("details.more", "more_information"),
    ("details.source", "sources"),
    ("details.touristicContent", "nearby"),
    ("details.medias", "pictures"),
    ("details.transport", "public_transport"),
    ("details.gear", "gear"),
    ("details.download", "downloads"),
    ("details.speaker", "speaker"),
    ("details.targetAudience", "target_audience"),
    ("details.courses", "courses"),
    ("tooltip.difficulty", "difficulty"),
    ("tooltip.duration", "duration"),
    ("tooltip.distance", "length"),
    ("tooltip.elevation", "ascent"),
    ("tooltip.negativeElevation", "descent"),
    ("tooltip.altitude", "altitude"),
    ("tooltip.period", "period"),
    ("tooltip.orientation", "orientation"),
    ("tooltip.wind", "wind"),
    ("tooltip.courseType", "route"),
    ("tooltip.network", "networks"),
];

/// The sentier key for a Geotrek-rando key.
pub fn equivalent(rando_key: &str) -> Option<&'static str> {
    EQUIVALENTS
        .iter()
        .find(|(from, _)| *from == rando_key)
        .map(|(_, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_is_a_string_of_the_default_theme() {
        let en: toml::Table =
            toml::from_str(include_str!("../../../themes/default/translations/en.toml")).unwrap();
        for (from, to) in EQUIVALENTS {
            assert!(
                en.contains_key(*to),
                "{from} → {to}: not a key of the default theme"
            );
        }
    }
}
