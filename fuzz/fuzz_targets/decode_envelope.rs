//! ESC-05 / NET-10: decoding arbitrary bytes as a `MessagesEnvelope` never panics, never overflows the
//! stack and never aborts: it yields a value or a `serde_json` error. A value that decoded
//! encodes and decodes back to an equal value (the server encodes with these types).
#![no_main]

use kring::api::dto::MessagesEnvelope;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<MessagesEnvelope>(data) {
        let encoded = serde_json::to_vec(&value).expect("a decoded value encodes");
        let again: MessagesEnvelope = serde_json::from_slice(&encoded).expect("its encoding decodes");
        assert_eq!(again, value, "encoding does not round-trip");
    }
});
