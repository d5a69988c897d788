//! Command-line definitions (clap). Parsing only: no behaviour lives here.
