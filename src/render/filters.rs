//! Tera filters that write numbers, lengths, durations and dates the page language's way.
//! Each takes the language as an argument: `{{ trek.length_m | km(lang=lang) }}`.

use std::collections::HashMap;

use tera::{Tera, Value};

use crate::format::Format;

pub fn register(tera: &mut Tera) {
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
