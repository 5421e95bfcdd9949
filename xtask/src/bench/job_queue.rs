//! Benchmark of the job queue twins (being written).

use anyhow::Result;

use super::Context;

pub fn run(_ctx: &Context) -> Result<()> {
    anyhow::bail!("the job queue benchmark is being written")
}
