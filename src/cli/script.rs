//! Options of the scripting commands: `feed`, `thread`, `people`, `health`, `questions`,
//! `catchup`, `search`, `post`, `communities`, `join`, `leave`.

use super::at_least_one;

/// The subcommands that read the network and print (see `crate::script`).
#[derive(Debug)]
pub enum ScriptCommand {
    Feed(FeedArgs),
    Thread(ThreadArgs),
    People(PeopleArgs),
    Health(HealthArgs),
    Questions(QuestionsArgs),
    CatchUp(CatchUpArgs),
    Communities(CommunitiesArgs),
    Join(MembershipArgs),
    Leave(MembershipArgs),
    Search(SearchArgs),
}

/// `kring communities` options.
#[derive(Debug, clap::Args)]
pub struct CommunitiesArgs {
    /// Every community the server lists: yours first, then the others, best suggestion first.
    #[arg(long)]
    pub all: bool,

    /// Print JSON: an array of communities, each {id, name, description, privacy, external,
    /// members, messages, last_message_at (RFC 3339 or null), member, web_url}, with {why} (a
    /// phrase, empty when there is no reason) for the ones you are not in. Fields are only ever
    /// added.
    #[arg(long)]
    pub json: bool,
}

/// `kring join` / `kring leave` options.
#[derive(Debug, clap::Args)]
pub struct MembershipArgs {
    /// The community: its id, or its name (any case; a unique start of one will do).
    #[arg(value_name = "COMMUNITY")]
    pub community: String,

    /// Print JSON: {id, name, status}, status being member, pending (a request to join a
    /// private community, waiting for an admin) or left.
    #[arg(long)]
    pub json: bool,
}

/// The built-in feeds `kring feed` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedName {
    /// Your feed.
    My,
    /// Every public conversation.
    All,
    /// People, communities and topics you follow.
    Following,
    /// Everything addressed to you.
    Received,
    /// Private messages.
    Private,
    /// What you sent.
    Sent,
}

/// `kring feed` options.
#[derive(Debug, clap::Args)]
pub struct FeedArgs {
    /// Which built-in feed.
    #[arg(long, value_enum, default_value_t = FeedName::My)]
    pub feed: FeedName,

    /// A community's messages instead.
    #[arg(long, value_name = "ID", conflicts_with_all = ["feed", "from"])]
    pub group: Option<u64>,

    /// One person's messages instead.
    #[arg(long, value_name = "USER_ID", conflicts_with = "feed")]
    pub from: Option<u64>,

    /// How many messages (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Only messages older than this one (to page back).
    #[arg(long, value_name = "MSG_ID")]
    pub older_than: Option<u64>,

    /// Print JSON: an array of messages.
    #[arg(long)]
    pub json: bool,
}

/// `kring thread` options.
#[derive(Debug, clap::Args)]
pub struct ThreadArgs {
    /// The thread's id (its first message's id).
    #[arg(value_name = "THREAD_ID")]
    pub id: u64,

    /// Print JSON: an array of messages, oldest first.
    #[arg(long)]
    pub json: bool,
}

/// `kring people` options.
#[derive(Debug, clap::Args)]
pub struct PeopleArgs {
    /// A subject ("kubernetes", "gdpr audit"): rank who knows it. Without one, list people.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only people whose department matches.
    #[arg(long = "dept", value_name = "DEPARTMENT")]
    pub department: Option<String>,

    /// Only people whose location matches.
    #[arg(long = "loc", value_name = "LOCATION")]
    pub location: Option<String>,

    /// How many people to print.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Read at most this many people from the directory.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub max_people: usize,

    /// Pages of the server's message search read as evidence for a subject.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub evidence_pages: u32,

    /// Print JSON: an array of people, with `score` and `why` for a subject.
    #[arg(long)]
    pub json: bool,
}

/// `kring health` options.
#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// Only this community (its name, a unique start of it, or its id).
    #[arg(long, value_name = "NAME|ID")]
    pub community: Option<String>,

    /// Read at most this many messages (the last 12 weeks when they fit; each report says what
    /// it was computed from). The rate budget reads 200 a minute.
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = at_least_one)]
    pub max_messages: usize,

    /// Print JSON: an array of communities, what needs attention first, each {id, name,
    /// members, active_30d, active_percent, readers, new_not_posted: [user ids],
    /// unanswered_questions: [message ids], median_first_reply_secs, weekly: [12 counts, oldest
    /// first, null before the covered window], champions: [{id, name, liked_replies, likes}],
    /// last_message_at, quiet, attention: [phrases], coverage: {messages, since, text}}. Times
    /// are RFC 3339; null means unknown. Fields are only ever added.
    #[arg(long)]
    pub json: bool,
}

/// `kring questions` options. A question is a thread starter of kind `question`, or a plain
/// post whose first sentence ends in `?` or that is tagged `#question`, with no reply yet.
#[derive(Debug, clap::Args)]
pub struct QuestionsArgs {
    /// The questions you could answer, best match first, with why.
    #[arg(long)]
    pub for_me: bool,

    /// Only this community's questions (its name, a unique start of it, or its id).
    #[arg(long, value_name = "NAME|ID")]
    pub community: Option<String>,

    /// Look for questions asked in the last N days.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = at_least_one)]
    pub days: usize,

    /// Read at most this many messages (the rate budget reads 200 a minute).
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = at_least_one)]
    pub max_messages: usize,

    /// How many questions to print.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Print JSON: an array of questions, each {id, community_id, community, asker_id, asker,
    /// asked_at (RFC 3339), text, web_url}, with {score, why} for --for-me (best match first)
    /// or {answerers: [{id, name, score, why}], at most 3} otherwise (newest first). Fields
    /// are only ever added.
    #[arg(long)]
    pub json: bool,
}

/// `kring catchup` options.
#[derive(Debug, clap::Args)]
pub struct CatchUpArgs {
    /// How far back to look: `30m`, `8h`, `2d`, `1w` (default: a day).
    #[arg(long, value_name = "DURATION", default_value = "1d", value_parser = parse_duration)]
    pub since: i64,

    /// Read at most this many messages (the rate budget reads 200 a minute).
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = at_least_one)]
    pub max_messages: usize,

    /// Print JSON: {since (RFC 3339), messages, reach, communities: [{id (null: All Company),
    /// name, new_messages, new_threads, busiest, replies_to_you, mentions, questions}]}, each
    /// list {total, items: [{kind, thread_id, message_id, sender_id, sender, at, count, text,
    /// web_url}]}. Communities most active first. Fields are only ever added.
    #[arg(long)]
    pub json: bool,
}

/// `kring search` options. The query takes words (each matched as a prefix), "quoted
/// phrases", #topic, @user, and the filters in:COMMUNITY and from:PERSON.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to find.
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

    /// Only messages posted in this community (a name, or the start of one).
    #[arg(long = "in", value_name = "COMMUNITY")]
    pub community: Option<String>,

    /// Only messages sent by this person (a name or username, or the start of one).
    #[arg(long, value_name = "USER")]
    pub from: Option<String>,

    /// How many messages (at most 200); communities, people and topics are fewer.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,

    /// Print JSON: an array of results, messages first (newest first), then communities,
    /// people and topics, each {kind, id, title, detail, source: cached|server|both}, with
    /// {thread_id, group_id, sender_id, created_at (RFC 3339)} for messages. Fields are only
    /// ever added.
    #[arg(long)]
    pub json: bool,
}

/// A duration as seconds: a number and a unit, `m`, `h`, `d` or `w` (`90m`, `8h`, `2d`).
pub(crate) fn parse_duration(raw: &str) -> Result<i64, String> {
    let raw = raw.trim();
    let split = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (number, unit) = raw.split_at(split);
    let number: i64 = number
        .parse()
        .map_err(|_| "expected a number and a unit: 30m, 8h, 2d, 1w".to_owned())?;
    let unit = match unit {
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err("the unit must be m, h, d or w (30m, 8h, 2d, 1w)".to_owned()),
    };
    match number.checked_mul(unit) {
        Some(seconds) if seconds > 0 && seconds <= 3_650 * 86_400 => Ok(seconds),
        _ => Err("must be more than nothing and at most ten years".to_owned()),
    }
}

/// `kring post` options. The post is queued durably before any request, so it is never lost:
/// when it cannot be delivered now (exit 75) the next kring run delivers it.
#[derive(Debug, clap::Args)]
pub struct PostArgs {
    /// Post in this group (default: All Company).
    #[arg(long, value_name = "ID", conflicts_with_all = ["reply_to", "to"])]
    pub group: Option<u64>,

    /// Reply to this message.
    #[arg(long, value_name = "MSG_ID", conflicts_with = "to")]
    pub reply_to: Option<u64>,

    /// Send a private message to this user.
    #[arg(long, value_name = "USER_ID")]
    pub to: Option<u64>,

    /// Add a topic (repeatable).
    #[arg(long = "topic", value_name = "T")]
    pub topics: Vec<String>,

    /// Print the result as JSON: {"local_id":..,"state":"sent","message_id":..}.
    #[arg(long)]
    pub json: bool,

    /// Post nothing; deliver what is queued and exit 0 when nothing is left.
    #[arg(long, conflicts_with_all = ["group", "reply_to", "to", "topics", "text"])]
    pub flush: bool,

    /// Seconds to keep trying (offline, rate limited) before leaving the post queued.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub wait: u64,

    /// Seconds after a request whose answer was lost before a post missing from the sent feed
    /// is taken as not arrived and sent again (0 suits `kring serve`).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub settle_secs: u64,

    /// The text; `-` or nothing reads standard input.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,
}
