//! People and operations subjects (onboarding, customer success, recruiting, learning,
//! budgeting and the like): what people who know them write about. `{term}` and `{term2}` are
//! filled from `terms`.

use super::{Subject, pl, sg};

/// People and operations subjects; the demo takes them after the business ones.
pub const PEOPLE_AND_OPERATIONS: &[Subject] = &[
    Subject {
        tag: "onboarding",
        hashtag: "onboarding",
        terms: &[
            sg("the first-week checklist"),
            sg("the buddy programme"),
            sg("the welcome session"),
            sg("the setup wizard"),
            pl("product tours"),
            sg("the admin guide"),
            pl("customer onboarding calls"),
        ],
        shares: &[
            "We rebuilt {term}; new joiners are productive two days sooner.",
            "The new setup wizard cut the time {term} takes customers from an hour to fifteen minutes.",
            "Thanks to all buddies in {term} this quarter!",
        ],
        questions: &[
            "Where can I find {term}?",
            "Is there a shorter version of {term} for small customers?",
            "How long should {term} take for an enterprise customer?",
        ],
        answers: &[
            "It is pinned in New Joiners & Training; {term} link{s} everything.",
            "Yes, the light version of {term} skips SSO and data import.",
            "Plan two weeks; {term} include{s} a kickoff and two check-ins.",
        ],
    },
    Subject {
        tag: "customer success",
        hashtag: "customersuccess",
        terms: &[
            pl("health scores"),
            pl("quarterly business reviews"),
            sg("renewal risk"),
            sg("the churn playbook"),
            pl("expansion opportunities"),
            pl("support escalations"),
            pl("success plans"),
        ],
        shares: &[
            "Renewal rate hit 96% this quarter. {term} made the difference.",
            "New {term:bare:pl} flag accounts with low usage two months earlier.",
            "Sharing a great QBR deck: it tells the customer's story, not ours.",
        ],
        questions: &[
            "How do we calculate {term}?",
            "When should an account go into {term}?",
            "Who joins {term} for strategic accounts?",
        ],
        answers: &[
            "{term} combine{s} usage, support tickets and sentiment; the formula is in the CS wiki.",
            "When the health score stays red for two weeks, start {term}.",
            "The account executive and a product manager join {term} for strategic accounts.",
        ],
    },
    Subject {
        tag: "recruiting",
        hashtag: "hiring",
        terms: &[
            pl("structured interviews"),
            sg("the hiring scorecard"),
            pl("referral bonuses"),
            pl("take-home exercises"),
            sg("the careers page"),
            sg("interview training"),
        ],
        shares: &[
            "We are hiring 12 engineers this quarter; referral bonuses are doubled.",
            "Interview training is mandatory before joining {term}.",
            "Time to hire is down to 28 days thanks to {term}.",
        ],
        questions: &[
            "How do I refer a friend?",
            "Is the engineering process still using {term}?",
            "Where do I submit {term} after an interview?",
        ],
        answers: &[
            "Use the referral form; {term} {are} paid after the probation period.",
            "Optional now; candidates may choose a live session instead of {term}.",
            "Submit {term} in the applicant tracking system within 24 hours.",
        ],
    },
    Subject {
        tag: "learning and development",
        hashtag: "learning",
        terms: &[
            sg("the learning budget"),
            pl("mentoring circles"),
            pl("conference talks"),
            sg("leadership training"),
            sg("the course library"),
            pl("lunch-and-learns"),
        ],
        shares: &[
            "Reminder: {term} reset{s} in January; use {it} before then.",
            "Sign-ups for {term} are open for the spring cohort.",
            "Recordings from {term} are in the course library.",
        ],
        questions: &[
            "Can I use {term} for a certification?",
            "How do I join {term}?",
            "Is there support for giving {term}?",
        ],
        answers: &[
            "Yes, certifications count against {term}; get manager approval first.",
            "Fill in the form; {term} start{s} every quarter.",
            "Yes, the communications team coaches speakers for {term}.",
        ],
    },
    Subject {
        tag: "budgeting",
        hashtag: "finance",
        terms: &[
            sg("the annual plan"),
            sg("headcount planning"),
            pl("cost centres"),
            pl("purchase orders"),
            sg("the forecast"),
            pl("travel expenses"),
            pl("vendor invoices"),
        ],
        shares: &[
            "The planning process for {term} opens next week. Templates are in the finance space.",
            "We moved {term} to the new tool; approvals take a day now.",
            "The Q3 numbers for {term} are in: we are on plan.",
        ],
        questions: &[
            "Which cost centre do I use for {term}?",
            "Who approves {term} above the limit?",
            "When is the deadline for {term}?",
        ],
        answers: &[
            "Use your team's cost centre; shared tools go to IT for {term}.",
            "Your director approves {term} up to the limit; finance above it.",
            "{term} {are} due by the fifth working day of the month.",
        ],
    },
    Subject {
        tag: "community management",
        hashtag: "communitymanagement",
        terms: &[
            pl("engagement metrics"),
            pl("community guidelines"),
            pl("welcome posts"),
            sg("the champions network"),
            sg("moderation"),
            sg("community health"),
        ],
        shares: &[
            "Community tip: answer the first post of a new member within a day; {term} show{s} it doubles retention.",
            "We refreshed {term}; shorter and friendlier.",
            "The champions network met today: 25 communities, one shared calendar.",
        ],
        questions: &[
            "How do you revive a quiet community?",
            "What do you track for {term}?",
            "How strict should {term} be for off-topic posts?",
        ],
        answers: &[
            "Ask one easy question every week and tag two people who know the answer.",
            "Track {term} like replies per post and first-response time, not just views.",
            "Gentle: move off-topic posts, explain why, and thank the poster.",
        ],
    },
    Subject {
        tag: "working out loud",
        hashtag: "wol",
        terms: &[
            sg("sharing work in progress"),
            sg("narrating your work"),
            pl("open threads"),
            pl("weekly updates"),
            pl("lessons learned"),
        ],
        shares: &[
            "Working out loud: here is my draft for next year's plan, half-finished on purpose.",
            "Trying something new: {term} every Friday in this community.",
            "{term} saved us from building the same tool twice.",
        ],
        questions: &[
            "How do you start {term} without it feeling like bragging?",
            "Is there a template for {term}?",
            "Can {term} help with confidential projects?",
        ],
        answers: &[
            "Share the question you are stuck on, not the result; {term} {is} about asking.",
            "Three lines: what I did, what I learned, where I need help.",
            "Share the method, not the details; {term} still help{s}.",
        ],
    },
];
