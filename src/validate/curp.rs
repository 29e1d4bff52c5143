//! The CURP (Clave Única de Registro de Población), Mexico's personal ID code.
//!
//! 18 characters: four letters from the name (the second a vowel or `X`), the birth date as
//! YYMMDD, the sex (`H`, `M`, or `X` since 2022), the state of birth (two letters, `NE` for born
//! abroad), three consonants from the name, a homoclave (a digit for births before 2000, a
//! letter from 2000 on) and a check digit.

/// The state codes of RENAPO's catalogue, `NE` included.
const STATES: [&str; 33] = [
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
    "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
    "NE",
];

/// Checks a CURP's structure, birth date, sex, state and check digit.
pub fn curp(value: &str) -> Result<(), &'static str> {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() != 18 {
        return Err("must be 18 characters");
    }
    let is_letter = |c: char| c.is_ascii_uppercase() || c == 'Ñ';
    if !chars[..4].iter().all(|&c| is_letter(c)) || !"AEIOUX".contains(chars[1]) {
        return Err("does not start with four letters from the name");
    }
    let digit = |i: usize| chars[i].to_digit(10);
    let date: Option<Vec<u32>> = (4..10).map(digit).collect();
    let Some(date) = date else {
        return Err("does not hold a birth date as YYMMDD");
    };
    let (yy, month, day) = (
        date[0] * 10 + date[1],
        date[2] * 10 + date[3],
        date[4] * 10 + date[5],
    );
    // The homoclave tells the century: a digit before 2000, a letter from 2000 on.
    let century = if chars[16].is_ascii_digit() {
        1900
    } else {
        2000
    };
    if !is_date(century + yy, month, day) {
        return Err("does not hold a valid birth date");
    }
    if !"HMX".contains(chars[10]) {
        return Err("does not hold the sex as H, M or X");
    }
    let state: String = chars[11..13].iter().collect();
    if !STATES.contains(&state.as_str()) {
        return Err("does not hold a known state code");
    }
    let is_consonant = |c: char| is_letter(c) && !"AEIOU".contains(c);
    if !chars[13..16].iter().all(|&c| is_consonant(c)) {
        return Err("does not hold three consonants from the name");
    }
    if !(chars[16].is_ascii_digit() || chars[16].is_ascii_uppercase()) {
        return Err("has an invalid homoclave");
    }
    let Some(check) = chars[17].to_digit(10) else {
        return Err("has a wrong check digit");
    };
    let mut sum = 0;
    for (index, &c) in chars[..17].iter().enumerate() {
        let value = char_value(c).ok_or("has a wrong check digit")?;
        sum += value * (18 - index as u32);
    }
    if (10 - sum % 10) % 10 == check {
        Ok(())
    } else {
        Err("has a wrong check digit")
    }
}

/// A character's value in the check digit: 0-9, then A=10 … N=23, Ñ=24, O=25 … Z=36.
fn char_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='N' => Some(c as u32 - 'A' as u32 + 10),
        'Ñ' => Some(24),
        'O'..='Z' => Some(c as u32 - 'O' as u32 + 25),
        _ => None,
    }
}

/// True for a real calendar date.
pub(super) fn is_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_valid_curps() {
        for valid in [
            "HEGG560427MVZRRL04",
            "BEML920313HMCLNS09",
            "PEGL890909MJCRMS08",
            "AAMG890608HDFLJL00",
            "BOXW310820HNERXN09",
            "SABC560626MDFLRN01",
            "ROCE000131HNLDNDA0",
            "CORM770627MDFNJR01",
        ] {
            assert_eq!(curp(valid), Ok(()), "{valid}");
        }
    }

    #[test]
    fn published_invalid_curps_fail_for_their_reason() {
        assert_eq!(curp("BOXW310820HNERXN08"), Err("has a wrong check digit"));
        assert_eq!(
            curp("PEGL891313MJCRMS06"),
            Err("does not hold a valid birth date")
        );
        assert_eq!(
            curp("PEGL890909QJCRMS08"),
            Err("does not hold the sex as H, M or X")
        );
        assert_eq!(
            curp("PEGL890909MQQRMS02"),
            Err("does not hold a known state code")
        );
    }

    #[test]
    fn shape_errors() {
        assert_eq!(curp(""), Err("must be 18 characters"));
        assert_eq!(
            curp("pegl890909mjcrms08"),
            Err("does not start with four letters from the name")
        );
        assert_eq!(
            curp("PEGL8909X9MJCRMS08"),
            Err("does not hold a birth date as YYMMDD")
        );
        assert_eq!(
            curp("PEGL890909MJCAMS08"),
            Err("does not hold three consonants from the name")
        );
        assert_eq!(curp("PEGL890909MJCRMS0X"), Err("has a wrong check digit"));
    }

    #[test]
    fn the_n_tilde_slot_counts_24() {
        assert_eq!(char_value('N'), Some(23));
        assert_eq!(char_value('Ñ'), Some(24));
        assert_eq!(char_value('O'), Some(25));
        assert_eq!(char_value('Z'), Some(36));
    }

    #[test]
    fn leap_days() {
        assert!(is_date(2000, 2, 29));
        assert!(!is_date(1900, 2, 29));
        assert!(!is_date(2023, 4, 31));
    }
}
