//! What the command line says when it does not accept what a person typed: the sentences
//! of the web's Fluent catalog, in English, framed by the option as it is typed and what
//! was given, so that a refusal says what is wrong, what was given and what is accepted.

use std::sync::OnceLock;

use liaison_app::AppError;
use liaison_domain::values::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use liaison_domain::Role;
use liaison_web::i18n::{Catalog, Tr};

/// The catalog in English, loaded the first time something must be said.
pub fn tr() -> &'static Tr {
    static TR: OnceLock<Tr> = OnceLock::new();
    TR.get_or_init(|| Tr::new(Catalog::load(), "en"))
}

/// What a person gave for one field of an operation, ready to be quoted.
pub struct Arg {
    /// The operation's name for the field (`email`).
    field: &'static str,
    /// The option and its value as the person reads them back (`--email "bad"`).
    given: String,
}

impl Arg {
    /// A value typed for `option`, quoted.
    pub fn text(field: &'static str, option: &str, value: &str) -> Self {
        Self {
            field,
            given: format!("{option} {value:?}"),
        }
    }

    /// A value shown as it is, unquoted (a number).
    pub fn plain(field: &'static str, option: &str, value: impl std::fmt::Display) -> Self {
        Self {
            field,
            given: format!("{option} {value}"),
        }
    }

    /// A password: never printed back, only its length.
    pub fn password(field: &'static str, value: &str) -> Self {
        Self {
            field,
            given: tr().t1("cli-password-given", "length", value.chars().count()),
        }
    }
}

/// One line: `given` was not accepted, and why.
pub fn refused(given: &str, reason: &str) -> String {
    tr().t2(
        "cli-refused",
        ("given", given.to_string()),
        ("reason", reason.to_string()),
    )
}

/// `option "value"`, a path or other value quoted as the person typed it.
pub fn quoted(option: &str, value: impl std::fmt::Display) -> String {
    format!("{option} {:?}", value.to_string())
}

/// An operation's error as lines for the terminal: each field at fault as the option the
/// person typed (from `args`), what they gave, and the reason in words; other errors as
/// they describe themselves.
pub fn explain(e: AppError, args: &[Arg]) -> String {
    match e {
        AppError::Invalid(errors) => errors
            .0
            .iter()
            .map(|f| {
                let reason = reason(&f.field, f.code);
                match args.iter().find(|a| a.field == f.field) {
                    Some(a) => refused(&a.given, &reason),
                    None => reason,
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// Why `field` was refused with `code`, and what it accepts. Where the web form's sentence
/// leaves out what is accepted because the form shows it (the roles offered), the command
/// line says it.
fn reason(field: &str, code: &str) -> String {
    let tr = tr();
    match (field, code) {
        ("role", "error-choice") => {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            tr.t1("cli-roles", "roles", roles.join(", "))
        }
        ("password", "error-password-short") => {
            tr.t1("cli-password-short", "min", PASSWORD_MIN_CHARS)
        }
        ("password", "error-too-long") => tr.t1("cli-password-long", "max", PASSWORD_MAX_CHARS),
        ("days", "error-number") => tr.t1("cli-days", "max", liaison_app::access_tokens::MAX_DAYS),
        _ => tr.t(code),
    }
}

/// The operating system's reason for `e`, without Rust's "(os error N)".
pub fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_option_and_never_a_password() {
        let mut errors = liaison_domain::FieldErrors::new();
        errors.add("email", "error-email");
        errors.add("password", "error-password-common");
        errors.add("concerns", "error-not-empty");
        let args = [
            Arg::text("email", "--email", "a\"b"),
            Arg::password("password", "sunshine"),
        ];
        assert_eq!(
            explain(AppError::Invalid(errors), &args),
            "--email \"a\\\"b\" was not accepted. Enter an email address like \
             name@example.org.\n\
             --password of 8 characters was not accepted. This password is too common. \
             Choose another.\n\
             This database already holds an office: the demo loads only into an empty one."
        );
        assert_eq!(
            Arg::password("password", "x").given,
            "--password of one character"
        );
        let gone = std::io::Error::from_raw_os_error(111);
        assert_eq!(os_reason(&gone), "Connection refused");
    }
}
