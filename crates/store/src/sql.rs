//! A small builder for queries whose conditions depend on the request (queue filters).

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

/// One bound value.
#[derive(Debug, Clone)]
enum Value {
    Int(i64),
    Text(String),
}

/// SQL text with numbered `$n` placeholders and the values bound to them.
#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    /// Starts with `text`.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            values: Vec::new(),
        }
    }

    /// Appends literal SQL.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to an integer.
    pub fn int(&mut self, v: i64) -> &mut Self {
        self.values.push(Value::Int(v));
        self.text.push_str(&format!("${}", self.values.len()));
        self
    }

    /// Appends a placeholder bound to a text.
    pub fn text(&mut self, v: impl Into<String>) -> &mut Self {
        self.values.push(Value::Text(v.into()));
        self.text.push_str(&format!("${}", self.values.len()));
        self
    }

    /// The query, ready to run.
    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for v in &self.values {
            q = match v {
                Value::Int(i) => q.bind(*i),
                Value::Text(t) => q.bind(t.as_str()),
            };
        }
        q
    }
}
