//! Benchmark of the chat server twins (being written).

use anyhow::Result;

use super::Context;

pub fn run(_ctx: &Context) -> Result<()> {
    anyhow::bail!("the chat server benchmark is being written")
}
