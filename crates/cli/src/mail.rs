//! `liaison mail receive`: one message on standard input, as a mail server's pipe hands it
//! over (Postfix's `pipe`, Exim's `pipe` transport, a `.forward` or procmail rule).
//!
//! The exit status is what mail servers read (`sysexits.h`): 0 taken (a reply, a new
//! concern, or a robot's mail set aside), 65 refused for good (unreadable, no sender, too
//! large: the server bounces it to the sender with the message printed), 75 try later (the
//! database is away: the server keeps the message and tries again).

use std::io::Read;

use clap::Subcommand;
use liaison_app::inbound::Arrival;
use liaison_app::AppError;
use liaison_mail::inbound::MAX_BYTES;

use crate::refusals::{self, tr};

/// `sysexits.h`: the input was wrong.
const EX_DATAERR: i32 = 65;
/// `sysexits.h`: a temporary failure; try again later.
const EX_TEMPFAIL: i32 = 75;

#[derive(Subcommand)]
pub enum MailCommand {
    /// Take one message (RFC 5322) from standard input: a reply lands on its concern, other
    /// mail to the office becomes a concern.
    Receive,
}

/// Runs one command; exits with the status mail servers read.
pub async fn run(cli: &super::Cli, command: &MailCommand) -> Result<(), String> {
    match command {
        MailCommand::Receive => {
            let mut raw = Vec::new();
            let read = std::io::stdin()
                .lock()
                .take(MAX_BYTES as u64 + 1)
                .read_to_end(&mut raw);
            if let Err(e) = read {
                return Err(refusals::refused(
                    "standard input",
                    &refusals::os_reason(&e),
                ));
            }
            let app = match super::open(cli).await {
                Ok((app, _)) => app,
                Err(message) => defer(&message),
            };
            match app.inbox().receive(None, &raw).await {
                Ok(Arrival::Reply { reference, .. }) => {
                    println!("{}", tr().t1("cli-mail-reply", "reference", reference));
                }
                Ok(Arrival::Concern(receipt)) => {
                    println!(
                        "{}",
                        tr().t1("cli-mail-concern", "reference", receipt.reference)
                    );
                }
                Ok(Arrival::SetAside(why)) => {
                    println!("{}", tr().t1("cli-mail-set-aside", "reason", why));
                }
                Err(AppError::Invalid(errors)) => {
                    for e in &errors.0 {
                        eprintln!("{}", tr().t(e.code));
                    }
                    std::process::exit(EX_DATAERR);
                }
                Err(e) => defer(&refusals::explain(e, &[])),
            }
            Ok(())
        }
    }
}

/// Says why, and asks the mail server to keep the message and try again later.
fn defer(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(EX_TEMPFAIL);
}
