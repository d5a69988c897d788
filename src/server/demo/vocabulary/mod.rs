//! Words the demo network is made of: names, departments with their job titles and subjects,
//! offices, hobbies, customer companies, and (in submodules) what people write about each
//! subject and the social chatter around it. Data only; no randomness here.

mod chatter;
mod subjects_business;
mod subjects_people;
mod subjects_tech;
mod words;

pub use chatter::{
    ALL_COMPANY, DIRECT, GENERIC_REPLIES, GUEST_OPENERS, NEW_JOINERS, OFFICE, QUESTION_OPENERS,
    RUNNING, SHARE_OPENERS, THANKS,
};
pub use words::{CUSTOMERS, DAYS, FIRST_NAMES, GUEST_TITLES, INTERESTS, LAST_NAMES, LOCATIONS};

/// A subject people know about and write about.
#[derive(Debug)]
pub struct Subject {
    /// The expertise tag, as people declare it.
    pub tag: &'static str,
    /// The `#hashtag` used in messages.
    pub hashtag: &'static str,
    /// Vocabulary specific to the subject, filled into `{term}`.
    pub terms: &'static [Term],
    /// Things an expert shares.
    pub shares: &'static [&'static str],
    /// Things anyone asks.
    pub questions: &'static [&'static str],
    /// Things an expert answers.
    pub answers: &'static [&'static str],
}

/// A noun phrase of a subject's vocabulary, tagged with what templates need to agree with it.
/// Its article is part of the text: "the " for a definite one, none for a plural, a mass noun or
/// a name (a singular countable noun always comes with "the").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub text: &'static str,
    /// Takes "are"/"have"/"were" rather than "is"/"has"/"was".
    pub plural: bool,
}

impl Term {
    /// Whether the text starts with "the".
    pub fn definite(&self) -> bool {
        self.text.starts_with("the ")
    }

    /// The text without a leading "the", for after an adjective or a possessive.
    pub fn bare(&self) -> &'static str {
        self.text.strip_prefix("the ").unwrap_or(self.text)
    }
}

/// A plural term ("helm charts", "the read replicas").
pub const fn pl(text: &'static str) -> Term {
    Term { text, plural: true }
}

/// A singular term: definite ("the build cache"), a mass noun ("connection pooling") or a name.
pub const fn sg(text: &'static str) -> Term {
    Term {
        text,
        plural: false,
    }
}

/// Every subject, engineering first.
pub fn subjects() -> impl Iterator<Item = &'static Subject> {
    subjects_tech::TECH
        .iter()
        .chain(subjects_business::BUSINESS)
        .chain(subjects_people::PEOPLE_AND_OPERATIONS)
}

/// A department: its name, job titles, the subjects its people tend to know, and its share of
/// the company (in percent).
#[derive(Debug)]
pub struct Department {
    pub name: &'static str,
    pub titles: &'static [&'static str],
    pub subjects: &'static [&'static str],
    pub weight: u32,
}

pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "Engineering",
        titles: &[
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Engineer",
            "Engineering Manager",
            "Site Reliability Engineer",
            "Platform Engineer",
            "QA Engineer",
        ],
        subjects: &[
            "kubernetes",
            "rust",
            "postgres",
            "terraform",
            "observability",
            "incident response",
            "ci/cd",
            "api design",
            "python",
        ],
        weight: 26,
    },
    Department {
        name: "Security & IT",
        titles: &[
            "Security Engineer",
            "IT Administrator",
            "Security Analyst",
            "Head of Security",
        ],
        subjects: &[
            "security audit",
            "data privacy",
            "terraform",
            "incident response",
        ],
        weight: 7,
    },
    Department {
        name: "Data & Analytics",
        titles: &[
            "Data Scientist",
            "Data Engineer",
            "Analytics Engineer",
            "Machine Learning Engineer",
            "Head of Data",
        ],
        subjects: &[
            "machine learning",
            "data engineering",
            "product analytics",
            "python",
            "postgres",
        ],
        weight: 9,
    },
    Department {
        name: "Product & Design",
        titles: &[
            "Product Manager",
            "Senior Product Designer",
            "UX Researcher",
            "Product Designer",
            "Head of Product",
            "Content Designer",
        ],
        subjects: &[
            "ux research",
            "accessibility",
            "design systems",
            "product analytics",
            "localization",
            "api design",
        ],
        weight: 12,
    },
    Department {
        name: "Marketing",
        titles: &[
            "Marketing Manager",
            "Content Strategist",
            "Brand Designer",
            "Product Marketing Manager",
            "Localization Manager",
        ],
        subjects: &[
            "content strategy",
            "localization",
            "pricing",
            "product analytics",
        ],
        weight: 8,
    },
    Department {
        name: "Sales",
        titles: &[
            "Account Executive",
            "Sales Engineer",
            "Sales Director",
            "Business Development Representative",
            "Sales Enablement Lead",
        ],
        subjects: &["sales enablement", "pricing", "contract law"],
        weight: 12,
    },
    Department {
        name: "Customer Success",
        titles: &[
            "Customer Success Manager",
            "Support Engineer",
            "Onboarding Specialist",
            "Head of Customer Success",
            "Technical Account Manager",
        ],
        subjects: &["customer success", "onboarding", "accessibility", "pricing"],
        weight: 12,
    },
    Department {
        name: "People & Culture",
        titles: &[
            "People Partner",
            "Recruiter",
            "Learning Specialist",
            "Community Manager",
            "Internal Communications Lead",
        ],
        subjects: &[
            "recruiting",
            "learning and development",
            "onboarding",
            "community management",
            "working out loud",
        ],
        weight: 7,
    },
    Department {
        name: "Finance & Legal",
        titles: &[
            "Financial Analyst",
            "Legal Counsel",
            "Privacy Counsel",
            "Controller",
            "Procurement Lead",
        ],
        subjects: &["budgeting", "contract law", "gdpr", "data privacy"],
        weight: 7,
    },
];
