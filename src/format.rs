//! Numbers, lengths, durations and dates written the way each language writes them:
//! `12,5 km` in French, `12.5 km` in English, `1 234 m` or `1,234 m`, `3 juin 2026`.
//! Digit grouping and decimal signs come from CLDR data (num-format), month names from
//! chrono's locales; words (`h`, `days`) from the theme's UI strings.

use chrono::NaiveDate;
use num_format::{Locale, ToFormattedString};

#[derive(Debug, Clone, Copy)]
pub struct Format {
    numbers: Locale,
    dates: chrono::Locale,
    /// A long date in this language, as a chrono pattern.
    date_pattern: &'static str,
}

impl Format {
    pub fn new(lang: &str) -> Format {
        let (numbers, dates, date_pattern) = match lang.split(['-', '_']).next().unwrap_or(lang) {
            "fr" => (Locale::fr, chrono::Locale::fr_FR, "%-d %B %Y"),
            "de" => (Locale::de, chrono::Locale::de_DE, "%-d. %B %Y"),
            "it" => (Locale::it, chrono::Locale::it_IT, "%-d %B %Y"),
            "es" => (Locale::es, chrono::Locale::es_ES, "%-d de %B de %Y"),
            "nl" => (Locale::nl, chrono::Locale::nl_NL, "%-d %B %Y"),
            "ca" => (Locale::ca, chrono::Locale::ca_ES, "%-d de %B de %Y"),
            "pt" => (Locale::pt, chrono::Locale::pt_PT, "%-d de %B de %Y"),
            _ => (Locale::en, chrono::Locale::en_GB, "%-d %B %Y"),
        };
        Format {
            numbers,
            dates,
            date_pattern,
        }
    }

    /// `value` rounded to `decimals` places, trailing zeros kept only when `decimals > 0` and
    /// the fraction is not zero: `12,5`, `12`, `1 234`.
    pub fn number(&self, value: f64, decimals: u32) -> String {
        let scale = 10f64.powi(decimals as i32);
        let rounded = (value * scale).round() / scale;
        let negative = rounded < 0.0;
        let whole = rounded.abs().trunc() as u64;
        let fraction = ((rounded.abs() - whole as f64) * scale).round() as u64;
        let mut text = String::new();
        if negative && (whole > 0 || fraction > 0) {
            text.push_str(self.numbers.minus_sign());
        }
        // CLDR groups four-digit numbers in most languages; Spanish does not (1234, 12 345).
        if whole < 10_000 && self.numbers == Locale::es {
            text.push_str(&whole.to_string());
        } else {
            text.push_str(&whole.to_formatted_string(&self.numbers));
        }
        if fraction > 0 {
            text.push_str(self.numbers.decimal());
            text.push_str(format!("{fraction:0width$}", width = decimals as usize).trim_end_matches('0'));
        }
        text
    }

    /// Kilometres with one decimal below 100 km: `7,6 km`; metres below 1 km: `450 m`.
    pub fn length(&self, metres: f64) -> String {
        if metres < 1000.0 {
            return self.metres(metres);
        }
        let km = metres / 1000.0;
        format!("{}\u{a0}km", self.number(km, if km < 100.0 { 1 } else { 0 }))
    }

    /// Metres, grouped: `1 234 m`.
    pub fn metres(&self, metres: f64) -> String {
        format!("{}\u{a0}m", self.number(metres, 0))
    }

    /// Hours as `2 h 30`, `45 min`; from 24 h on, days as Geotrek means them (24 is one day,
    /// 48 two), written with the UI strings `day` ("1 day") and `days` ("{n} days").
    pub fn duration(&self, hours: f64, day: &str, days: &str) -> String {
        if hours >= 24.0 {
            let n = (hours / 24.0 * 2.0).round() / 2.0;
            return if n == 1.0 {
                day.to_string()
            } else {
                days.replace("{n}", &self.number(n, 1))
            };
        }
        let total_minutes = (hours * 60.0).round() as u64;
        let (h, m) = (total_minutes / 60, total_minutes % 60);
        match (h, m) {
            (0, m) => format!("{m}\u{a0}min"),
            (h, 0) => format!("{h}\u{a0}h"),
            (h, m) => format!("{h}\u{a0}h\u{a0}{m:02}"),
        }
    }

    /// A long date, `3 juin 2026` / `3 June 2026`; the input as given when it is not a date.
    pub fn date(&self, iso: &str) -> String {
        let day = iso.get(..10).unwrap_or(iso);
        match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(date) => date.format_localized(self.date_pattern, self.dates).to_string(),
            Err(_) => iso.to_string(),
        }
    }

    /// A month name, 1-based.
    pub fn month(&self, month: u32) -> String {
        NaiveDate::from_ymd_opt(2001, month, 1)
            .map(|d| d.format_localized("%B", self.dates).to_string())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Format::new("fr").length(12_480.0), "12,5\u{a0}km");
        assert_eq!(Format::new("en").length(12_480.0), "12.5\u{a0}km");
        assert_eq!(Format::new("de").length(7_000.0), "7\u{a0}km");
        assert_eq!(Format::new("fr").length(450.4), "450\u{a0}m");
        assert_eq!(Format::new("en").metres(1234.4), "1,234\u{a0}m");
        assert_eq!(Format::new("de").metres(1234.0), "1.234\u{a0}m");
        assert_eq!(Format::new("es").metres(1234.0), "1234\u{a0}m");
        assert!(
            Format::new("fr").metres(1234.0).starts_with('1')
                && Format::new("fr").metres(1234.0).ends_with("234\u{a0}m")
        );
        assert_eq!(Format::new("en").number(-0.04, 1), "0");
        assert_eq!(Format::new("en").number(2.05, 2), "2.05");
    }

    #[test]
    fn durations_read_as_geotrek_means_them() {
        let en = Format::new("en");
        assert_eq!(en.duration(2.5, "1 day", "{n} days"), "2\u{a0}h\u{a0}30");
        assert_eq!(en.duration(0.75, "1 day", "{n} days"), "45\u{a0}min");
        assert_eq!(en.duration(3.0, "1 day", "{n} days"), "3\u{a0}h");
        assert_eq!(en.duration(24.0, "1 day", "{n} days"), "1 day");
        assert_eq!(en.duration(48.0, "1 day", "{n} days"), "2 days");
        assert_eq!(
            Format::new("fr").duration(36.0, "1 jour", "{n} jours"),
            "1,5 jours"
        );
    }

    #[test]
    fn dates_and_months_are_localized() {
        assert_eq!(Format::new("fr").date("2026-06-03"), "3 juin 2026");
        assert_eq!(Format::new("en").date("2026-06-03T10:00:00Z"), "3 June 2026");
        assert_eq!(Format::new("de").month(3), "März");
        assert_eq!(Format::new("de").date("2025-01-16"), "16. Januar 2025");
        assert_eq!(Format::new("es").date("2025-01-16"), "16 de enero de 2025");
        assert_eq!(Format::new("en").date("soon"), "soon");
    }
}
