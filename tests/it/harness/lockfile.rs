//! Reads the project's `Cargo.lock` for dependency checks: every locked package
//! with its version. Test-only; it reads the lock file and nothing else.

use serde::Deserialize;

#[derive(Deserialize)]
struct LockFile {
    #[serde(default)]
    package: Vec<LockedPackage>,
}

/// One `[[package]]` entry of `Cargo.lock`.
#[derive(Clone, Debug, Deserialize)]
pub struct LockedPackage {
    pub name: String,
    pub version: String,
}

impl LockedPackage {
    /// `major.minor.patch` as numbers (a pre-release suffix is ignored).
    pub fn semver(&self) -> (u64, u64, u64) {
        let core = self.version.split(['-', '+']).next().unwrap_or_default();
        let mut parts = core.split('.').map(|part| part.parse::<u64>().unwrap());
        (
            parts.next().unwrap(),
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
        )
    }
}

/// Every package in the workspace's `Cargo.lock`.
pub fn locked_packages() -> Vec<LockedPackage> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock");
    let text = std::fs::read_to_string(path).unwrap();
    let lock: LockFile = toml::from_str(&text).unwrap();
    assert!(!lock.package.is_empty(), "Cargo.lock lists no packages");
    lock.package
}

/// The locked copies of the package called `name`.
pub fn copies_of(name: &str) -> Vec<LockedPackage> {
    locked_packages()
        .into_iter()
        .filter(|package| package.name == name)
        .collect()
}
