//! Concerns leaving as a file: a queue's filters, page after page, with every column the
//! file shows and the reporter only for those who may see who reported.

use liaison_domain::permissions::Permission;
use liaison_store::concerns::export;

pub use liaison_store::concerns::export::{Exported, Names};

use super::{Concerns, QueueFilter};
use crate::accounts::User;
use crate::AppResult;

impl Concerns<'_> {
    /// One page of an export of the queue `filter` names, limited to what `by` may see:
    /// `filter.limit` concerns past `filter.after`, and where the next page starts. In
    /// the order received, newest first (oldest first when the queue asks for it); a search
    /// in the queue's own order, a page of its own at a time, so a concern found only by
    /// its reporter's name stays unfound for those who may not see reporters. The reporter
    /// is left empty for those, and always for anonymous concerns.
    pub async fn export(
        &self,
        by: &User,
        filter: &QueueFilter,
    ) -> AppResult<(Vec<Exported>, Option<Vec<i64>>)> {
        crate::require(by, Permission::ReadConcerns)?;
        let sight = by.role.sight(by.id);
        let with_reporter = by.role.may(Permission::SeeReporterIdentity);
        if !filter.search.is_empty() && filter.reference.is_none() {
            let (found, next) = self.queue(by, filter).await?;
            let ids: Vec<i64> = found.iter().map(|s| s.id).collect();
            let mut c = self.app.store.read().await?;
            let backend = self.app.store.backend();
            let rows = export::by_ids(&mut c, backend, sight, &ids, with_reporter).await?;
            return Ok((rows, next));
        }
        let mut c = self.app.store.read().await?;
        let backend = self.app.store.backend();
        let (rows, next) = export::page(&mut c, backend, sight, filter, with_reporter).await?;
        Ok((rows, next.map(|id| vec![id])))
    }

    /// The names an export shows for categories, areas and staff, by id.
    pub async fn export_names(&self, by: &User) -> AppResult<Names> {
        crate::require(by, Permission::ReadConcerns)?;
        let mut c = self.app.store.read().await?;
        Ok(export::names(&mut c).await?)
    }
}
