//! Submitted form or query fields as they arrived: every value a text, a field may repeat.

/// The fields of one submission, in order.
#[derive(Debug, Clone, Default)]
pub struct Input(pub Vec<(String, String)>);

impl Input {
    /// Decodes `application/x-www-form-urlencoded` bytes (invalid UTF-8 is replaced).
    pub fn from_urlencoded(body: &[u8]) -> Self {
        Self(form_urlencoded_parse(body).into_iter().collect())
    }

    /// The first value of `field`, or "".
    pub fn get(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == field)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `field`.
    pub fn all(&self, field: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Whether a checkbox named `field` was ticked.
    pub fn checked(&self, field: &str) -> bool {
        !self.get(field).is_empty()
    }

    /// Builds an input from pairs (tests, command line).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Self(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

/// Splits `a=1&b=2`, decoding `+` and percent escapes.
fn form_urlencoded_parse(body: &[u8]) -> Vec<(String, String)> {
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let k = decode(it.next().unwrap_or_default());
            let v = decode(it.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

fn decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_and_survives_garbage() {
        let i = Input::from_urlencoded(b"a=1+2&b=%C3%A9t%C3%A9&a=3&c&d=%zz%&e=%4");
        assert_eq!(i.get("a"), "1 2");
        assert_eq!(i.all("a"), vec!["1 2", "3"]);
        assert_eq!(i.get("b"), "été");
        assert_eq!(i.get("c"), "");
        assert_eq!(i.get("d"), "%zz%");
        assert_eq!(i.get("e"), "%4");
        let g = Input::from_urlencoded(&[0xff, b'=', 0xfe, b'&', b'%', b'F', b'F']);
        assert_eq!(g.0.len(), 2);
    }
}
