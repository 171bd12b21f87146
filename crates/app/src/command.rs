//! Commands: what an operation is asked to do, decoded at the edge.
//!
//! Every operation that changes something takes one struct defined in its feature's module
//! (`concerns::Transition`, `office::NewArea`, `accounts::NewUser`, …), deriving
//! `Deserialize` and `utoipa::ToSchema`. An HTML form decodes into it ([`Input::decode`]),
//! the JSON API decodes its body into the very same struct ([`from_json`]), and the OpenAPI
//! description is generated from it, so the description is the decoding.
//!
//! Decoding is designed never to refuse what a person typed: the fields are text ([`Text`],
//! [`Flag`], [`List`], [`Answers`]) whatever a client sends in them (a string, a number, a
//! boolean), and the operation's validation then answers each field precisely, with
//! [`FieldErrors`] carrying message keys — never a decoder's message, never a 500. Fields a
//! command does not name are ignored. Only a JSON value no field can hold (an object where
//! text goes) is refused, as `error-type` on that field.
//!
//! Forms carry every value as text, and a field may repeat: a [`Text`] takes the first
//! value, a [`List`] every one, a [`Flag`] is ticked when the first is not empty. A
//! command's `answers` ([`Answers`]) come from the intake forms' `q_{code}` fields; any
//! other map-valued field `name` from `name[key]` and `name[key][]` (Open311's
//! `attribute[CODE]`).

use std::collections::BTreeMap;
use std::fmt;

use liaison_domain::FieldErrors;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::Input;

/// The names the field types ask a deserializer for, so the form decoder knows whether a
/// field wants one value, every value, or a map; any other deserializer (JSON) passes them
/// through to the value.
const TEXT: &str = "$liaison::Text";
const LIST: &str = "$liaison::List";
const ANSWERS: &str = "$liaison::Answers";

/// Text as a person typed it. A JSON string is kept as it is; a number is read as its
/// digits, `true` as `yes` (ticked), `false` and `null` as left empty; a list as its first
/// item. Validation decides what it means.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Text(pub String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A checkbox: ticked when a form sends it with any value (`yes`, `on`), or when JSON
/// sends `true` or any text but the empty one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Flag {
    /// Whether it is ticked.
    pub fn is_set(self) -> bool {
        self.0
    }
}

impl From<bool> for Flag {
    fn from(b: bool) -> Self {
        Self(b)
    }
}

/// Every value of a field: a form's repeated field (checkboxes), or a JSON list of texts;
/// a single value is a list of one, `false` and `null` an empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List(pub Vec<String>);

impl<S: Into<String>> FromIterator<S> for List {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Self(iter.into_iter().map(Into::into).collect())
    }
}

/// Answers to a category's intake questions, by question code: a text, or a list of
/// choice keys. Forms send them as `q_{code}` fields, JSON as `{"code": value}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(pub BTreeMap<String, Vec<String>>);

impl Answers {
    /// The values sent for the question whose field is `field` (`q_{code}`), as
    /// `liaison_domain::categories::check_answers` asks for them.
    pub fn of_field(&self, field: &str) -> Vec<String> {
        field
            .strip_prefix("q_")
            .and_then(|code| self.0.get(code))
            .cloned()
            .unwrap_or_default()
    }

    /// Adds a value sent for question `code`.
    pub fn add(&mut self, code: &str, value: impl Into<String>) {
        self.0
            .entry(code.to_string())
            .or_default()
            .push(value.into());
    }

    /// Answers from `(code, value)` pairs (tests, the command line).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        let mut a = Self::default();
        for (code, value) in pairs {
            a.add(code, *value);
        }
        a
    }
}

impl Input {
    /// This form decoded into command `T`. Commands made of [`Text`], [`Flag`], [`List`]
    /// and [`Answers`] always decode; the error is there for any other type.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, FieldErrors> {
        T::deserialize(Form { input: self }).map_err(|e| {
            let mut errors = FieldErrors::new();
            errors.add(e.0, "error-type");
            errors
        })
    }
}

/// A JSON object decoded into command `T`, as the JSON API decodes its bodies. Values are
/// text, numbers, booleans, `null` or lists of texts and numbers; `answers` an object of
/// those. Anything else is refused as `error-type` on its field (an answer's field is
/// `q_{code}`, as the intake names it), every such field at once.
pub fn from_json<T: DeserializeOwned>(body: &Map<String, Value>) -> Result<T, FieldErrors> {
    let mut errors = FieldErrors::new();
    for (k, v) in body {
        if k == "answers" {
            match v {
                Value::Object(answers) => {
                    for (code, a) in answers {
                        check_shape(&format!("q_{code}"), a, &mut errors);
                    }
                }
                Value::Null => {}
                _ => errors.add("answers", "error-type"),
            }
        } else {
            check_shape(k, v, &mut errors);
        }
    }
    errors.into_result()?;
    T::deserialize(Value::Object(body.clone())).map_err(|_| {
        let mut errors = FieldErrors::new();
        errors.add("body", "error-type");
        errors
    })
}

/// Whether `value` is something a text field can hold.
fn check_shape(field: &str, value: &Value, errors: &mut FieldErrors) {
    match value {
        Value::Null | Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
        Value::Array(items) => {
            for item in items {
                if !matches!(item, Value::String(_) | Value::Number(_)) {
                    errors.add(field, "error-type");
                }
            }
        }
        Value::Object(_) => errors.add(field, "error-type"),
    }
}

// Decoding the field types.

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text, a number or a boolean")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text(if v { "yes".into() } else { String::new() }))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        // As JSON writes it: `1.0` stays `1.0` (not a whole number to an id's parser).
        Ok(Text(
            serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
        ))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        Text::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        // A field sent more than once is read as its first value.
        let first = seq.next_element::<Text>()?.unwrap_or_default();
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(first)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(TEXT, TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Text::deserialize(d).map(|t| Flag(!t.is_empty()))
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = List;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of texts, or one")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<List, E> {
        Ok(List(vec![v.to_string()]))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<List, E> {
        Ok(List(if v { vec!["yes".into()] } else { Vec::new() }))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<List, E> {
        TextVisitor.visit_i64(v).map(|t| List(vec![t.0]))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<List, E> {
        TextVisitor.visit_u64(v).map(|t| List(vec![t.0]))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<List, E> {
        TextVisitor.visit_f64(v).map(|t| List(vec![t.0]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<List, E> {
        Ok(List::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<List, E> {
        Ok(List::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<List, D::Error> {
        List::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<List, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
        let mut items = Vec::new();
        while let Some(t) = seq.next_element::<Text>()? {
            items.push(t.0);
        }
        Ok(List(items))
    }
}

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(LIST, ListVisitor)
    }
}

struct AnswersVisitor;

impl<'de> Visitor<'de> for AnswersVisitor {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("answers by question code")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answers, E> {
        Ok(Answers::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Answers, E> {
        Ok(Answers::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Answers, D::Error> {
        Answers::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Answers, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
        let mut answers = Answers::default();
        while let Some((code, values)) = map.next_entry::<String, List>()? {
            // An answer left empty (`null`, `false`, `[]`) is no answer.
            if !values.0.is_empty() {
                answers.0.entry(code).or_default().extend(values.0);
            }
        }
        Ok(answers)
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(ANSWERS, AnswersVisitor)
    }
}

// What they are when left out, as the OpenAPI description gives each field's default.

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(self.0)
    }
}

impl Serialize for List {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Serialize for Answers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

// Their descriptions.

fn text_schema() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(SchemaType::from_iter([
        Type::String,
        Type::Number,
        Type::Boolean,
        Type::Null,
    ]))
}

impl PartialSchema for Text {
    fn schema() -> RefOr<Schema> {
        text_schema()
            .description(Some(
                "Text as a person would type it. A number is read as its digits, `true` as \
                 `yes`, `false` and `null` as left empty.",
            ))
            .into()
    }
}

impl ToSchema for Text {}

impl PartialSchema for Flag {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([
                Type::Boolean,
                Type::String,
                Type::Null,
            ]))
            .description(Some(
                "Ticked: `true`, or any text but the empty one. `false`, `null`, `\"\"` or \
                 leaving it out: not ticked.",
            ))
            .into()
    }
}

impl ToSchema for Flag {}

fn texts_schema() -> Schema {
    OneOfBuilder::new()
        .item(ArrayBuilder::new().items(
            ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Number])),
        ))
        .item(text_schema())
        .into()
}

impl PartialSchema for List {
    fn schema() -> RefOr<Schema> {
        let mut schema = texts_schema();
        if let Schema::OneOf(one) = &mut schema {
            one.description = Some("A list of texts; one text is a list of one.".into());
        }
        schema.into()
    }
}

impl ToSchema for List {}

impl PartialSchema for Answers {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
            .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(texts_schema()))))
            .description(Some(
                "Answers to the category's questions by question code (`GET \
                 /api/v1/categories`): a text, or a list of choice keys for a question that \
                 takes several.",
            ))
            .into()
    }
}

impl ToSchema for Answers {}

// The form decoder: a command from a form's fields.

/// Why a form did not decode (only for types other than the field types above), naming
/// the field.
#[derive(Debug)]
struct FormError(String);

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field {}", self.0)
    }
}

impl std::error::Error for FormError {}

impl de::Error for FormError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        FormError(String::new())
    }
}

/// A whole form: a struct (its fields looked up by name) or a map (every field by name).
struct Form<'a> {
    input: &'a Input,
}

impl<'de> Deserializer<'de> for Form<'_> {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_map(Named {
            input: self.input,
            names: fields.iter().copied(),
            current: "",
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        let mut names: Vec<&str> = Vec::new();
        for (k, _) in &self.input.0 {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
        visitor.visit_map(Named {
            input: self.input,
            names: names.into_iter(),
            current: "",
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit_struct seq tuple tuple_struct enum identifier
    }
}

/// Fields of the form looked up by name: a struct's fields, or a map's entries (every
/// field the form has).
struct Named<'a, I> {
    input: &'a Input,
    names: I,
    current: &'a str,
}

impl<'de, 'a, I: Iterator<Item = &'a str>> MapAccess<'de> for Named<'a, I> {
    type Error = FormError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FormError> {
        match self.names.next() {
            Some(name) => {
                self.current = name;
                seed.deserialize(de::value::StrDeserializer::new(name))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, FormError> {
        seed.deserialize(Field {
            input: self.input,
            name: self.current,
        })
    }
}

/// One field of a form, which may have been sent any number of times.
struct Field<'a> {
    input: &'a Input,
    name: &'a str,
}

impl Field<'_> {
    fn values(&self) -> impl Iterator<Item = &str> {
        self.input
            .0
            .iter()
            .filter(|(k, _)| k == self.name)
            .map(|(_, v)| v.as_str())
    }

    /// The entries of a map-valued field: `q_{code}` for `answers`, else `name[key]` and
    /// `name[key][]`.
    fn entries(&self) -> Vec<(String, String)> {
        self.input
            .0
            .iter()
            .filter_map(|(k, v)| {
                let key = if self.name == "answers" {
                    k.strip_prefix("q_")
                } else {
                    k.strip_prefix(self.name)
                        .and_then(|rest| rest.strip_prefix('['))
                        .map(|rest| rest.strip_suffix("[]").unwrap_or(rest))
                        .and_then(|rest| rest.strip_suffix(']'))
                };
                key.map(|key| (key.to_string(), v.clone()))
            })
            .collect()
    }

    fn error(&self) -> FormError {
        FormError(self.name.to_string())
    }
}

impl<'de> Deserializer<'de> for Field<'_> {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        let values: Vec<&str> = self.values().collect();
        let result = match values.as_slice() {
            [] => visitor.visit_none(),
            [one] => visitor.visit_str(one),
            many => visitor.visit_seq(de::value::SeqDeserializer::new(many.iter().copied())),
        };
        result.map_err(|_: FormError| self.error())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FormError> {
        let result = match name {
            TEXT => visitor.visit_str(self.values().next().unwrap_or_default()),
            LIST => visitor.visit_seq(de::value::SeqDeserializer::new(self.values())),
            ANSWERS => {
                let mut answers: Vec<(String, Vec<String>)> = Vec::new();
                for (code, value) in self.entries() {
                    match answers.iter_mut().find(|(c, _)| *c == code) {
                        Some((_, values)) => values.push(value),
                        None => answers.push((code, vec![value])),
                    }
                }
                visitor.visit_map(de::value::MapDeserializer::new(
                    answers.into_iter().map(|(c, vs)| (c, List(vs))),
                ))
            }
            _ => visitor.visit_newtype_struct(Field {
                input: self.input,
                name: self.name,
            }),
        };
        result.map_err(|_: FormError| self.error())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        if self.values().next().is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier
    }
}

/// A list's values, fed to the list visitor.
impl<'de> de::IntoDeserializer<'de, FormError> for List {
    type Deserializer = ListDeserializer;

    fn into_deserializer(self) -> ListDeserializer {
        ListDeserializer(self.0)
    }
}

/// The values of one answer, as a list.
struct ListDeserializer(Vec<String>);

impl<'de> Deserializer<'de> for ListDeserializer {
    type Error = FormError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FormError> {
        visitor.visit_seq(de::value::SeqDeserializer::new(self.0.into_iter()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Sample {
        name: Text,
        days: List,
        public: Flag,
        answers: Answers,
        attribute: Answers,
        #[serde(rename = "type")]
        kind: Text,
    }

    fn json_object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_form_decodes_field_by_field() {
        let form = Input::from_urlencoded(
            b"name=Ann&name=Bob&days=1&days=3&public=on&q_noise=loud&q_when=2026-01-01\
              &q_kinds=a&q_kinds=b&attribute[x]=1&attribute[y][]=2&attribute[y][]=3&type=t&other=z",
        );
        let s: Sample = form.decode().expect("decodes");
        assert_eq!(s.name, "Ann");
        assert_eq!(s.days, List::from_iter(["1", "3"]));
        assert!(s.public.is_set());
        assert_eq!(s.kind, "t");
        assert_eq!(s.answers.of_field("q_kinds"), vec!["a", "b"]);
        assert_eq!(s.answers.of_field("q_noise"), vec!["loud"]);
        assert_eq!(s.attribute.0["y"], vec!["2", "3"]);
        assert_eq!(s.attribute.0["x"], vec!["1"]);
        let empty: Sample = Input::default().decode().expect("decodes");
        assert_eq!(empty, Sample::default());
        // A checkbox sent empty is not ticked.
        let s: Sample = Input::from_urlencoded(b"public=")
            .decode()
            .expect("decodes");
        assert!(!s.public.is_set());
    }

    #[test]
    fn json_decodes_into_the_same_command() {
        let body = json_object(json!({
            "name": ["Ann", "Bob"], "days": "1", "public": true, "type": 4,
            "answers": {"noise": "loud", "kinds": ["a", "b"], "none": null}, "other": {"x": 1}
        }));
        // An object where text goes is refused, on its field, even an unknown one.
        let e = from_json::<Sample>(&body).unwrap_err();
        assert_eq!(e.for_field("other"), Some("error-type"));
        let mut body = body;
        body.remove("other");
        let s: Sample = from_json(&body).expect("decodes");
        let form: Sample = Input::from_urlencoded(
            b"name=Ann&name=Bob&days=1&public=yes&type=4&q_noise=loud&q_kinds=a&q_kinds=b",
        )
        .decode()
        .expect("decodes");
        assert_eq!(s, form);
        let s: Sample = from_json(&json_object(json!({
            "name": 1.0, "public": false, "days": [1, 2.5], "kind": null
        })))
        .expect("decodes");
        assert_eq!(s.name, "1.0");
        assert!(!s.public.is_set());
        assert_eq!(s.days, List::from_iter(["1", "2.5"]));
        let e = from_json::<Sample>(&json_object(json!({
            "answers": {"noise": {"a": 1}}, "days": [true]
        })))
        .unwrap_err();
        assert_eq!(e.for_field("q_noise"), Some("error-type"));
        assert_eq!(e.for_field("days"), Some("error-type"));
        let e = from_json::<Sample>(&json_object(json!({"answers": "loud"}))).unwrap_err();
        assert_eq!(e.for_field("answers"), Some("error-type"));
    }
}
