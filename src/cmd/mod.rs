//! One module per subcommand.

pub mod build;
pub mod check;
pub mod extract;
pub mod inputs;
pub mod new;
pub mod next;
pub mod schema;
pub mod template;
pub mod watch;
