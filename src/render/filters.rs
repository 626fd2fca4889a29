//! Tera filters that write numbers, lengths, durations and dates the page language's way.
//! Each takes the language as an argument: `{{ trek.length_m | km(lang=lang) }}`.

use std::collections::HashMap;

use tera::{Tera, Value};

use crate::format::Format;

pub fn register(tera: &mut Tera, escape: fn(&str) -> String) {
    tera.register_filter("local", LocalFilter { escape });
    tera.register_filter("km", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(format(args)?.length(number(v, "km")?)))
    });
    tera.register_filter("metres", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(format(args)?.metres(number(v, "metres")?)))
    });
    tera.register_filter("num", |v: &Value, args: &HashMap<String, Value>| {
        let decimals = args.get("decimals").and_then(Value::as_u64).unwrap_or(0).min(6) as u32;
        Ok(Value::String(format(args)?.number(number(v, "num")?, decimals)))
    });
    tera.register_filter("hours", |v: &Value, args: &HashMap<String, Value>| {
        let day = args.get("day").and_then(Value::as_str).unwrap_or("1 d");
        let days = args.get("days").and_then(Value::as_str).unwrap_or("{n} d");
        Ok(Value::String(format(args)?.duration(
            number(v, "hours")?,
            day,
            days,
        )))
    });
    tera.register_filter("long_date", |v: &Value, args: &HashMap<String, Value>| {
        let text = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("filter `long_date` expects a date string"))?;
        Ok(Value::String(format(args)?.date(text)))
    });
    tera.register_filter("month_name", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(
            format(args)?.month(number(v, "month_name")? as u32),
        ))
    });
}

fn format(args: &HashMap<String, Value>) -> tera::Result<Format> {
    let lang = args
        .get("lang")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("this filter needs the page language: `(lang=lang)`"))?;
    Ok(Format::new(lang))
}

fn number(value: &Value, filter: &str) -> tera::Result<f64> {
    value
        .as_f64()
        .ok_or_else(|| tera::Error::msg(format!("filter `{filter}` expects a number, got {value}")))
}

/// `{{ trek.name | local }}`: a localized text ([`Local`](crate::select::localize::Local)),
/// in a `<span lang>` when it is in another language than the page. The themes' `local`
/// macro did the same, but Tera 1 pays for a macro's frame and for each dotted name it looks
/// up, and texts are printed more than anything else: the filter took 3.5% off a full build.
struct LocalFilter {
    escape: fn(&str) -> String,
}

impl tera::Filter for LocalFilter {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let escape = self.escape;
        let (text, lang) = match value {
            Value::String(text) => (text.as_str(), None),
            Value::Object(map) => (
                map.get("text").and_then(Value::as_str).unwrap_or_default(),
                map.get("lang").and_then(Value::as_str).filter(|l| !l.is_empty()),
            ),
            _ => {
                return Err(tera::Error::msg(format!(
                    "filter `local` expects a text (`text` and `lang`), got {value}"
                )))
            }
        };
        Ok(Value::String(match lang {
            Some(lang) => format!("<span lang=\"{}\">{}</span>", escape(lang), escape(text)),
            None => escape(text),
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, value: Value) -> tera::Result<String> {
        fn escape(text: &str) -> String {
            html_escape::encode_quoted_attribute(text).into_owned()
        }
        let mut tera = Tera::default();
        register(&mut tera, escape);
        tera.set_escape_fn(escape);
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("t.html", template)?;
        let mut context = tera::Context::new();
        context.insert("v", &value);
        tera.render("t.html", &context)
    }

    #[test]
    fn a_local_text_is_escaped_once_and_marked_with_its_language_when_it_has_one() {
        let page_language = serde_json::json!({"text": "Col & lac <1>", "lang": null});
        assert_eq!(
            render("{{ v | local }}", page_language).unwrap(),
            "Col &amp; lac &lt;1&gt;"
        );
        let fallback = serde_json::json!({"text": "L'Aiguille", "lang": "fr"});
        assert_eq!(
            render("{{ v | local }}", fallback).unwrap(),
            "<span lang=\"fr\">L&#x27;Aiguille</span>"
        );
        assert_eq!(render("{{ v | local }}", "Refuge".into()).unwrap(), "Refuge");
        let error = render("{{ v | local }}", 3.into()).unwrap_err();
        assert!(
            format!("{error:?}").contains("filter `local` expects a text"),
            "{error:?}"
        );
    }

    #[test]
    fn the_local_filter_writes_what_the_themes_macro_wrote() {
        let macro_text = r#"{% macro local(value) %}{% if value.lang %}<span lang="{{ value.lang }}">{{ value.text }}</span>{% else %}{{ value.text }}{% endif %}{% endmacro local %}"#;
        for value in [
            serde_json::json!({"text": "Tour \"des\" lacs", "lang": null}),
            serde_json::json!({"text": "Tour <b>des</b> lacs", "lang": "fr"}),
            serde_json::json!({"text": "", "lang": "en"}),
        ] {
            let with_macro = render(
                &format!("{macro_text}{{{{ self::local(value=v) }}}}"),
                value.clone(),
            );
            assert_eq!(render("{{ v | local }}", value).unwrap(), with_macro.unwrap());
        }
    }
}
