//! Closing a SQLite store lets go of its file, so that `liaison restore` run as the server
//! stops does not find the file in use.

use liaison_store::{transfer, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_store_leaves_its_file_free_even_with_a_reader_coming_back() {
    let folder = std::env::temp_dir().join(format!("liaison-closing-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    // The race is narrow: without the fix it shows within a few dozen rounds.
    for round in 0..200 {
        let file = folder.join(format!("office-{round}.db"));
        let store = Store::connect(&format!("sqlite://{}", file.display()))
            .await
            .expect("connect");
        // sqlx hands a reader back from a task of its own, which may still be checking it
        // when the close begins.
        drop(store.read().await.expect("read"));
        store.close().await;
        // The store itself lives on (as an `App` holding it would).
        assert!(
            !transfer::sqlite_in_use(&file).await.expect("probe"),
            "round {round}: the file is still in use after close"
        );
        drop(store);
    }
    let _ = std::fs::remove_dir_all(&folder);
}
