//! CSV files of contacts: reading what spreadsheets and address books export, and writing.
