//! Hostile bytes through the decoders (also the test suite's stand-in for the fuzz targets): every
//! truncation of every fixture, random byte flips, arbitrary bytes, invalid UTF-8 and very deep
//! nesting. Each input must give a value or an error, never a panic, and a decoded value must
//! survive re-encoding. Case counts come from `KRING_DECODE_CASES` (default 1,000).

use kring::api::dto::{
    ErrorBody, Group, ListOrWrapped, Message, MessagesEnvelope, SearchResults, Thread, Topic, User,
    UserList,
};
use proptest::prelude::*;

/// A decoder: true when the bytes decoded (and survived re-encoding).
type Decoder = fn(&[u8]) -> bool;

/// Each fixture with the decoder the client uses for it.
const FIXTURES: [(&str, Decoder); 13] = [
    ("feed_envelope.json", survives::<MessagesEnvelope>),
    ("feed_threaded_extended.json", survives::<MessagesEnvelope>),
    ("message_bare.json", survives::<Message>),
    ("user_current.json", survives::<User>),
    ("users_bare.json", list::<User>),
    ("users_in_group.json", survives::<UserList>),
    ("group.json", survives::<Group>),
    ("groups_bare.json", list::<Group>),
    ("groups_wrapped.json", list::<Group>),
    ("thread.json", survives::<Thread>),
    ("topic.json", survives::<Topic>),
    ("search.json", survives::<SearchResults>),
    ("error_validation.json", survives::<ErrorBody>),
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn cases() -> u32 {
    std::env::var("KRING_DECODE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

/// A bare or wrapped list, as `groups.json` and `users.json` come.
fn list<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
    serde_json::from_slice::<ListOrWrapped<T>>(bytes).is_ok()
}

/// Decodes `bytes` as `T`; when that works, the value must re-encode and re-decode to itself.
fn survives<T>(bytes: &[u8]) -> bool
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return false;
    };
    let encoded = serde_json::to_vec(&value).expect("a decoded value encodes");
    let again: T = serde_json::from_slice(&encoded).expect("an encoding decodes");
    assert_eq!(again, value);
    true
}

/// Runs every decoder kring uses over `bytes`; returns how many accepted them.
fn decode_everything(bytes: &[u8]) -> usize {
    [
        survives::<MessagesEnvelope>(bytes),
        survives::<Message>(bytes),
        survives::<User>(bytes),
        survives::<UserList>(bytes),
        survives::<Group>(bytes),
        survives::<Thread>(bytes),
        survives::<Topic>(bytes),
        survives::<SearchResults>(bytes),
        survives::<ErrorBody>(bytes),
        list::<User>(bytes),
        list::<Group>(bytes),
    ]
    .into_iter()
    .filter(|ok| *ok)
    .count()
}

#[test]
fn every_truncation_of_every_fixture_is_an_error_never_a_short_page() {
    let mut inputs = 0;
    for (name, decode) in FIXTURES {
        let bytes = fixture(name);
        assert!(decode(&bytes), "{name} decodes whole");
        let whole = bytes.trim_ascii_end().len();
        for end in 0..whole {
            assert!(!decode(&bytes[..end]), "{name} cut at {end} decoded");
            inputs += 1;
        }
    }
    assert!(inputs > 10_000, "{inputs} truncations tried");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for depth in [200, 10_000, 100_000] {
        let deep_array = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let deep_field = format!(
            r#"{{"messages": [], "meta": {}1{}}}"#,
            r#"{"a":"#.repeat(depth),
            "}".repeat(depth)
        );
        let deep_reference = format!(
            r#"{{"references": [{{"type": "user", "id": 1, "x": {}0{}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        for input in [deep_array, deep_field, deep_reference] {
            decode_everything(input.as_bytes());
        }
    }
}

#[test]
fn invalid_utf8_inside_strings_is_an_error() {
    let mut message = br#"{"id": 5, "body": {"plain": "caf"#.to_vec();
    message.extend([0xc3, 0x28, 0xff]);
    message.extend(br#""}}"#);
    assert!(serde_json::from_slice::<Message>(&message).is_err());
    let mut feed = br#"{"messages": ["#.to_vec();
    feed.extend(&message);
    feed.extend(b"]}");
    assert!(serde_json::from_slice::<MessagesEnvelope>(&feed).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(&bytes);
    }

    #[test]
    fn byte_flips_in_real_shapes_never_panic(
        fixture_index in 0..FIXTURES.len(),
        flips in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let (name, decode) = FIXTURES[fixture_index];
        let mut bytes = fixture(name);
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        decode(&bytes);
    }

    #[test]
    fn ids_round_trip_exactly_as_numbers_and_strings(id in any::<u64>()) {
        for json in [format!(r#"{{"id": {id}}}"#), format!(r#"{{"id": "{id}"}}"#)] {
            let message: Message = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(message.id, id);
            let encoded = serde_json::to_value(&message).unwrap();
            prop_assert_eq!(encoded["id"].as_u64(), Some(id));
        }
    }
}

/// The committed seed inputs of one fuzz target (`fuzz/corpus/<target>/seed-*`).
fn fuzz_seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("seed-"))
        })
        .map(|path| {
            (
                path.display().to_string(),
                std::fs::read(&path).expect("seed"),
            )
        })
        .collect();
    seeds.sort();
    seeds
}

// The fuzz targets' seed corpus replayed in the normal suite with the targets'
// own check (decode, and a decoded value round-trips), so the corpus stays valid and any crash
// found by fuzzing and added as a seed stays fixed. The well-formed seeds must decode.
#[test]
fn the_decoder_fuzz_seeds_pass_the_fuzz_checks() {
    let targets: [(&str, Decoder); 3] = [
        ("decode_envelope", survives::<MessagesEnvelope>),
        ("decode_user", survives::<User>),
        ("decode_thread", survives::<Thread>),
    ];
    for (target, decode) in targets {
        let seeds = fuzz_seeds(target);
        assert!(seeds.len() >= 3, "{target}: corpus missing");
        let decoded = seeds.iter().filter(|(_, bytes)| decode(bytes)).count();
        assert!(decoded >= 2, "{target}: only {decoded} seeds decode");
        // Every decoder kring has meets every seed without a panic.
        let accepted: usize = seeds
            .iter()
            .map(|(_, bytes)| decode_everything(bytes))
            .sum();
        assert!(accepted >= decoded, "{target}");
    }
}
