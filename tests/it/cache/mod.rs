//! The cache task: the first screen from the cache, the rest of startup, and a damaged cache.

mod startup_split;
mod task_damage;
