//! The one definition of a search word, shared with the browser: `search.js` must fold and
//! split text exactly like this, or typed words will not meet indexed ones.
//!
//! Folding: canonical decomposition, combining marks dropped, lower case, the ligatures
//! French writes (œ, æ) and ß spelled out. Splitting: on anything that is not a letter or a
//! digit. Words of one character are not indexed.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words are stored in shards named by their first characters; a word shorter than this is
/// its own shard.
pub const SHARD_PREFIX: usize = 3;

pub fn fold(text: &str) -> String {
    // Each character decomposed alone: the decomposition of a text also puts each run of
    // combining marks in canonical order, and all of them are dropped here (a test checks
    // that every character with a combining class is a mark). This and the ASCII path below
    // made folding three times faster; it rebuilds a language's index at every edit.
    let mut stripped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            stripped.push(c);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    stripped.push(d)
                }
            });
        }
    }
    if stripped.is_ascii() {
        stripped.make_ascii_lowercase();
        return stripped;
    }
    stripped
        .to_lowercase()
        .replace('œ', "oe")
        .replace('æ', "ae")
        .replace('ß', "ss")
}

/// The words of `text`, folded, in order, repeats included.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(text);
    folded
        .split(|c: char| !(c.is_alphabetic() || c.is_numeric()))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The file name (without extension) of the shard holding `word`: its first characters when
/// they are ASCII letters and digits, else `x` and their UTF-8 bytes in hex, so that every
/// name is safe on any file system and in any URL.
pub fn shard(word: &str) -> String {
    let prefix: String = word.chars().take(SHARD_PREFIX).collect();
    if prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        prefix
    } else {
        let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
        format!("x{hex}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_ligatures_fold_away() {
        assert_eq!(
            fold("Étang de l'Œillet, STRASSE Straße"),
            "etang de l'oeillet, strasse strasse"
        );
        assert_eq!(fold("Çà et là, ÀÉÎÕÜ"), "ca et la, aeiou");
    }

    /// Folding as defined: the whole text decomposed, then marks dropped and lower case.
    fn fold_by_definition(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let stripped: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
        stripped
            .to_lowercase()
            .replace('œ', "oe")
            .replace('æ', "ae")
            .replace('ß', "ss")
    }

    #[test]
    fn folding_char_by_char_is_folding_by_definition() {
        use unicode_normalization::char::canonical_combining_class;
        // Canonical ordering moves only characters with a combining class: all are dropped.
        let ordered_but_kept: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| canonical_combining_class(*c) != 0 && !is_combining_mark(*c))
            .collect();
        assert_eq!(ordered_but_kept, Vec::<char>::new());
        for text in [
            "Σίσυφος ΟΔΟΣ",
            "e\u{0301}\u{0327}t\u{0323}\u{0307}",
            "한국어 ﬁn Ǆ İstanbul",
            "Crêt de l'Œil, Ærø, Straße, ÅNGSTRÖM, 12 km",
            "plain ASCII, MIXED case",
        ] {
            assert_eq!(fold(text), fold_by_definition(text), "{text}");
        }
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let text = format!("A{c}Σ");
            assert_eq!(fold(&text), fold_by_definition(&text), "{c:?}");
        }
    }

    #[test]
    fn words_split_on_punctuation_and_drop_single_letters() {
        let got: Vec<String> = words("L'étang du Lac-Noir (GR5) : 12 km, à 2 500 m !").collect();
        assert_eq!(got, ["etang", "du", "lac", "noir", "gr5", "12", "km", "500"]);
    }

    #[test]
    fn shard_names_are_ascii() {
        assert_eq!(shard("etang"), "eta");
        assert_eq!(shard("du"), "du");
        assert_eq!(shard("ορος"), "xcebfcf81cebf");
    }
}
