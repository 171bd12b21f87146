//! What Liaison's fuzz targets share: picking a time zone from fuzz bytes, one tokio
//! runtime per process, and a migrated SQLite database for the targets whose parsers end
//! in SQL (search, queue filters, Open311 windows), so a query that a parser accepted but
//! the database refuses is caught as the 500 it would be.

use std::sync::OnceLock;

use chrono_tz::Tz;
use liaison_store::Store;
use tokio::runtime::Runtime;

/// A time zone picked by a number: every IANA zone chrono-tz knows.
pub fn zone(n: u16) -> Tz {
    chrono_tz::TZ_VARIANTS[usize::from(n) % chrono_tz::TZ_VARIANTS.len()]
}

/// The process's current-thread runtime, as a test would use.
pub fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// A migrated, empty SQLite database in `LIAISON_FUZZ_DB_DIR` (tools/fuzz/run.sh points it
/// at a folder it removes afterwards), else the system's temporary folder; one file per
/// process.
pub fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::var_os("LIAISON_FUZZ_DB_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let path = dir.join(format!("liaison-fuzz-{}.db", std::process::id()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        runtime().block_on(async {
            let store = Store::connect(&format!("sqlite://{}", path.display()))
                .await
                .expect("a SQLite database");
            store.migrate().await.expect("migrations");
            store
        })
    })
}

/// Text from fuzz bytes: valid UTF-8 as is, anything else lossily.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
