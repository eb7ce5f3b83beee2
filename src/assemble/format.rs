//! How numbers are printed, the same in the PDF, the website and the templates'
//! filters: `£412,319`, `36,000`, `18.6%`, `+12`.

use crate::model::Unit;

/// Prints a number with thousands separators and the given decimal places, or as
/// written (shortest form) when `places` is `None`.
pub fn number(value: f64, places: Option<u8>) -> String {
    let text = match places {
        Some(p) => format!("{:.*}", usize::from(p), value.abs()),
        None if value.fract() == 0.0 && value.abs() < 1e15 => format!("{}", value.abs() as i64),
        None => format!("{}", (value.abs() * 1e6).round() / 1e6),
    };
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Pounds sterling: whole pounds, or pounds and pence when there are pence.
pub fn gbp(value: f64) -> String {
    let places = if value.fract().abs() > 1e-9 {
        Some(2)
    } else {
        None
    };
    let digits = number(value.abs(), places);
    if value < 0.0 {
        format!("-£{digits}")
    } else {
        format!("£{digits}")
    }
}

/// A change on a previous value, always signed: `+12`, `−3`, `0`.
pub fn delta(value: f64, places: Option<u8>) -> String {
    let digits = number(value.abs(), places);
    if digits.chars().all(|c| c == '0' || c == '.' || c == ',') {
        digits
    } else if value < 0.0 {
        format!("\u{2212}{digits}")
    } else {
        format!("+{digits}")
    }
}

/// A value in its unit. Computed percentages and rates default to one decimal place.
pub fn value(value: f64, unit: Unit, places: Option<u8>, computed: bool) -> String {
    let places = places.or(
        if computed
            && matches!(
                unit,
                Unit::Percent | Unit::RatePer10k | Unit::Ratio | Unit::Number
            )
        {
            Some(1)
        } else {
            None
        },
    );
    match unit {
        Unit::Gbp => gbp(value),
        Unit::Percent => format!("{}%", number(value, places)),
        Unit::Count | Unit::Number | Unit::RatePer10k | Unit::Ratio | Unit::Text => {
            number(value, places)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_figures_as_a_report_does() {
        assert_eq!(number(193615.0, None), "193,615");
        assert_eq!(number(13.4, None), "13.4");
        assert_eq!(number(999.0, None), "999");
        assert_eq!(number(1234.5, Some(2)), "1,234.50");
        assert_eq!(number(-1234.0, None), "-1,234");
        assert_eq!(gbp(412319.0), "£412,319");
        assert_eq!(gbp(12.5), "£12.50");
        assert_eq!(value(85.714, Unit::Percent, None, true), "85.7%");
        assert_eq!(value(18.6, Unit::Percent, None, false), "18.6%");
        assert_eq!(delta(12.0, None), "+12");
        assert_eq!(delta(-3.0, None), "\u{2212}3");
        assert_eq!(delta(0.0, None), "0");
    }
}
