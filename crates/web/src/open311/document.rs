//! Open311 answers as one tree, written as XML or JSON: the JSON mirrors the XML, lists
//! are bare arrays, ids and codes are strings, flags are booleans and coordinates numbers.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The two formats of the standard, chosen by the path's suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.xml`, the one the standard requires.
    Xml,
    /// `.json`.
    Json,
}

impl Format {
    /// Splits `name.xml` or `name.json` into the name and the format.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, ext) = file.rsplit_once('.')?;
        match ext {
            "xml" => Some((name, Format::Xml)),
            "json" => Some((name, Format::Json)),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }
}

/// One value of an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (ids and codes too).
    Text(String),
    /// A number.
    Number(f64),
    /// A flag.
    Flag(bool),
    /// Nothing: an empty element, or `null`.
    Empty,
    /// Named fields in order.
    Object(Vec<(&'static str, Value)>),
    /// Items, each an element named by the tag in XML.
    List(&'static str, Vec<Value>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        s.map_or(Value::Empty, Value::Text)
    }
}

/// A whole answer: the root element's name and its content. A list at the root is a bare
/// array in JSON; an object is an object.
pub struct Document {
    /// The XML root element.
    pub root: &'static str,
    /// What it holds.
    pub body: Value,
}

impl Document {
    /// A list of `item` elements under `root`.
    pub fn list(root: &'static str, item: &'static str, items: Vec<Value>) -> Self {
        Self {
            root,
            body: Value::List(item, items),
        }
    }

    /// Writes the document in `format`.
    pub fn render(&self, format: Format) -> String {
        let mut out = String::with_capacity(1024);
        match format {
            Format::Xml => {
                out.push_str(r#"<?xml version="1.0" encoding="utf-8"?>"#);
                element(&mut out, self.root, &self.body);
            }
            Format::Json => json(&mut out, &self.body),
        }
        out
    }

    /// The HTTP response carrying the document.
    pub fn respond(&self, format: Format, status: StatusCode) -> Response {
        let mut r = (status, self.render(format)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        );
        r
    }
}

fn element(out: &mut String, tag: &str, v: &Value) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    match v {
        Value::Text(s) => escape_xml(out, s),
        Value::Number(n) => out.push_str(&number(*n)),
        Value::Flag(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Empty => {}
        Value::Object(fields) => {
            for (k, v) in fields {
                element(out, k, v);
            }
        }
        Value::List(item, items) => {
            for v in items {
                element(out, item, v);
            }
        }
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn escape_xml(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn number(n: f64) -> String {
    if n.is_finite() {
        format!("{n}")
    } else {
        "0".into()
    }
}

fn json(out: &mut String, v: &Value) {
    match v {
        Value::Text(s) => json_string(out, s),
        Value::Number(n) => out.push_str(&number(*n)),
        Value::Flag(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Empty => out.push_str("null"),
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(out, k);
                out.push(':');
                json(out, v);
            }
            out.push('}');
        }
        Value::List(_, items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(out, v);
            }
            out.push(']');
        }
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        Document::list(
            "services",
            "service",
            vec![Value::Object(vec![
                ("service_code", "dust".into()),
                ("service_name", "Dust & <noise> \"x\"\n".into()),
                ("metadata", Value::Flag(true)),
                ("lat", Value::Number(-1.5)),
                ("group", Value::Empty),
            ])],
        )
    }

    #[test]
    fn xml_and_json_say_the_same_thing() {
        assert_eq!(
            sample().render(Format::Xml),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service>\
             <service_code>dust</service_code>\
             <service_name>Dust &amp; &lt;noise&gt; &quot;x&quot;\n</service_name>\
             <metadata>true</metadata><lat>-1.5</lat><group></group></service></services>"
        );
        assert_eq!(
            sample().render(Format::Json),
            "[{\"service_code\":\"dust\",\"service_name\":\"Dust & <noise> \\\"x\\\"\\n\",\
             \"metadata\":true,\"lat\":-1.5,\"group\":null}]"
        );
    }

    #[test]
    fn only_xml_and_json_suffixes_are_formats() {
        assert_eq!(
            Format::split("services.xml"),
            Some(("services", Format::Xml))
        );
        assert_eq!(
            Format::split("C-2026-00001.json"),
            Some(("C-2026-00001", Format::Json))
        );
        assert_eq!(Format::split("services.html"), None);
        assert_eq!(Format::split("services"), None);
    }
}
