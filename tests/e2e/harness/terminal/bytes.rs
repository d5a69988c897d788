//! Readers of the bytes a program wrote to its terminal: the SGR (colour) sequences, and the
//! last switch of a DEC private mode.

/// Every SGR (`CSI … m`) in `bytes`, as its parameter list (`[]` for a bare `CSI m`).
pub fn sgr_sequences(bytes: &[u8]) -> Vec<Vec<u16>> {
    struct Collect(Vec<Vec<u16>>);
    impl vte::Perform for Collect {
        fn csi_dispatch(&mut self, params: &vte::Params, _: &[u8], _: bool, action: char) {
            if action == 'm' {
                self.0
                    .push(params.iter().flat_map(|p| p.iter().copied()).collect());
            }
        }
    }
    let mut collect = Collect(Vec::new());
    vte::Parser::new().advance(&mut collect, bytes);
    collect.0
}

/// How `bytes` leave the DEC private `mode`: `Some(true)` if its last switch is `CSI ? mode h`,
/// `Some(false)` if it is `CSI ? mode l`, `None` if the mode is never switched.
pub fn last_mode_switch(bytes: &[u8], mode: u16) -> Option<bool> {
    let last = |suffix: char| {
        let needle = format!("\x1b[?{mode}{suffix}");
        bytes
            .windows(needle.len())
            .rposition(|w| w == needle.as_bytes())
    };
    match (last('h'), last('l')) {
        (None, None) => None,
        (on, off) => Some(on > off),
    }
}
