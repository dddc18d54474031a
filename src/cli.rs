//! The command line, as clap definitions only. What each command does is in `main.rs`.

use clap::{Args, Parser, Subcommand};
use shangyun::export::Format;
use shangyun::model::Lang;
use std::path::PathBuf;

/// shangyun (上云): a terminal wizard through the ten adoption steps of MIIT's cloud-adoption
/// guideline, with a plan, a scorecard and a checklist.
#[derive(Debug, Parser)]
#[command(name = "shangyun", version, about, long_about = None)]
pub struct Cli {
    /// Where profiles are saved (default: the platform's data directory).
    #[arg(long, global = true, value_name = "DIR", env = "SHANGYUN_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Language of screens and exports [default: from LC_ALL/LC_MESSAGES/LANG, then the
    /// profile's, then zh-CN].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Use the saved profile NAME.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Use the demo enterprise (a scratch copy; your own profiles are never touched).
    #[arg(long, global = true, conflicts_with = "profile")]
    pub demo: bool,

    /// Let the mouse wheel scroll lists, tables and the plan in the wizard. Off by default:
    /// while the wizard has the mouse, selecting text to copy needs Shift (in most terminals).
    #[arg(long, global = true)]
    pub mouse: bool,

    /// Plain mode for screen readers and scripts: one question at a time as lines of text, no
    /// cursor movement or colour (also chosen with TERM=dumb, and when input is not a terminal
    /// but a profile is named).
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the plan, scorecard and checklist (Markdown, HTML), a workbook (xlsx), or the
    /// data (RON/JSON).
    Export(ExportArgs),
    /// Read data from a spreadsheet into a profile.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Write an empty spreadsheet to fill in and import.
    Template {
        #[command(subcommand)]
        what: TemplateCommand,
    },
    /// Validate a saved profile or answers file. Exit 0 valid, 1 problems, 2 unreadable.
    Check {
        /// The file to check.
        file: PathBuf,
    },
    /// List, delete or rename saved profiles (default: list).
    Profiles {
        #[command(subcommand)]
        action: Option<ProfilesCommand>,
    },
    /// Commands for trainers running a workshop.
    Workshop {
        #[command(subcommand)]
        action: WorkshopCommand,
    },
    /// Print a shell completion script.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Write man pages for shangyun and each of its commands.
    Man {
        /// The folder to write them to (default: the current folder).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export this answers file (a saved profile) instead of a stored profile.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_parser = format_parser(), default_value = "md")]
    pub format: Format,

    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `--format`: the extensions of [`Format::ALL`] (the list the export dialog offers too), each
/// with its line of help.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let values = Format::ALL.map(|f| PossibleValue::new(f.extension()).help(format_help(f)));
    PossibleValuesParser::new(values).map(|ext| Format::from_extension(&ext).unwrap_or_default())
}

fn format_help(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown: plan, scorecard and checklist",
        Format::Ron => "RON: the profile, the analysis and rendered texts",
        Format::Json => "JSON: the same as RON",
        Format::Html => {
            "HTML: the Markdown's document as one self-contained page with charts, for print"
        }
        Format::Xlsx => {
            "Excel workbook: inventory, waves, providers, scorecard, checklist (needs -o)"
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read the inventory of information systems from .xlsx, .xls, .ods or .csv: systems are
    /// matched by name (updated) or added. Nothing is written unless the whole file is valid.
    Inventory {
        /// The spreadsheet (first sheet) or CSV file (UTF-8 or GB18030/GBK).
        file: PathBuf,
        /// Import into a new profile NAME instead of an existing one.
        #[arg(long, value_name = "NAME", conflicts_with = "profile")]
        new: Option<String>,
        /// Replace the inventory: systems not in the file are removed.
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The inventory workbook: headers, hints, drop-downs, and the demo as an example sheet.
    Inventory {
        /// Where to write the workbook (.xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List saved profiles.
    List,
    /// Delete a saved profile.
    Delete { name: String },
    /// Rename a saved profile.
    Rename { from: String, to: String },
}

#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Compare many participants' saved profiles in one Markdown summary.
    Summary {
        /// Participants' profile files.
        #[arg(required = true, value_name = "FILES")]
        files: Vec<PathBuf>,

        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.trim() {
        "zh-CN" | "zh" | "zh_CN" => Ok(Lang::ZhCn),
        "en" => Ok(Lang::En),
        _ => Err(format!("`{s}` is not a language; use zh-CN or en")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_work_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["shangyun", "export", "--demo", "--lang", "en", "-o", "x.md"]);
        let cli = cli.map_err(|e| e.to_string());
        assert!(
            matches!(&cli, Ok(c) if c.demo && c.lang == Some(Lang::En)),
            "{cli:?}"
        );
        assert!(Cli::try_parse_from(["shangyun", "--lang", "fr"]).is_err());
    }

    #[test]
    fn the_mouse_is_off_unless_asked_for() {
        let off = Cli::try_parse_from(["shangyun", "--demo"]).map_err(|e| e.to_string());
        assert!(matches!(&off, Ok(c) if !c.mouse), "{off:?}");
        let on = Cli::try_parse_from(["shangyun", "--demo", "--mouse"]).map_err(|e| e.to_string());
        assert!(matches!(&on, Ok(c) if c.mouse), "{on:?}");
    }
}
