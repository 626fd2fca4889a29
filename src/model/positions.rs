//! A route's usual form read fast: a LineString whose positions are plain decimals. Decoding
//! routes is most of reading a snapshot; anything unusual goes to the general reader in
//! [`super::geometry`].

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use std::collections::HashSet;

use super::geometry::{Coord, Geometry};
use super::trek_route::text_digest;
use crate::fingerprint::Digest;

/// A route's usual form, a LineString of well-formed positions, read into vertices with no
/// intermediate; `None` for anything else (another type, a `null`, a position out of range),
/// which `geojson` then reads or rejects. Its positions, a small vector each, were a third of
/// decoding a route.
pub fn plain_line(raw: &str) -> Option<Geometry> {
    if let Some(coords) = written_line(raw) {
        return Some(Geometry::LineString(coords));
    }
    #[derive(Deserialize)]
    struct Line<'a> {
        #[serde(rename = "type", borrow)]
        kind: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        coordinates: &'a RawValue,
    }
    let line: Line = serde_json::from_str(raw).ok()?;
    if line.kind != "LineString" {
        return None;
    }
    let text = line.coordinates.get();
    let coords = match decimal_positions(text) {
        Some(coords) => coords,
        None => serde_json::from_str::<Positions>(text).ok()?.0,
    };
    Some(Geometry::LineString(coords))
}

/// The positions of a LineString of two members, `{"type": "LineString", "coordinates":
/// [...]}` as Geotrek writes it (or the other way round), read in one pass: finding the
/// field's text first went through the whole route once more.
fn written_line(raw: &str) -> Option<Vec<Coord>> {
    let mut scan = Scan {
        bytes: raw.as_bytes(),
        at: 0,
    };
    let coords = scan.line()?;
    scan.peek().is_none().then_some(coords)
}

/// An object's text with the route in its top-level `"geometry"` member apart
/// ([`route_apart`]).
pub struct Apart {
    /// The object's text with `null` for the route: serde reads the rest of the object from it.
    pub rest: String,
    /// Where the route's text is in the object's text.
    pub at: usize,
    pub len: usize,
    /// [`text_digest`] of the route's text.
    pub digest: Digest,
    pub route: Read,
}

pub enum Read {
    Decoded(Geometry),
    /// A text `known` to [`route_apart`]: only its first vertex was read.
    Known {
        start: Coord,
    },
}

/// An object's text with the route in its top-level `"geometry"` member apart, when the route
/// is a LineString of plain decimals ([`written_line`]); `None` otherwise. Serde then reads
/// the rest of the object: asking it for the route's text checked every byte of it, which the
/// route's reading does anyway, and was a fourteenth of a one-trek rebuild.
///
/// A route whose text's digest is in `known` (an earlier build read that very text) is not
/// read again: found by where its positions end, it is left for
/// [`super::trek_route::TrekRoute`] to decode when something needs its vertices. Reading every
/// route was a fifth of a one-trek rebuild.
///
/// Every byte outside the route is in the text returned, so the object is valid JSON exactly
/// when serde reads that text: the route's reading accepts only valid JSON, and a known text
/// was read whole once.
pub fn route_apart(text: &str, known: Option<&HashSet<Digest>>) -> Option<Apart> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
    };
    scan.expect(b'{')?;
    loop {
        if scan.literal(br#""geometry""#).is_some() {
            scan.expect(b':')?;
            scan.peek()?;
            let start = scan.at;
            let mut found = None;
            if let Some(end) = known.and_then(|_| line_end(text, start)) {
                let digest = text_digest(&text.as_bytes()[start..end]);
                if known.is_some_and(|known| known.contains(&digest)) {
                    if let Some(first) = first_position(&text[start..end]) {
                        return Some(Apart::new(text, start..end, digest, Read::Known { start: first }));
                    }
                }
                found = Some((end, digest));
            }
            let coords = scan.line()?;
            let digest = match found {
                // The text fingerprinted is the one read.
                Some((end, digest)) if end == scan.at => digest,
                _ => text_digest(&text.as_bytes()[start..scan.at]),
            };
            let route = Read::Decoded(Geometry::LineString(coords));
            return Some(Apart::new(text, start..scan.at, digest, route));
        }
        scan.skip_value()?;
        scan.expect(b':')?;
        scan.skip_value()?;
        scan.expect(b',')?;
    }
}

impl Apart {
    fn new(text: &str, route: std::ops::Range<usize>, digest: Digest, read: Read) -> Apart {
        let mut rest = String::with_capacity(text.len() - route.len() + 4);
        rest.push_str(&text[..route.start]);
        rest.push_str("null");
        rest.push_str(&text[route.end..]);
        Apart {
            rest,
            at: route.start,
            len: route.len(),
            digest,
            route: read,
        }
    }
}

/// The end of the LineString at `start`, found without reading its numbers: its positions end
/// at the first `]]` (a position is a list of numbers), found at memory speed. A text written
/// otherwise (spaces between the brackets) is not found, and is read whole.
fn line_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let closed = start + memchr::memmem::find(bytes.get(start..)?, b"]]")? + 2;
    let mut scan = Scan { bytes, at: closed };
    if scan.peek()? == b',' {
        scan.at += 1;
        scan.literal(br#""type""#)?;
        scan.expect(b':')?;
        scan.literal(br#""LineString""#)?;
    }
    scan.expect(b'}')?;
    Some(scan.at)
}

/// The first vertex of a LineString's text.
fn first_position(route: &str) -> Option<Coord> {
    let first = memchr::memmem::find(route.as_bytes(), b"[[")? + 1;
    Scan {
        bytes: route.as_bytes(),
        at: first,
    }
    .position()
}

/// Positions whose numbers have at most 7 decimals (longitude, latitude) and 3 (altitude),
/// as Geotrek writes them, parsed straight into a vertex's units: exactly what parsing them
/// as doubles and rounding gives (see [`Coord`]), at a third of the cost. `None` for anything
/// else (more decimals, an exponent, a `null`), which the general reader takes. `text` is
/// valid JSON: serde_json checked it.
fn decimal_positions(text: &str) -> Option<Vec<Coord>> {
    Scan {
        bytes: text.as_bytes(),
        at: 0,
    }
    .positions()
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    /// A LineString object, `type` first or `coordinates` first.
    fn line(&mut self) -> Option<Vec<Coord>> {
        let kind = |scan: &mut Scan| -> Option<()> {
            scan.literal(br#""type""#)?;
            scan.expect(b':')?;
            scan.literal(br#""LineString""#)
        };
        let coordinates = |scan: &mut Scan| -> Option<Vec<Coord>> {
            scan.literal(br#""coordinates""#)?;
            scan.expect(b':')?;
            scan.positions()
        };
        self.expect(b'{')?;
        let coords = if kind(self).is_some() {
            self.expect(b',')?;
            coordinates(self)?
        } else {
            let coords = coordinates(self)?;
            self.expect(b',')?;
            kind(self)?;
            coords
        };
        self.expect(b'}')?;
        Some(coords)
    }

    /// Past one JSON value, assumed well formed: only strings and nesting are followed.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth = depth.checked_sub(1)?,
                b',' | b':' => {}
                _ => {
                    // A number or a literal: up to what ends it.
                    while let Some(byte) = self.bytes.get(self.at) {
                        if matches!(byte, b',' | b':' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                            break;
                        }
                        self.at += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// Past the rest of a string whose opening quote was read.
    fn skip_string(&mut self) -> Option<()> {
        loop {
            let at = self.at
                + self
                    .bytes
                    .get(self.at..)?
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\\'))?;
            self.at = at + 1;
            if self.bytes[at] == b'"' {
                return Some(());
            }
            // An escape: the next byte is never the end.
            self.at += 1;
        }
    }

    /// See [`decimal_positions`].
    fn positions(&mut self) -> Option<Vec<Coord>> {
        self.expect(b'[')?;
        // Written positions take 25 to 35 bytes: this is about the count, and exact after.
        let mut coords = Vec::with_capacity((self.bytes.len() - self.at) / 24);
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(coords);
        }
        loop {
            coords.push(self.position()?);
            match self.next()? {
                b',' => continue,
                b']' => break,
                _ => return None,
            }
        }
        coords.shrink_to_fit();
        Some(coords)
    }

    /// One position, `[lon, lat]` or `[lon, lat, altitude]`.
    #[inline]
    fn position(&mut self) -> Option<Coord> {
        self.expect(b'[')?;
        let lon = self.decimal(7)?;
        self.expect(b',')?;
        let lat = self.decimal(7)?;
        let altitude = if self.peek() == Some(b',') {
            self.at += 1;
            Some(self.decimal(3)?)
        } else {
            None
        };
        if self.peek() != Some(b']') {
            // A fourth number (a measure): the general reader drops it.
            return None;
        }
        self.at += 1;
        Coord::from_units(lon, lat, altitude)
    }

    /// `literal`, after any whitespace.
    fn literal(&mut self, literal: &[u8]) -> Option<()> {
        self.peek()?;
        let end = self.at + literal.len();
        (self.bytes.get(self.at..end)? == literal).then(|| self.at = end)
    }

    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// A number times 10^`decimals`, when it has no more decimals than that (trailing zeros
    /// aside) and no exponent. Only JSON's forms: no leading zero, a digit after the point.
    fn decimal(&mut self, decimals: u32) -> Option<i64> {
        self.peek()?;
        let negative = self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        if self.bytes.get(self.at) == Some(&b'0')
            && self.bytes.get(self.at + 1).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let mut value: i64 = 0;
        let mut digits = 0;
        while let Some(digit @ b'0'..=b'9') = self.bytes.get(self.at) {
            // Beyond 9 digits, no longitude, latitude or altitude: and no overflow below.
            if digits == 9 {
                return None;
            }
            value = value * 10 + i64::from(digit - b'0');
            digits += 1;
            self.at += 1;
        }
        if digits == 0 {
            return None;
        }
        let mut scale = decimals;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            while let Some(digit @ b'0'..=b'9') = self.bytes.get(self.at) {
                if scale > 0 {
                    value = value * 10 + i64::from(digit - b'0');
                    scale -= 1;
                } else if *digit != b'0' {
                    return None;
                }
                self.at += 1;
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            return None;
        }
        value *= 10i64.pow(scale);
        Some(if negative { -value } else { value })
    }
}

struct Positions(Vec<Coord>);

impl<'de> Deserialize<'de> for Positions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Positions;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of positions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Positions, A::Error> {
                let mut coords = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(Position(coord)) = seq.next_element()? {
                    coords.push(coord);
                }
                // Routes are held for the whole build: no room left from the vector's growth.
                coords.shrink_to_fit();
                Ok(Positions(coords))
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

/// `[lon, lat]` or `[lon, lat, z, ...]`, numbers only.
struct Position(Coord);

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Position;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a position of 2 or 3 numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                let mut number = |i| -> Result<f64, A::Error> {
                    seq.next_element()?
                        .ok_or_else(|| serde::de::Error::invalid_length(i, &self))
                };
                let (lon, lat) = (number(0)?, number(1)?);
                let z: Option<f64> = seq.next_element()?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Coord::checked(lon, lat, z.filter(|z| z.is_finite()))
                    .map(Position)
                    .map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct reading of plain lines and `geojson`'s agree, vertex for vertex.
    #[test]
    fn plain_lines_read_as_geojson_reads_them() {
        for raw in [
            r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 1516.0], [6.2, 44.9, 1520]]}"#,
            r#"{"coordinates": [[6, 44], [6.2, 44.9]], "type": "LineString", "bbox": [6, 44, 6.2, 44.9]}"#,
            r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 1516.0, 3.0], [6.2, 44.9, -12.5]]}"#,
            r#"{"type":"LineString","coordinates":[[6.1,44.8,1516.0],[6.2,44.9,1520]]}"#,
            "{\n \"type\" : \"LineString\" ,\n \"coordinates\" : [ [6.1, 44.8] , [6.2,44.9] ] \n}",
            r#"{"type": "LineString", "coordinates": []}"#,
            r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 1516.0]], "bbox": [6.1, 44.8, 6.1, 44.8]}"#,
            r#"{"type": "LineString", "coordinates": [[6.123456789, 44.8], [6.2, 44.9]]}"#,
        ] {
            let plain = plain_line(raw).expect(raw);
            let read = serde_json::from_str::<geojson::Geometry>(raw).unwrap();
            assert_eq!(Some(plain), Geometry::try_from(&read.value).ok(), "{raw}");
        }
        // Read in one pass when laid out as Geotrek writes it.
        assert!(written_line(r#"{"type":"LineString","coordinates":[[6.1,44.8,1.5]]}"#).is_some());
        assert!(written_line(r#"{ "type" : "LineString", "coordinates" : [] }"#).is_some());
        assert!(written_line(r#"{"coordinates": [[6, 44]], "type": "LineString"}"#).is_some());
        assert!(written_line(r#"{"coordinates": [[6, 44]], "type": "Point"}"#).is_none());
        assert!(written_line(r#"{"type": "LineString", "coordinates": [[6, 44]], "bbox": []}"#).is_none());
        for other in [
            r#"{"type": "MultiPoint", "coordinates": [[6.1, 44.8], [6.2, 44.9]]}"#,
            r#"{"type": "LineString", "coordinates": [[6.1, 44.8, null], [6.2, 44.9]]}"#,
            r#"{"type": "LineString", "coordinates": [[6.1], [6.2, 44.9]]}"#,
            r#"{"type": "LineString", "coordinates": [[2e6, 5e6], [6.2, 44.9]]}"#,
            r#"{"type": "LineStrings", "coordinates": [[6.1, 44.8], [6.2, 44.9]]}"#,
            r#"{"type": "Point", "coordinates": [6.1, 44.8]}"#,
        ] {
            assert_eq!(plain_line(other), None, "{other}");
        }
    }

    #[test]
    fn a_route_is_found_among_the_other_members_and_replaced_by_null() {
        let line = r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 1516.0], [6.2, 44.9]]}"#;
        let expected = plain_line(line).unwrap();
        for text in [
            format!(r#"{{"geometry": {line}, "id": 1}}"#),
            format!(r#"{{"id": 1, "geometry": {line}}}"#),
            // Only the top-level member, after values of every kind with spaces, escapes,
            // brackets and that name in them.
            format!(
                r#"{{ "id" : -1.5e3, "name": {{"fr": "a \"geometry\": {{[\\", "en": "b c"}},
  "children": [{{"geometry": {line}, "x": [1, 2.5, true]}}, [], {{}}], "ok": false, "x": null,
  "geometry" :{line}
}}"#
            ),
        ] {
            let apart = route_apart(&text, None).expect(&text);
            assert!(matches!(&apart.route, Read::Decoded(route) if *route == expected));
            let at = text.rfind(line).unwrap();
            assert_eq!((apart.at, apart.len), (at, line.len()));
            assert_eq!(apart.digest, text_digest(line.as_bytes()));
            assert_eq!(
                apart.rest,
                format!("{}null{}", &text[..at], &text[at + line.len()..])
            );
            assert!(serde_json::from_str::<serde_json::Value>(&apart.rest).is_ok());
            // Known: found without being read, the same text apart.
            let known = HashSet::from([apart.digest.clone()]);
            let known = route_apart(&text, Some(&known)).unwrap();
            assert!(matches!(known.route, Read::Known { start } if Some(start) == expected.start()));
            assert_eq!(
                (known.at, known.len, &known.rest),
                (apart.at, apart.len, &apart.rest)
            );
        }
        // Known texts, type first or last: the same end as reading them finds.
        for line in [
            r#"{"type":"LineString","coordinates":[[6.1,44.8,1516.0],[6.2,44.9,1520.0]]}"#,
            r#"{"coordinates": [[-6.1, -44.8]] , "type" : "LineString" }"#,
        ] {
            let text = format!(r#"{{"id": 1, "geometry": {line}, "name": {{"fr": "]]}}"}}}}"#);
            let eager = route_apart(&text, None).unwrap();
            let known = route_apart(&text, Some(&HashSet::from([eager.digest.clone()]))).unwrap();
            assert!(matches!(known.route, Read::Known { .. }), "{line}");
            assert_eq!(
                (known.at, known.len, &known.rest),
                (eager.at, eager.len, &eager.rest)
            );
        }
        // A known digest of another text does not make a text known.
        let other = HashSet::from([text_digest(b"[]")]);
        let text = format!(r#"{{"geometry": {line}}}"#);
        let apart = route_apart(&text, Some(&other)).unwrap();
        assert!(matches!(apart.route, Read::Decoded(_)));
        assert_eq!(apart.digest, text_digest(line.as_bytes()));
        for other in [
            r#"{"id": 1}"#.to_string(),
            "{}".to_string(),
            r#"{"id": 1, "geometry": null}"#.to_string(),
            r#"{"geometry": {"type": "Point", "coordinates": [6, 44]}}"#.to_string(),
            r#"{"geometry": {"type": "LineString", "coordinates": [[6.1, 44.]]}}"#.to_string(),
            r#"{"geometry": {"type": "LineString", "coordinates": [[6.1, 044]]}}"#.to_string(),
            r#"{"geometry": {"type": "LineString", "coordinates": [[6.1, -]]}}"#.to_string(),
            r#"{"name": "unterminated, "geometry": {"type": "LineString", "coordinates": [[6, 44]]}}"#
                .to_string(),
            format!(r#"{{"children": [{{"geometry": {line}}}]}}"#),
        ] {
            assert!(
                route_apart(&other, None)
                    .is_none_or(|apart| serde_json::from_str::<serde_json::Value>(&apart.rest).is_err()),
                "{other}"
            );
        }
    }

    /// Decimals parsed into units give the vertex that parsing them as doubles gives.
    #[test]
    fn decimals_are_read_as_doubles_would_be() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = |modulus: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % modulus
        };
        for _ in 0..20_000 {
            let places = random(8) as usize;
            let lon = format!(
                "{}{}.{:0places$}",
                if random(2) == 0 { "-" } else { "" },
                random(180),
                random(10u64.pow(places as u32))
            );
            let lat = format!("{}.{:07}", random(90), random(10_000_000));
            let z = format!("{}.{}", random(4800), random(1000));
            let text = format!("[[{lon}, {lat}, {z}],[{lon},{lat}]]");
            let parsed: Vec<Vec<f64>> = serde_json::from_str(&text).unwrap();
            let expected: Vec<Coord> = parsed
                .iter()
                .map(|p| Coord::new(p[0], p[1], p.get(2).copied()))
                .collect();
            assert_eq!(decimal_positions(&text), Some(expected), "{text}");
        }
        for unusual in [
            "[[6.12345678, 45.0]]",
            "[[6.1, 45.0, 1516.0001]]",
            "[[6e1, 45.0]]",
            "[[6.1, null]]",
            "[[6.1, 45.0, 1.0, 2.0]]",
            "[[190.0, 45.0]]",
            "[[6.1, 45.0, 12345678901234567890123]]",
        ] {
            assert_eq!(decimal_positions(unusual), None, "{unusual}");
        }
        assert_eq!(
            decimal_positions("[ [ 6.10000000 , 45 , 0.5000 ] ]"),
            Some(vec![Coord::new(6.1, 45.0, Some(0.5))])
        );
        assert_eq!(decimal_positions("[]"), Some(vec![]));
    }
}
