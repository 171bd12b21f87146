//! Full-text search with the database's own engine: FTS5 on SQLite, `tsvector` on
//! PostgreSQL, for every kind of record. Each searchable kind has its index,
//! `{kind}_search` (a concern's is `concern_search`), holding one normalized text per
//! record; both engines index the same text, so a query finds the same records. What a
//! record's text is made of is its kind's own definition (a concern's:
//! `liaison_domain::concerns::search_text`).

use liaison_domain::records::RecordKind;

use crate::{Backend, Conn, Result, Sql};

/// The index of a kind of record.
pub fn index_table(kind: RecordKind) -> String {
    format!("{}_search", kind.as_str())
}

/// Lower-cases and keeps only letters and digits, so both engines see plain words
/// (`C-2026-00042` becomes `c 2026 00042`).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// The words of a user's query, at most 8, each at most 40 characters.
pub fn terms(query: &str) -> Vec<String> {
    normalize(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(40).collect())
        .take(8)
        .collect()
}

/// An FTS5 query matching every term, by prefix. A one-character term matches only itself:
/// as a prefix it would match nearly every concern and cost a scan of the whole index.
pub fn match_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| {
            if t.chars().count() > 1 {
                format!("\"{t}\"*")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Adds `id_column IN (records of `kind` matching every term, by prefix)` to `sql`.
pub fn push_condition(
    sql: &mut Sql,
    backend: Backend,
    kind: RecordKind,
    id_column: &str,
    terms: &[String],
) {
    let table = index_table(kind);
    match backend {
        Backend::Sqlite => {
            sql.push(id_column)
                .push(&format!(
                    " IN (SELECT rowid FROM {table} WHERE {table} MATCH "
                ))
                .text(match_expression(terms))
                .push(")");
        }
        Backend::Postgres => {
            let expr = terms
                .iter()
                .map(|t| {
                    if t.chars().count() > 1 {
                        format!("{t}:*")
                    } else {
                        t.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" & ");
            sql.push(id_column)
                .push(&format!(
                    " IN (SELECT record_id FROM {table} WHERE body @@ to_tsquery('simple', "
                ))
                .text(expr)
                .push("))");
        }
    }
}

/// Whether `text` holds every term as the index reads them: a term of two characters or
/// more begins one of its words, a one-character term is one of its words. (FTS5 also
/// folds diacritics; this does not, so it may keep out a match, never let one in.)
pub fn matches(text: &str, terms: &[String]) -> bool {
    let text = normalize(text);
    let words: Vec<&str> = text.split(' ').collect();
    terms.iter().all(|t| {
        words.iter().any(|w| {
            if t.chars().count() > 1 {
                w.starts_with(t.as_str())
            } else {
                w == t
            }
        })
    })
}

/// Of the concerns `ids`, those that match every term without their reporter's name. The
/// name is indexed, so staff who may see reporters find concerns by it; anyone else must
/// not find a concern through it, or the search would tell them who reported it.
pub async fn matching_without_reporter(
    c: &mut Conn,
    ids: &[i64],
    terms: &[String],
) -> Result<Vec<i64>> {
    let texts = crate::concerns::search_texts(c, ids, false).await?;
    Ok(texts
        .into_iter()
        .filter(|(_, text)| matches(text, terms))
        .map(|(id, _)| id)
        .collect())
}

/// Replaces the indexed text of a record.
pub async fn index(
    c: &mut Conn,
    backend: Backend,
    record: liaison_domain::records::RecordRef,
    text: &str,
) -> Result<()> {
    let body = normalize(text);
    let table = index_table(record.kind);
    match backend {
        Backend::Sqlite => {
            sqlx::query(&format!("DELETE FROM {table} WHERE rowid = $1"))
                .bind(record.id)
                .execute(&mut *c)
                .await?;
            sqlx::query(&format!(
                "INSERT INTO {table} (rowid, body) VALUES ($1, $2)"
            ))
            .bind(record.id)
            .bind(body)
            .execute(c)
            .await?;
        }
        Backend::Postgres => {
            sqlx::query(&format!(
                "INSERT INTO {table} (record_id, body) VALUES ($1, to_tsvector('simple', $2)) \
                 ON CONFLICT (record_id) DO UPDATE SET body = excluded.body"
            ))
            .bind(record.id)
            .bind(body)
            .execute(c)
            .await?;
        }
    }
    Ok(())
}

/// Indexes records of `kind` that were never indexed (new ones), with one statement.
pub async fn index_new(
    c: &mut Conn,
    backend: Backend,
    kind: RecordKind,
    list: &[(i64, String)],
) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let table = index_table(kind);
    let bodies: Vec<String> = list.iter().map(|(_, text)| normalize(text)).collect();
    let sql = match backend {
        Backend::Sqlite => format!(
            "INSERT INTO {table} (rowid, body) VALUES {}",
            crate::sql::tuples(backend, list.len(), 2, |_, p| p)
        ),
        Backend::Postgres => format!(
            "INSERT INTO {table} (record_id, body) VALUES {}",
            crate::sql::tuples(backend, list.len(), 2, |col, p| {
                if col == 1 {
                    format!("to_tsvector('simple', {p})")
                } else {
                    p
                }
            })
        ),
    };
    let mut q = sqlx::query(&sql);
    for ((id, _), body) in list.iter().zip(&bodies) {
        q = q.bind(*id).bind(body);
    }
    q.execute(c).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_plain_prefix_terms() {
        assert_eq!(normalize("C-2026-00042: Dust!"), "c 2026 00042 dust");
        assert_eq!(terms("  \"Robert'); DROP--  "), vec!["robert", "drop"]);
        assert!(terms("*** ---").is_empty());
        let mut sql = Sql::new("");
        push_condition(
            &mut sql,
            Backend::Sqlite,
            RecordKind::Concern,
            "c.id",
            &terms("water pipe"),
        );
        assert!(format!("{sql:?}").contains("\\\"water\\\"* AND \\\"pipe\\\"*"));
    }

    #[test]
    fn terms_match_word_beginnings_and_one_letter_words_whole() {
        let text = "C-2026-00042 Dust on the school road; a lorry";
        assert!(matches(text, &terms("dus SCHOOL 00042")));
        assert!(matches(text, &terms("a road")));
        assert!(!matches(text, &terms("ust")));
        assert!(!matches(text, &terms("d")));
        assert!(!matches(text, &terms("dust mokoena")));
    }
}
