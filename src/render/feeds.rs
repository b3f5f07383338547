//! (being written)

use super::{File, RenderError, Whole};

pub fn files(_x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    Ok(Vec::new())
}
