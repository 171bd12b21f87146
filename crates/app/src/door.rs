//! The door every change goes through.
//!
//! An operation takes its command (`crate::command`: a struct of its feature's module, the
//! same whether a form or a JSON body sent it) and first names who is asking (`Caller`);
//! `App::door` checks the right that
//! takes, before anything is read, validated or written, and answers a `Door` that knows
//! the caller's name in the audit trail. The operation then validates, reads and does
//! whatever must happen outside the transaction (files are written to disk before the
//! transaction that records them), and hands its writes to `Door::change`, which opens
//! the write transaction, runs them, appends the audit entries they recorded and commits:
//!
//! ```ignore
//! pub async fn assign(&self, by: &User, id: i64, assignment: &Assignment) -> AppResult<()> {
//!     let door = self.app.door(Caller::Staff(by, Permission::AssignConcerns))?;
//!     door.change(async |tx| {
//!         let mut x = visible(tx, by, id).await?;
//!         // … nothing to change: record nothing, and nothing commits
//!         concerns::update(tx, &x).await?;
//!         tx.record(ConcernAction::Assign, id, json!({"assignee": [before, x.assignee_id]}));
//!         Ok(())
//!     })
//!     .await
//! }
//! ```
//!
//! A change commits only with its audit entries: one that records none (an assignment to
//! the person already assigned, a key already revoked) is rolled back, so whatever it
//! wrote, nothing reaches the database unaudited. Entries are appended last, in one
//! statement, just before the commit: on PostgreSQL the trail's head is locked from the
//! append to the commit, so the later, the shorter the wait of the next change.
//!
//! Each feature's actions are an enum declared in the domain (`liaison_domain::audit`, where
//! the demo generator finds the same words) and re-exported by the feature's module; the
//! words stored are the trail's history, so they never change.
//!
//! Two kinds of write do not go through here. The intake writer (`intake.rs`) stores new
//! concerns in grouped commits, many callers' concerns in one transaction, with an entry
//! for each from the same enum; the door still lets its callers in. Bookkeeping
//! (`App::bookkeeping`) records how Liaison is used — sessions, failed sign-ins, last
//! uses of keys and tokens, kept API answers — and changes no record of the office, so it
//! is not audited.

use std::ops::{Deref, DerefMut};

use liaison_domain::permissions::Permission;
use liaison_store::audit::{self, NewEntry};
use liaison_store::users::User;
use liaison_store::{now, Backend, Conn, WriteTx};
use serde_json::Value;

use crate::{actor, require, Actor, App, AppResult};

/// Who asks for a change.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Caller<'a> {
    /// A staff member using a function of their role: refused unless the role may.
    Staff(&'a User, Permission),
    /// A staff member about what is theirs alone — signing in, their password, their
    /// access tokens: being that person is the right.
    Themselves(&'a User),
    /// A resident on the public portal, never identified.
    Resident,
    /// An Open311 client, recognised by its key.
    Client(&'a Actor),
    /// An operator at the command line, who holds the database anyway.
    CommandLine,
    /// Liaison itself, doing what the office's rules say (the background jobs).
    System(&'static str),
}

impl<'a> Caller<'a> {
    /// An administrator using `permission`, or the command line when there is no user.
    pub(crate) fn staff_or_command_line(by: Option<&'a User>, permission: Permission) -> Self {
        match by {
            Some(u) => Caller::Staff(u, permission),
            None => Caller::CommandLine,
        }
    }
}

/// A caller let in: its right checked, its name in the audit trail known.
pub(crate) struct Door<'a> {
    app: &'a App,
    actor: Actor,
    user: Option<&'a User>,
}

impl App {
    /// Lets `caller` in, or fails with [`crate::AppError::Forbidden`] when a staff member's
    /// role may not use the function. Called first, so a refused caller has nothing read,
    /// validated or written for them.
    pub(crate) fn door<'a>(&'a self, caller: Caller<'a>) -> AppResult<Door<'a>> {
        let (actor, user) = match caller {
            Caller::Staff(u, permission) => {
                require(u, permission)?;
                (actor(u), Some(u))
            }
            Caller::Themselves(u) => (actor(u), Some(u)),
            Caller::Resident => (Actor::Resident, None),
            Caller::Client(client) => (client.clone(), None),
            Caller::CommandLine => (Actor::System("command line".into()), None),
            Caller::System(what) => (Actor::System(what.into()), None),
        };
        Ok(Door {
            app: self,
            actor,
            user,
        })
    }

    /// Runs writes that record how Liaison is used rather than change the office's records
    /// (sessions, failed sign-ins, last uses, kept API answers), in one transaction, without
    /// an audit entry.
    pub(crate) async fn bookkeeping<T>(
        &self,
        work: impl AsyncFnOnce(&mut Conn) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut tx = self.store.write().await?;
        let out = work(&mut tx).await?;
        tx.commit().await?;
        Ok(out)
    }
}

impl Door<'_> {
    /// Who the audit trail will name.
    pub(crate) fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The staff member let in, if the caller is one.
    pub(crate) fn user(&self) -> Option<&User> {
        self.user
    }

    /// Opens the write transaction, runs `work` in it, appends the audit entries `work`
    /// recorded and commits; answers what `work` answered. When `work` fails, or records no
    /// entry, the transaction is rolled back.
    pub(crate) async fn change<T>(
        &self,
        work: impl AsyncFnOnce(&mut Change<'_>) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut change = Change {
            tx: self.app.store.write().await?,
            backend: self.app.store.backend(),
            actor: &self.actor,
            at: now(),
            entries: Vec::new(),
            posted: false,
        };
        let out = work(&mut change).await?;
        let Change {
            mut tx,
            backend,
            entries,
            posted,
            ..
        } = change;
        if entries.is_empty() {
            // Nothing to record, so nothing changed: dropping the transaction rolls back.
            return Ok(out);
        }
        // In the backend's own placeholders: an import's batch records thousands of
        // entries, and SQLite finds each numbered one by scanning every name.
        audit::append_many(&mut tx, backend, &entries).await?;
        tx.commit().await?;
        if posted {
            self.app.jobs_ready.notify_one();
        }
        Ok(out)
    }
}

/// A change in progress: its write transaction (it reads and writes like a connection) and
/// the audit entries it commits with.
pub(crate) struct Change<'a> {
    tx: WriteTx,
    backend: Backend,
    actor: &'a Actor,
    /// When the change happens (UTC seconds): the time of its rows and of its entries.
    pub(crate) at: i64,
    entries: Vec<NewEntry<'a>>,
    posted: bool,
}

impl<'a> Change<'a> {
    /// Notes that the change queued a job (mail to send): this node's runner is woken once
    /// it commits.
    pub(crate) fn posted(&mut self) {
        self.posted = true;
    }

    /// Who makes it.
    pub(crate) fn actor(&self) -> &'a Actor {
        self.actor
    }

    /// Which database it is written to.
    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }

    /// Records that `action` was done to record `id`, with what changed: appended to the
    /// audit trail when the change commits.
    pub(crate) fn record(&mut self, action: impl Action, id: i64, changes: Value) {
        self.entries
            .push(entry(self.actor, action, id, changes, self.at));
    }

    /// Records entries made elsewhere (one per file attached).
    pub(crate) fn record_all(&mut self, entries: Vec<NewEntry<'a>>) {
        self.entries.extend(entries);
    }
}

impl Deref for Change<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.tx
    }
}

impl DerefMut for Change<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.tx
    }
}

/// An audit entry: `by` did `action` to record `id` at `at`.
pub(crate) fn entry(
    by: &Actor,
    action: impl Action,
    id: i64,
    changes: Value,
    at: i64,
) -> NewEntry<'_> {
    NewEntry {
        actor: by,
        action: action.word(),
        record_kind: action.subject().as_str(),
        record_id: Some(id),
        changes,
        at,
    }
}

/// What the audit trail records, and the kinds of record it names: declared once in the
/// domain (`liaison_domain::audit`), each feature's enum re-exported by its module.
pub use liaison_domain::audit::{Action, Subject};

#[cfg(test)]
pub(crate) use liaison_domain::audit::stored;
