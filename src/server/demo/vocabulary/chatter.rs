//! Social chatter around the subject talk: company announcements, welcomes, office life, generic
//! replies and private messages. Placeholders: `{mention}` (an @username), `{first}` (a first
//! name), `{team}`, `{place}`, `{day}`, `{n}`, `{customer}`.

/// All Company posts.
pub const ALL_COMPANY: &[&str] = &[
    "Town hall on {day} at 16:00, in the {place} office and online. Post your questions in this thread. #townhall",
    "Please welcome {mention}, who joins {team} this week! #welcome",
    "Kudos to {mention} for helping three teams at once during the release crunch. #kudos",
    "The {place} office is closed on {day} for maintenance; please work from home.",
    "We crossed {n} customers this month. Thank you all! #milestone",
    "Reminder: the engagement survey closes on {day}. It takes ten minutes and it is anonymous.",
    "Volunteering day is coming up: {n} places left at the food bank. #volunteering",
    "The new expense tool launches on {day}. Old claims still work until the end of the month.",
    "Big thanks to {team} for the launch last night. Smooth as anything. #kudos",
    "Summer party in {place}: save the date, details follow on {day}.",
];

/// New Joiners & Training posts.
pub const NEW_JOINERS: &[&str] = &[
    "Hi all! I just joined {team} in {place}. Happy to be here and keen to meet people.",
    "First week done. Thanks {mention} for being a great buddy!",
    "Where do new joiners find the laptop setup guide?",
    "Onboarding session for this month's joiners is on {day} at 10:00. #onboarding",
    "Question from a new joiner: who do I ask about access to the wiki?",
    "Welcome to the {n} people who started this week! Say hello below. #welcome",
];

/// Office community posts.
pub const OFFICE: &[&str] = &[
    "Lunch walk along the canal at 12:30 on {day}, who is in?",
    "The coffee machine on the third floor is fixed. Rejoice.",
    "Desk booking is required on {day} because of the all-hands.",
    "Free cake in the kitchen, courtesy of {team}!",
    "Bike parking is full again; the overflow rack is behind the building.",
    "Board games night on {day} after work, bring your favourite.",
];

/// Running club posts.
pub const RUNNING: &[&str] = &[
    "Running club meets {day} at 7:30 at the {place} office. 5 or 10 km, all paces welcome.",
    "Who is signing up for the city half marathon? We could run as a team.",
    "New personal best this morning: {n} minutes for 10 km!",
    "Rainy run tomorrow anyway? Asking for a friend.",
];

/// Replies that fit any thread.
pub const GENERIC_REPLIES: &[&str] = &[
    "+1, we see the same in {team}.",
    "Following this thread.",
    "Great write-up, thanks for sharing.",
    "Could you share the link to the doc?",
    "Good question, I was wondering the same.",
    "Count me in!",
    "This is really useful, bookmarking it.",
    "Welcome aboard!",
    "Congrats, well deserved!",
    "Interesting. How long did it take?",
    "Same question here. Any update?",
    "Love this.",
];

/// Thank-you replies to an answer.
pub const THANKS: &[&str] = &[
    "Thanks {mention}, that helps a lot!",
    "That fixed it, thank you {mention}.",
    "Perfect, exactly what I needed. Thanks {mention}!",
    "Thanks! I will try that on {day}.",
];

/// Optional openers for subject posts that share something (never on a question: "Heads-up:
/// Can we …?" reads oddly).
pub const SHARE_OPENERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "Quick one: ",
    "FYI: ",
    "Heads-up: ",
    "Sharing in case it helps: ",
    "Small win today: ",
];

/// Optional openers for subject posts that ask.
pub const QUESTION_OPENERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "Quick one: ",
    "Quick question: ",
    "Question for the experts: ",
    "Asking for my team: ",
];

/// How customer guests start a post (they only ask).
pub const GUEST_OPENERS: &[&str] = &[
    "Hello from {customer}! ",
    "We at {customer} wonder: ",
    "A question from {customer}: ",
    "",
];

/// Private messages.
pub const DIRECT: &[&str] = &[
    "Hi {first}, do you have ten minutes today to talk about {term}?",
    "Thanks again for your help with {term} yesterday.",
    "Could you review my draft before {day}?",
    "Sure, {day} works for me.",
    "Sending it over now.",
    "Quick question about {term}: is the doc up to date?",
    "Looks good to me, ship it.",
    "Can we move our one-on-one to {day}?",
    "Congrats on the launch, {first}!",
    "Got it, thanks!",
];
