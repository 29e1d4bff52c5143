//! Check-digit formats: CLABE interbank account numbers and Luhn card numbers.

/// A CLABE: 18 digits whose last is the check digit. Each of the first 17 digits is weighted
/// 3, 7, 1, 3, 7, 1, …; the products are taken mod 10 and summed; the check digit is
/// (10 − sum mod 10) mod 10.
pub fn clabe(value: &str) -> Result<(), &'static str> {
    let digits = digits(value).ok_or("must be 18 digits")?;
    if digits.len() != 18 {
        return Err("must be 18 digits");
    }
    const WEIGHTS: [u32; 3] = [3, 7, 1];
    let sum: u32 = digits[..17]
        .iter()
        .zip(WEIGHTS.iter().cycle())
        .map(|(digit, weight)| digit * weight % 10)
        .sum();
    let check = (10 - sum % 10) % 10;
    if digits[17] == check {
        Ok(())
    } else {
        Err("has a wrong check digit")
    }
}

/// A card number: 12 to 19 digits passing the Luhn check.
pub fn luhn(value: &str) -> Result<(), &'static str> {
    let digits = digits(value).ok_or("must be digits only")?;
    if !(12..=19).contains(&digits.len()) {
        return Err("must be 12 to 19 digits");
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, &digit)| {
            if index % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err("fails the Luhn check")
    }
}

/// The decimal digits of `value`, or `None` if it holds anything else.
fn digits(value: &str) -> Option<Vec<u32>> {
    value.chars().map(|c| c.to_digit(10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_clabe_vectors() {
        for valid in [
            "002010077777777771",
            "032180000118359719",
            "014027000005555558",
            "002010777777777770",
        ] {
            assert_eq!(clabe(valid), Ok(()), "{valid}");
        }
        assert_eq!(clabe("002010077777777779"), Err("has a wrong check digit"));
        assert_eq!(clabe("12345678901234567"), Err("must be 18 digits"));
        assert_eq!(clabe("00201007777777777a"), Err("must be 18 digits"));
        assert_eq!(clabe(""), Err("must be 18 digits"));
    }

    #[test]
    fn published_luhn_vectors() {
        assert_eq!(luhn("4111111111111111"), Ok(()));
        assert_eq!(luhn("4111111111111112"), Err("fails the Luhn check"));
        assert_eq!(luhn("5555555555554444"), Ok(()));
        assert_eq!(luhn("4111 1111 1111 1111"), Err("must be digits only"));
        assert_eq!(luhn("0"), Err("must be 12 to 19 digits"));
    }
}
