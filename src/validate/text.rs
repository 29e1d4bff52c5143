//! Text formats: Mexican mobile numbers, email addresses, dates.

/// A Mexican mobile number: 10 digits, the first 2-9, optionally after `+52`.
pub fn mx_mobile(value: &str) -> Result<(), &'static str> {
    let national = value.strip_prefix("+52").unwrap_or(value);
    let valid = national.len() == 10
        && national.bytes().all(|b| b.is_ascii_digit())
        && (b'2'..=b'9').contains(&national.as_bytes()[0]);
    if valid {
        Ok(())
    } else {
        Err("must be a 10-digit Mexican number (first digit 2-9), optionally after +52")
    }
}

/// An email address as forms accept it: one `@`, a local part of at most 64 characters
/// without spaces, and a domain of dot-separated labels of letters, digits and hyphens, with
/// at least one dot. (What a mailbox accepts is the mail server's to say; this rejects typos.)
pub fn email(value: &str) -> Result<(), &'static str> {
    const REASON: &str = "must be an email address like name@example.mx";
    let Some((local, domain)) = value.split_once('@') else {
        return Err(REASON);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(REASON)
    }
}

/// A date as `DD/MM/YYYY`, the form Mexican apps display and send.
pub fn date_dmy(value: &str) -> Result<(), &'static str> {
    const REASON: &str = "must be a date as DD/MM/YYYY";
    let parts: Vec<&str> = value.split('/').collect();
    let [day, month, year] = parts[..] else {
        return Err(REASON);
    };
    if day.len() != 2 || month.len() != 2 || year.len() != 4 {
        return Err(REASON);
    }
    let number = |text: &str| {
        if text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse::<u32>().ok()
        } else {
            None
        }
    };
    match (number(day), number(month), number(year)) {
        (Some(day), Some(month), Some(year)) if super::curp::is_date(year, month, day) => Ok(()),
        _ => Err(REASON),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        assert_eq!(mx_mobile("5512345678"), Ok(()));
        assert_eq!(mx_mobile("+525512345678"), Ok(()));
        for bad in [
            "110",
            "0512345678",
            "55123456789",
            "+15512345678",
            "55-1234-5678",
            "",
        ] {
            assert!(mx_mobile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for good in ["ana@gmail.mx", "a.b+c@sub.example.com", "x_y@e-x.co"] {
            assert_eq!(email(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.mx",
            "ana@mx",
            "a b@x.mx",
            "a..b@x.mx",
            "a@-x.mx",
            "a@x..mx",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date_dmy("29/02/2000"), Ok(()));
        for bad in [
            "29/02/1900",
            "1/02/2000",
            "2000-02-01",
            "31/04/2020",
            "aa/bb/cccc",
            "",
        ] {
            assert!(date_dmy(bad).is_err(), "{bad}");
        }
    }
}
