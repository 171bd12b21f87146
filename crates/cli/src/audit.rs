//! `liaison audit`: checking the audit trail's hash chain, and printing its head to keep
//! elsewhere (a checkpoint proves later that nothing up to it was cut or rewritten).

use clap::Subcommand;
use liaison_app::audit_trail::Checkpoint;
use liaison_app::App;

/// The audit trail's commands.
#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute the trail's hash chain from the first entry. Prints how many entries were
    /// checked and the head; on the first broken entry, names it and exits with an error.
    Verify {
        /// A head kept earlier (`ID:HASH` from `liaison audit checkpoint`): also check that
        /// this entry is still in the trail with this hash.
        #[arg(long, value_name = "ID:HASH")]
        head: Option<Checkpoint>,
    },
    /// Print the trail's current head, `ID:HASH`, alone on the last line, to keep outside
    /// the database.
    Checkpoint,
}

/// Runs one audit command; an error is the message to print before exiting with failure.
pub async fn run(app: &App, command: &AuditCommand) -> Result<(), String> {
    match command {
        AuditCommand::Verify { head } => {
            let check = app
                .audit_trail()
                .verify(None, head.as_ref())
                .await
                .map_err(crate::explain)?;
            if let Some(broken) = check.broken {
                println!(
                    "Checked {} entries before the first broken one.",
                    check.checked
                );
                return Err(format!("the audit trail is broken at {broken}"));
            }
            println!(
                "The audit trail is intact: {} entries checked.",
                check.checked
            );
            if let Some(kept) = head {
                println!("The kept head {kept} is in the trail.");
            }
            println!("Head: {}", check.head);
        }
        AuditCommand::Checkpoint => {
            let head = app
                .audit_trail()
                .checkpoint(None)
                .await
                .map_err(crate::explain)?;
            println!(
                "The audit trail's head. Keep this line outside the database; \
                 `liaison audit verify --head` checks it later:"
            );
            println!("{head}");
        }
    }
    Ok(())
}
