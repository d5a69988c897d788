//! A small fixed network for the expertise tests: 16 people (one hidden, three that tie) and
//! about 60 messages written to exercise declared vs written expertise, misspellings,
//! multi-word queries, filters and sorts. Shared by the `expertise_*` test files. The data is
//! kept as two text tables, one person or message per line.

use kring::expertise::{ExpertiseIndex, MessageDoc, PersonDoc, Query};

pub const NOW: i64 = 1_750_000_000;
pub const DAY: i64 = 86_400;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CAROL: u64 = 3;
pub const DAN: u64 = 4;
pub const ERIN: u64 = 5;
pub const FAY: u64 = 6;
pub const EVE_HIDDEN: u64 = 7;
pub const FRANK: u64 = 8;
pub const GRACE: u64 = 9;
pub const HEIDI: u64 = 10;
pub const IVAN: u64 = 11;
pub const JUDY: u64 = 12;
pub const KIM: u64 = 16;
pub const ABE_TIE_LOW_ID: u64 = 29;
pub const ZOE_TIE: u64 = 30;
pub const ABE_TIE_HIGH_ID: u64 = 31;
/// Sends messages but has no profile (yet).
pub const STRANGER: u64 = 999;

/// id | name | job title | department | location | expertise | interests | shown | active
/// (days ago); lists are comma-separated, `-` is empty.
const PEOPLE: &str = "
1  | Alice Adams  | Platform Engineer         | Platform | Amsterdam | Kubernetes, Helm        | climbing | y | 4
2  | Bob Brown    | Engineering Manager       | Platform | Berlin    | Kubernetes              | -        | y | 30
3  | Carol Chen   | Site Reliability Engineer | Platform | Remote    | -                       | cooking  | y | -
4  | Dan Dekker   | Frontend Developer        | Web      | Amsterdam | JavaScript              | -        | y | -
5  | Erin Evans   | Backend Developer         | Web      | Berlin    | -                       | -        | y | -
6  | Fay Fischer  | Designer                  | Web      | Remote    | -                       | -        | y | -
7  | Eve Hidden   | Cluster Wizard            | Platform | Amsterdam | Kubernetes              | -        | n | -
8  | Frank Fox    | Privacy Officer           | Legal    | Amsterdam | GDPR                    | -        | y | -
9  | Grace Green  | Compliance Lead           | Legal    | Berlin    | GDPR audits             | -        | y | -
10 | Heidi Hall   | Data Analyst              | Data     | Remote    | -                       | -        | y | -
11 | Ivan Ivanov  | Database Administrator    | Data     | Amsterdam | PostgreSQL, Postgres    | -        | y | -
12 | Judy Jones   | Data Engineer             | Data     | Berlin    | -                       | -        | y | -
16 | Kim Kramer   | Sales Lead                | Sales    | Amsterdam | -                       | -        | y | 3
29 | Abe Tie      | -                         | -        | -         | Terraform               | -        | y | -
30 | Zoe Tie      | -                         | -        | -         | Terraform               | -        | y | -
31 | Abe Tie      | -                         | -        | -         | Terraform               | -        | y | -
";

/// id | sender | community (P platform, W web, L legal, D data, S social) | days ago | likes |
/// topics | body.
const MESSAGES: &str = "
100 | 1   | P | 2  | 4 | kubernetes | Upgraded the Kubernetes cluster to 1.30 today, no downtime.
101 | 1   | P | 5  | 2 | -          | Kubernetes pod disruption budgets saved us during the node drain.
102 | 1   | P | 9  | 0 | helm       | New Helm chart for the ingress controller, reviews welcome.
103 | 1   | P | 14 | 1 | kubernetes | How we autoscale Kubernetes workloads on queue length.
104 | 1   | W | 20 | 0 | -          | Kubernetes readiness probes explained for frontend folks.
105 | 1   | S | 3  | 6 | -          | Climbing trip on Saturday, who is in?
110 | 2   | S | 0  | 3 | -          | Lunch order for Friday: pizza or sushi?
111 | 2   | P | 12 | 0 | -          | Quarterly planning slides are in the shared drive.
112 | 2   | P | 40 | 1 | -          | Welcome to our new joiners this month.
120 | 3   | P | 1  | 5 | kubernetes | Debugged a Kubernetes DNS issue: coredns was OOM killed.
121 | 3   | P | 4  | 2 | -          | Our Kubernetes network policies now deny by default.
122 | 3   | P | 7  | 1 | -          | Kubernetes operators for the database clusters are live.
123 | 3   | P | 10 | 0 | kubernetes | Kubernetes upgrade checklist, please add your services.
124 | 3   | P | 16 | 3 | -          | Writing a kubectl plugin to show Kubernetes resource usage.
125 | 3   | P | 25 | 0 | -          | Kubernetes cost report: we overprovision memory by 40%.
126 | 3   | S | 8  | 2 | -          | Best ramen in town? Asking for the team dinner.
130 | 4   | W | 3  | 1 | -          | CSS grid finally clicked for me, layout code halved.
131 | 4   | W | 11 | 0 | -          | Accessibility review of the login form is done.
140 | 5   | W | 1  | 3 | java       | Java 21 virtual threads cut our request latency in half.
141 | 5   | W | 3  | 2 | -          | Java records make our DTOs much shorter.
142 | 5   | W | 6  | 1 | -          | Profiling the Java service with async-profiler found the leak.
143 | 5   | W | 9  | 0 | java       | Java module system: worth it for a monolith?
144 | 5   | W | 13 | 2 | -          | Upgraded Java builds to Gradle 8, faster incremental compiles.
145 | 5   | W | 18 | 0 | -          | Java garbage collector tuning notes from the incident.
150 | 6   | W | 60 | 0 | -          | Does anyone still use the old Java applet for the kiosk?
151 | 6   | S | 2  | 4 | -          | New icons for the intranet are ready.
160 | 7   | P | 1  | 9 | kubernetes | Kubernetes scheduler deep dive, part one.
161 | 7   | P | 2  | 9 | kubernetes | Kubernetes scheduler deep dive, part two.
162 | 7   | P | 3  | 9 | kubernetes | Kubernetes scheduler deep dive, part three.
163 | 7   | P | 4  | 9 | -          | Kubernetes etcd backups are now hourly.
164 | 7   | L | 5  | 2 | -          | GDPR question about Kubernetes audit logs retention.
170 | 8   | L | 2  | 3 | gdpr       | GDPR audit of the HR system starts next week.
171 | 8   | L | 8  | 1 | -          | Audit findings: access reviews are overdue in three teams.
172 | 8   | L | 15 | 0 | -          | Preparing the audit evidence folder for the regulator.
180 | 9   | L | 4  | 2 | -          | Template for data processing agreements updated.
181 | 9   | L | 30 | 0 | gdpr       | GDPR audit checklist for new vendors.
190 | 10  | D | 3  | 1 | gdpr       | Pseudonymising customer data for GDPR in the warehouse.
191 | 10  | D | 6  | 0 | -          | GDPR deletion requests now flow into the data lake jobs.
192 | 10  | D | 12 | 2 | -          | Dashboard for churn is live.
200 | 11  | D | 2  | 2 | postgres   | Postgres 17 upgrade done, logical replication works.
201 | 11  | D | 9  | 1 | -          | Vacuum tuning for our biggest Postgres tables.
210 | 12  | D | 1  | 3 | -          | Moved the feature store to Postgres from Mongo.
211 | 12  | D | 5  | 0 | -          | Postgres JSONB indexes are fast enough for our events.
212 | 12  | D | 7  | 1 | -          | Anyone tried postgress partitioning with pg_partman?
213 | 12  | D | 20 | 0 | -          | Postgres connection pooling with pgbouncer.
220 | 16  | S | 2  | 1 | -          | Sales audit of last quarter's deals is finished.
221 | 16  | S | 9  | 0 | -          | Audit of the CRM fields: please clean up your leads.
222 | 16  | S | 4  | 5 | -          | Great quarter everyone, drinks on Thursday!
230 | 999 | P | 1  | 0 | -          | Kubernetes is great.
240 | 2   | S | 6  | 2 | -          | Office closed on Monday for the holiday.
241 | 4   | S | 5  | 1 | -          | Bike to work week starts soon.
242 | 9   | S | 10 | 0 | -          | Book club: next month we read Dune.
243 | 10  | S | 14 | 3 | -          | Photos from the summer party are up.
244 | 11  | S | 21 | 0 | -          | Lost and found: a blue umbrella.
245 | 5   | S | 19 | 1 | -          | Running club meets Wednesday at six.
246 | 6   | W | 22 | 0 | -          | Design tokens are now shared with the web team.
247 | 16  | S | 33 | 0 | -          | Customer visit went well, thanks all.
248 | 3   | S | 28 | 2 | -          | Who wants to join the pub quiz team?
249 | 8   | S | 27 | 0 | -          | Reminder: lock your screen when you leave your desk.
250 | 12  | S | 26 | 1 | -          | Found a great podcast about databases.
";

/// The cells of each non-empty line of a table.
fn rows(table: &str, cells: usize) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(move |line| {
            let row: Vec<&str> = line.splitn(cells, '|').map(str::trim).collect();
            assert_eq!(row.len(), cells, "malformed fixture line: {line}");
            row
        })
}

fn number<T: std::str::FromStr>(cell: &str) -> T {
    cell.parse()
        .unwrap_or_else(|_| panic!("not a number in the fixture: {cell}"))
}

fn optional(cell: &str) -> Option<String> {
    (cell != "-").then(|| cell.to_owned())
}

fn list(cell: &str) -> Vec<String> {
    if cell == "-" {
        Vec::new()
    } else {
        cell.split(',').map(|t| t.trim().to_owned()).collect()
    }
}

/// A visible profile with just a name (username: first name, lowercased).
pub fn named(id: u64, name: &str) -> PersonDoc {
    PersonDoc {
        id,
        full_name: name.to_owned(),
        username: name.split(' ').next().unwrap_or_default().to_lowercase(),
        show_in_directory: true,
        ..PersonDoc::default()
    }
}

pub fn people() -> Vec<PersonDoc> {
    rows(PEOPLE, 9)
        .map(|c| PersonDoc {
            job_title: optional(c[2]),
            department: optional(c[3]),
            location: optional(c[4]),
            expertise: list(c[5]),
            interests: list(c[6]),
            show_in_directory: c[7] == "y",
            last_active: optional(c[8]).map(|days| NOW - number::<i64>(&days) * DAY),
            ..named(number(c[0]), c[1])
        })
        .collect()
}

pub fn community(key: &str) -> &'static str {
    match key {
        "P" => "Engineering Platform",
        "W" => "Web Guild",
        "L" => "Privacy & Legal",
        "D" => "Data Community",
        "S" => "Social",
        _ => "",
    }
}

pub fn message(
    id: u64,
    sender: u64,
    community: &str,
    days_ago: i64,
    likes: u32,
    topics: &[&str],
    body: &str,
) -> MessageDoc {
    MessageDoc {
        id,
        sender_id: sender,
        body: body.to_owned(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        community: (!community.is_empty()).then(|| community.to_owned()),
        created_at: NOW - days_ago * DAY,
        likes,
    }
}

pub fn messages() -> Vec<MessageDoc> {
    rows(MESSAGES, 7)
        .map(|c| {
            let topics = list(c[5]);
            let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
            message(
                number(c[0]),
                number(c[1]),
                community(c[2]),
                number(c[3]),
                number(c[4]),
                &topics,
                c[6],
            )
        })
        .collect()
}

/// The whole fixed network indexed.
pub fn network() -> ExpertiseIndex {
    let mut index = ExpertiseIndex::new();
    for person in people() {
        index.upsert_person(person);
    }
    for message in messages() {
        index.add_message(message);
    }
    index
}

/// Ids of the people `who_knows` returns for `text`, best first.
pub fn ranked(index: &ExpertiseIndex, text: &str) -> Vec<u64> {
    index
        .who_knows(&Query::new(text), NOW)
        .iter()
        .map(|m| m.person_id)
        .collect()
}

/// Position of `id` in `ids` (panics with the list when absent).
pub fn position(ids: &[u64], id: u64) -> usize {
    ids.iter()
        .position(|&x| x == id)
        .unwrap_or_else(|| panic!("{id} not in {ids:?}"))
}
