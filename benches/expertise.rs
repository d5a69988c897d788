//! Benchmarks of the expertise index at network scale: 20k people and 100k messages from a
//! deterministic generator (an LCG; no other module involved). Measures the full build, one
//! incremental message, and query latency for one word, two words, misspellings and each
//! keystroke of an as-you-type query, for both `who_knows` and `directory`.
//! Run: `cargo bench --bench expertise` (wall-clock time), or with `EXPERTISE_BENCH_CPU=1` to
//! measure the benchmark thread's own CPU time (from `/proc/thread-self/schedstat`), which stays
//! meaningful when other processes share the machine's cores. That clock advances at scheduler
//! ticks, so single readings are coarse but the means over many iterations are sound.

#[path = "support/random.rs"]
mod random;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, Criterion, Throughput};
use kring::expertise::{ExpertiseIndex, MessageDoc, PersonDoc, Query};
use random::{Lcg, Zipf};

const PEOPLE: usize = 20_000;
const MESSAGES: usize = 100_000;
const NOW: i64 = 1_750_000_000;
const DAY: i64 = 86_400;

/// Subjects people declare and write about; drawn with a Zipf skew (first is most common).
const SUBJECTS: &[&str] = &[
    "kubernetes",
    "python",
    "java",
    "react",
    "postgres",
    "kafka",
    "terraform",
    "gdpr",
    "audit",
    "docker",
    "helm",
    "golang",
    "rust",
    "typescript",
    "graphql",
    "redis",
    "elasticsearch",
    "spark",
    "airflow",
    "snowflake",
    "tableau",
    "excel",
    "salesforce",
    "sap",
    "figma",
    "accessibility",
    "security",
    "compliance",
    "privacy",
    "payroll",
    "recruiting",
    "onboarding",
    "negotiation",
    "forecasting",
    "budgeting",
    "logistics",
    "procurement",
    "marketing",
    "seo",
    "copywriting",
    "kotlin",
    "swift",
    "android",
    "ios",
    "angular",
    "vue",
    "linux",
    "networking",
    "prometheus",
    "grafana",
    "observability",
    "incident",
    "oncall",
    "architecture",
    "microservices",
    "testing",
    "selenium",
    "cypress",
    "jenkins",
    "gitlab",
    "ansible",
    "azure",
    "aws",
    "gcp",
    "pandas",
];
const DEPARTMENTS: &[&str] = &[
    "Platform",
    "Data",
    "Web",
    "Mobile",
    "Legal",
    "Finance",
    "Sales",
    "Marketing",
    "HR",
    "Support",
    "Security",
    "Design",
];
const LOCATIONS: &[&str] = &[
    "Amsterdam",
    "Berlin",
    "London",
    "Paris",
    "Madrid",
    "Remote",
    "Lisbon",
    "Warsaw",
    "Oslo",
    "Dublin",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ra", "to", "shi", "ven", "dor", "pel", "tra", "qui", "zo", "ban",
    "cor", "fe", "gu", "hal", "jis", "ment", "ion", "ster", "ly", "ing",
];

fn common_words(rng: &mut Lcg, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            (0..2 + rng.below(3))
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        })
        .collect()
}

/// A deterministic network: `people` profiles (10% hidden) and `messages` messages whose
/// senders, subjects and words follow Zipf skews, with 2% one-off tokens (ids, typos, names).
fn network(seed: u64, people: usize, messages: usize) -> (Vec<PersonDoc>, Vec<MessageDoc>) {
    let mut rng = Lcg(seed);
    let words = common_words(&mut rng, 5_000);
    let word_skew = Zipf::new(words.len());
    let subject_skew = Zipf::new(SUBJECTS.len());
    let sender_skew = Zipf::new(people);
    let mut profiles = Vec::with_capacity(people);
    for id in 0..people as u64 {
        let expertise = (0..rng.below(5))
            .map(|_| SUBJECTS[subject_skew.sample(&mut rng)].to_owned())
            .collect();
        let first = &words[rng.below(words.len())];
        let last = &words[rng.below(words.len())];
        profiles.push(PersonDoc {
            id: 1_000 + id,
            full_name: format!("{first} {last}"),
            username: format!("{first}{id}"),
            job_title: (rng.below(4) > 0)
                .then(|| format!("{} engineer", SUBJECTS[subject_skew.sample(&mut rng)])),
            department: Some(DEPARTMENTS[rng.below(DEPARTMENTS.len())].to_owned()),
            location: (rng.below(5) > 0).then(|| LOCATIONS[rng.below(LOCATIONS.len())].to_owned()),
            expertise,
            interests: Vec::new(),
            show_in_directory: rng.below(10) > 0,
            last_active: Some(NOW - rng.below(400) as i64 * DAY),
        });
    }
    let mut all = Vec::with_capacity(messages);
    for id in 0..messages as u64 {
        let subject = SUBJECTS[subject_skew.sample(&mut rng)];
        let mut body = String::new();
        for _ in 0..10 + rng.below(30) {
            let word = match rng.below(100) {
                0..=1 => format!("x{:x}", rng.draw()),
                2..=9 => subject.to_owned(),
                _ => words[word_skew.sample(&mut rng)].clone(),
            };
            body.push_str(&word);
            body.push(' ');
        }
        all.push(MessageDoc {
            id: 10_000_000 + id,
            sender_id: 1_000 + sender_skew.sample(&mut rng) as u64,
            body,
            topics: if rng.below(4) == 0 {
                vec![subject.to_owned()]
            } else {
                Vec::new()
            },
            community: Some(format!("Community {}", rng.below(200))),
            created_at: NOW - rng.below(3 * 365) as i64 * DAY,
            likes: if rng.below(3) == 0 {
                rng.below(20) as u32
            } else {
                0
            },
        });
    }
    (profiles, all)
}

fn build(people: Vec<PersonDoc>, messages: Vec<MessageDoc>) -> ExpertiseIndex {
    let mut index = ExpertiseIndex::new();
    for person in people {
        index.upsert_person(person);
    }
    for message in messages {
        index.add_message(message);
    }
    index
}

/// CPU time of the calling thread in nanoseconds (Linux), `None` where unavailable.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement of the benchmark thread's CPU time (wall time if unavailable).
struct ThreadCpuTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = (Instant, Option<u64>);
    type Value = f64;

    fn start(&self) -> Self::Intermediate {
        (Instant::now(), thread_cpu_ns())
    }

    fn end(&self, (wall, cpu): Self::Intermediate) -> f64 {
        match (cpu, thread_cpu_ns()) {
            (Some(start), Some(end)) => end.saturating_sub(start) as f64,
            _ => wall.elapsed().as_nanos() as f64,
        }
    }

    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }

    fn zero(&self) -> f64 {
        0.0
    }

    fn to_f64(&self, value: &f64) -> f64 {
        *value
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self
    }
}

impl ValueFormatter for ThreadCpuTime {
    fn scale_values(&self, typical_ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match typical_ns {
            ns if ns < 1e3 => (1.0, "ns (cpu)"),
            ns if ns < 1e6 => (1e-3, "µs (cpu)"),
            ns if ns < 1e9 => (1e-6, "ms (cpu)"),
            _ => (1e-9, "s (cpu)"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        _throughput: &Throughput,
        _values: &mut [f64],
    ) -> &'static str {
        "(no throughput)"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn benches<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let (people, messages) = network(7, PEOPLE, MESSAGES);
    let started = Instant::now();
    let index = build(people.clone(), messages.clone());
    eprintln!("one build: {:?}, {:?}", started.elapsed(), index.stats());

    let mut group = c.benchmark_group("build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("20k_people_100k_messages", |b| {
        b.iter_batched(
            || (people.clone(), messages.clone()),
            |(people, messages)| build(people, messages),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("who_knows");
    for text in [
        "kubernetes",
        "gdpr audit",
        "kuberentes",
        "postgress",
        "k",
        "ku",
        "kub",
        "kube",
        "kuber",
    ] {
        let query = Query::new(text);
        group.bench_function(text, |b| b.iter(|| black_box(index.who_knows(&query, NOW))));
    }
    group.finish();

    let mut group = c.benchmark_group("directory");
    for text in ["", "k", "ka", "kal", "kalo", "platform", "berlin engineer"] {
        let query = Query::new(text);
        group.bench_function(if text.is_empty() { "(empty)" } else { text }, |b| {
            b.iter(|| black_box(index.directory(&query)))
        });
    }
    group.finish();

    let filtered = Query::new("kubernetes")
        .department("Platform")
        .location("Berlin");
    c.bench_function("who_knows/kubernetes in Platform, Berlin", |b| {
        b.iter(|| black_box(index.who_knows(&filtered, NOW)))
    });

    let top = index.who_knows(&Query::new("kubernetes"), NOW);
    let expert = top.first().map_or(0, |m| m.person_id);
    c.bench_function("evidence/top_kubernetes_expert", |b| {
        b.iter(|| black_box(index.profile_messages(expert, &Query::new("kubernetes"), 20)))
    });

    // Last: it grows the index, which would skew the query numbers above.
    let mut index = index;
    let mut next_id = 90_000_000u64;
    c.bench_function("incremental/add_message", |b| {
        b.iter_batched(
            || {
                next_id += 1;
                MessageDoc {
                    id: next_id,
                    sender_id: 1_000 + next_id % PEOPLE as u64,
                    body: "Rolling out the kubernetes operator for kafka clusters this week".into(),
                    topics: vec!["kubernetes".into()],
                    community: Some("Community 3".into()),
                    created_at: NOW,
                    likes: 0,
                }
            },
            |message| index.add_message(message),
            // Long batches: the CPU-time clock only advances at scheduler ticks.
            BatchSize::NumIterations(2_000),
        )
    });
    eprintln!("after incremental adds: {:?}", index.stats());
}

fn main() {
    let configure = |c: Criterion| {
        c.warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
    };
    if std::env::var_os("EXPERTISE_BENCH_CPU").is_some() {
        let mut criterion = configure(Criterion::default())
            .with_measurement(ThreadCpuTime)
            .configure_from_args();
        benches(&mut criterion);
        criterion.final_summary();
    } else {
        let mut criterion = configure(Criterion::default())
            .with_measurement(WallTime)
            .configure_from_args();
        benches(&mut criterion);
        criterion.final_summary();
    }
}
