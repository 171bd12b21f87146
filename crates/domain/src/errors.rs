//! Validation errors that name the field at fault and a translatable message key.

/// One problem with one input field. `code` is a message key in the translation files
/// (for example `error-required`), so every layer can show it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field or API property at fault.
    pub field: String,
    /// A stable, machine-readable message key.
    pub code: &'static str,
}

/// Every problem found in one submission, so the user can fix them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.push(FieldError {
            field: field.into(),
            code,
        });
    }

    /// True when nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message key for `field`, if it has a problem.
    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }

    /// Keeps the value of a parse, or records its error under `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }

    /// `Ok(())` when empty, otherwise the errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}
