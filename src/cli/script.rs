//! Options of the scripting commands: `feed`, `thread`, `people`, `health`, `questions`,
//! `search`, `post`.

use super::at_least_one;

/// The subcommands that read the network and print (see `crate::script`).
#[derive(Debug)]
pub enum ScriptCommand {
    Feed(FeedArgs),
    Thread(ThreadArgs),
    People(PeopleArgs),
    Health(HealthArgs),
    Questions(QuestionsArgs),
    Search(SearchArgs),
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
