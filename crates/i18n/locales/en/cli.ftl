# The command line.
# Liaison — English (complete).

## Field errors
error-not-empty = This database already holds an office: the demo loads only into an empty one.

## Command line
# A value given to `liaison` that was not accepted. { $given } is the option as typed with
# what was given (a password by its length only); { $reason } says why and what is accepted.
cli-refused = { $given } was not accepted. { $reason }
cli-password-given = --password of { $length ->
        [one] one character
       *[other] { $length } characters
    }
cli-password-short = Use at least { $min } characters.
cli-password-long = Use at most { $max } characters.
cli-roles = Choose one of the roles: { $roles }.
cli-days = Give a whole number of days from 1 to { $max }, or leave --days out for a token that never expires.
cli-api-key-unknown = No live API key has this id or client name. The live keys are: { $keys }.
cli-api-key-none = No live API key has this id or client name: there are none.
cli-from-missing = There is no folder there ({ $reason }). Give a folder written by liaison backup or liaison export.
cli-from-unreadable = This folder cannot be read ({ $reason }). Give a folder written by liaison backup or liaison export.
cli-from-file = This is a file. Give a folder written by liaison backup or liaison export.
cli-from-no-manifest = It holds no manifest.json, so it is not a folder written by liaison backup or liaison export, or one that was not finished.
cli-to-file = This is a file. Give a new folder, or an empty one.
cli-to-not-empty = This folder is not empty. Give a new folder, or an empty one.
cli-folder-unwritable = The folder cannot be created there: { $reason }.
cli-listen-in-use = Another program listens there ({ $reason }): stop it, or choose another address or port.
cli-public-url = Give the address residents reach Liaison at, beginning with https:// or http://.
cli-listen-failed = Nothing can listen there: { $reason }.
cli-database-url = Give sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.
cli-database-url-unreadable = It cannot be read ({ $reason }). Give sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.
# Whole lines after "error: ", so they start in lower case.
cli-postgres-unreachable = cannot connect to the PostgreSQL server at { $address }: { $reason }. Check that it runs and accepts connections there, or correct --database-url.
cli-postgres-silent = cannot connect to the PostgreSQL server at { $address }: it did not answer within { $seconds } seconds. Check that it runs there, or correct --database-url.
cli-postgres-refused = the PostgreSQL server at { $address } refused the connection: { $reason }. Correct --database-url, or ask its administrator.
cli-sqlite-unopenable = cannot open the SQLite database { $file }: { $reason }. Check --data-dir or --database-url.
cli-file-missing = There is no file there ({ $reason }). Give a CSV or vCard (.vcf) file of contacts.
cli-file-unreadable = This file cannot be read ({ $reason }).
cli-file-folder = This is a folder. Give a CSV or vCard (.vcf) file of contacts.
cli-file-empty = This file is empty.
cli-file-too-large = This file is larger than an import takes ({ $max } MiB). Split it into smaller files.

## liaison stakeholders import: what it found and did. { $rows } is cli-import-rows.
cli-import-summary = { $rows } read: { $counts }.
cli-import-rows = { $count ->
        [0] No rows
        [one] One row
       *[other] { $count } rows
    }
cli-import-ready = { $count } ready to add
cli-import-known = { $count } likely already in the register
cli-import-repeated = { $count } repeating an earlier row
cli-import-invalid = { $count } with mistakes
cli-import-dry-run = Dry run: nothing was written.
cli-import-added = { $count ->
        [0] Added nobody.
        [one] Added one person.
       *[other] Added { $count } people.
    }
cli-import-duplicates-left-out = Likely duplicates were left out: --import-duplicates adds them too.
cli-import-mistakes = Rows with mistakes, left out:
cli-import-duplicates = Likely duplicates:
# Starts each row's line: "line 12: emails: Enter an email address…".
cli-import-line = line { $line }
# { $ids } are register ids, "#12, #15".
cli-import-likely = likely { $ids }
cli-import-repeats = repeats line { $line }

## Progress bars (on a terminal only).
cli-progress-checking-file = Checking the file
cli-progress-import = Adding people
cli-progress-snapshot = Copying the database
cli-progress-tables = Writing tables
cli-progress-checking = Checking the tables
cli-progress-rows = Loading rows
cli-progress-files = Copying attachment files
cli-progress-demo-register = Setting up the office and its register
cli-progress-demo-history = Writing the office's history (concerns)
cli-mail-reply = The reply was added to { $reference }.
cli-mail-concern = The message became concern { $reference }.
cli-mail-set-aside = Set aside: { $reason }.
