//! Dutch postcodes as residents and editors write them (`1234ab`,
//! `1234 AB`), normalised to the way the national address register writes
//! them: four digits, a space, two capitals.

/// Why a postcode is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadPostcode {
    /// Not four digits and two letters.
    Shape,
    /// Starts with a 0: Dutch postcodes run from 1000 to 9999.
    LeadingZero,
    /// SA, SD and SS are never used as postcode letters.
    UnusedLetters,
}

/// Normalises a postcode to `1234 AB`.
pub fn normalise(text: &str) -> Result<String, BadPostcode> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = compact.as_bytes();
    let shape = bytes.len() == 6
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_uppercase);
    if !shape {
        return Err(BadPostcode::Shape);
    }
    if bytes[0] == b'0' {
        return Err(BadPostcode::LeadingZero);
    }
    if matches!(&compact[4..], "SA" | "SD" | "SS") {
        return Err(BadPostcode::UnusedLetters);
    }
    Ok(format!("{} {}", &compact[..4], &compact[4..]))
}

impl BadPostcode {
    /// What is wrong, in plain Dutch.
    pub fn reason(&self) -> &'static str {
        match self {
            BadPostcode::Shape => "een postcode is vier cijfers en twee letters",
            BadPostcode::LeadingZero => "een postcode begint nooit met een 0",
            BadPostcode::UnusedLetters => "de letters SA, SD en SS komen in postcodes niet voor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_form_as_1234_ab() {
        for written in ["1234AB", "1234 AB", "1234ab", " 1234 ab ", "1234\tAb"] {
            assert_eq!(normalise(written).as_deref(), Ok("1234 AB"), "{written:?}");
        }
    }

    #[test]
    fn rejects_what_is_no_postcode() {
        assert_eq!(normalise("123AB"), Err(BadPostcode::Shape));
        assert_eq!(normalise("12345AB"), Err(BadPostcode::Shape));
        assert_eq!(normalise("1234A"), Err(BadPostcode::Shape));
        assert_eq!(normalise("AB1234"), Err(BadPostcode::Shape));
        assert_eq!(normalise("1234ÄB"), Err(BadPostcode::Shape));
        assert_eq!(normalise(""), Err(BadPostcode::Shape));
        assert_eq!(normalise("0123AB"), Err(BadPostcode::LeadingZero));
        assert_eq!(normalise("1234 SS"), Err(BadPostcode::UnusedLetters));
    }
}
