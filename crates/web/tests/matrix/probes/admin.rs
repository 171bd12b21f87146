//! Probes of administration: every page and form, each about a record that exists.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{pairs, World, MISSING_ID};

/// Administration: every page and form, each about a record that exists.
pub(super) fn admin(w: &World<'_>, row: &Row, _p: Persona) -> Option<Probe> {
    let read = |path: &str| Probe::read(Iface::Page, get(path));
    let write = |path: &str, fields: &[(&str, &str)]| {
        Probe::new(
            Iface::Page,
            Judge::Write,
            post(path, Body::Form(pairs(fields))),
        )
    };
    let record = |probe: Probe, pattern: &str, id: i64| {
        let missing = pattern.replace("{id}", &MISSING_ID.to_string());
        let req = Req {
            path: missing,
            ..probe.real.clone()
        };
        probe.missing(req, &swaps(&id_swap(id)))
    };
    let (k, area, spare) = (w.question_category, w.area, w.spare.id);
    let category = [
        ("name", "Street lighting and poles"),
        ("ack_amount", "8"),
        ("ack_unit", "working_hours"),
        ("resolve_amount", "10"),
        ("resolve_unit", "calendar_days"),
        ("default_priority", "normal"),
        ("active", "yes"),
    ];
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/staff/admin") => read("/staff/admin").shows(&["time_zone"]),
        ("POST", "/staff/admin") => write(
            "/staff/admin",
            &[
                ("name", "Kestrel Liaison Office"),
                ("time_zone", &w.time_zone),
                ("work_start", "08:00"),
                ("work_end", "17:00"),
                ("working_days", "1"),
                ("working_days", "2"),
                ("working_days", "3"),
            ],
        ),
        ("GET", "/staff/admin/areas") => read("/staff/admin/areas").shows(&["Riverside"]),
        ("POST", "/staff/admin/areas") => write("/staff/admin/areas", &[("name", "Kestrel Hill")]),
        ("POST", "/staff/admin/areas/{id}") => record(
            write(
                &format!("/staff/admin/areas/{area}"),
                &[("name", "Riverside East"), ("active", "yes")],
            ),
            "/staff/admin/areas/{id}",
            area,
        ),
        ("GET", "/staff/admin/categories") => {
            read("/staff/admin/categories").shows(&[&w.private_category.1])
        }
        ("POST", "/staff/admin/categories") => {
            let mut fields = category.to_vec();
            fields[0] = ("name", "Kestrel roads");
            write("/staff/admin/categories", &fields)
        }
        ("GET", "/staff/admin/categories/new") => read("/staff/admin/categories/new"),
        ("GET", "/staff/admin/categories/{id}") => record(
            read(&format!("/staff/admin/categories/{k}")).shows(&["colour"]),
            "/staff/admin/categories/{id}",
            k,
        ),
        ("POST", "/staff/admin/categories/{id}") => record(
            write(&format!("/staff/admin/categories/{k}"), &category),
            "/staff/admin/categories/{id}",
            k,
        ),
        ("POST", "/staff/admin/categories/{id}/questions") => record(
            write(
                &format!("/staff/admin/categories/{k}/questions"),
                &[
                    ("code", "pole"),
                    ("label", "Pole number"),
                    ("kind", "short_text"),
                ],
            ),
            "/staff/admin/categories/{id}/questions",
            k,
        ),
        ("POST", "/staff/admin/categories/{id}/questions/{code}") => record(
            write(
                &format!("/staff/admin/categories/{k}/questions/street"),
                &[("change", "down")],
            ),
            "/staff/admin/categories/{id}/questions/street",
            k,
        ),
        ("GET", "/staff/admin/users") => read("/staff/admin/users").shows(&[&w.spare.email]),
        ("POST", "/staff/admin/users") => write(
            "/staff/admin/users",
            &[
                ("email", "nia.new@office.example"),
                ("name", "Nia New"),
                ("role", "viewer"),
                ("password", "pw-nia-long-enough"),
            ],
        ),
        ("GET", "/staff/admin/users/new") => read("/staff/admin/users/new"),
        ("GET", "/staff/admin/users/{id}") => record(
            read(&format!("/staff/admin/users/{spare}")).shows(&[&w.spare.email]),
            "/staff/admin/users/{id}",
            spare,
        ),
        ("POST", "/staff/admin/users/{id}") => record(
            write(
                &format!("/staff/admin/users/{spare}"),
                &[
                    ("name", "Sol Spare-Renamed"),
                    ("role", "officer"),
                    ("active", "yes"),
                ],
            ),
            "/staff/admin/users/{id}",
            spare,
        ),
        ("GET", "/staff/admin/api-keys") => read("/staff/admin/api-keys").shows(&["City app"]),
        ("POST", "/staff/admin/api-keys") => {
            write("/staff/admin/api-keys", &[("name", "Kestrel app")])
        }
        ("POST", "/staff/admin/api-keys/{id}/revoke") => record(
            write(
                &format!("/staff/admin/api-keys/{}/revoke", w.spare_key),
                &[],
            ),
            "/staff/admin/api-keys/{id}/revoke",
            w.spare_key,
        ),
        ("GET", "/staff/admin/outbox") => read("/staff/admin/outbox?state=failed")
            .shows(&["No such user here", "connection refused"]),
        ("GET", "/staff/admin/outbox/{id}") => record(
            read(&format!("/staff/admin/outbox/{}", w.failed_message)).shows(&["gone@example.org"]),
            "/staff/admin/outbox/{id}",
            w.failed_message,
        ),
        ("POST", "/staff/admin/outbox/{id}/retry") => record(
            write(
                &format!("/staff/admin/outbox/{}/retry", w.failed_message),
                &[],
            ),
            "/staff/admin/outbox/{id}/retry",
            w.failed_message,
        ),
        ("POST", "/staff/admin/jobs/{id}/retry") => record(
            write(&format!("/staff/admin/jobs/{}/retry", w.parked_job), &[]),
            "/staff/admin/jobs/{id}/retry",
            w.parked_job,
        ),
        ("GET", "/staff/admin/audit") => read("/staff/admin/audit").shows(&["concern.note"]),
        ("POST", "/staff/admin/categories/{id}/texts") => record(
            write(
                &format!("/staff/admin/categories/{k}/texts"),
                &[
                    ("es:name", "Alumbrado público"),
                    ("es:question.street.label", "Calle"),
                ],
            ),
            "/staff/admin/categories/{id}/texts",
            k,
        ),
        ("POST", "/staff/admin/categories/{id}/rules") => record(
            write(
                &format!("/staff/admin/categories/{k}/rules"),
                &[("tell_unacknowledged", "yes"), ("escalate_after_days", "5")],
            ),
            "/staff/admin/categories/{id}/rules",
            k,
        ),
        ("POST", "/staff/admin/categories/{id}/team") => {
            // Its team changes; it stays an ordinary category, as every other row needs it.
            let officer = w.user(Persona::Officer).id.to_string();
            record(
                write(
                    &format!("/staff/admin/categories/{k}/team"),
                    &[("team", &officer)],
                ),
                "/staff/admin/categories/{id}/team",
                k,
            )
        }
        ("POST", "/staff/admin/areas/{id}/texts") => record(
            write(
                &format!("/staff/admin/areas/{area}/texts"),
                &[("es:name", "Ribera"), ("fr:name", "Bord de la rivière")],
            ),
            "/staff/admin/areas/{id}/texts",
            area,
        ),
        _ => return None,
    };
    Some(probe)
}
