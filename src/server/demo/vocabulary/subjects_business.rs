//! Privacy, design, product and go-to-market subjects: what people who know them write about.
//! `{term}` and `{term2}` are filled from `terms`.

use super::Subject;

/// Business, design and community subjects.
pub const BUSINESS: &[Subject] = &[
    Subject {
        tag: "gdpr",
        hashtag: "gdpr",
        terms: &[
            "data subject requests",
            "the records of processing",
            "lawful basis",
            "data processing agreements",
            "retention schedules",
            "cookie consent",
            "the DPIA template",
        ],
        shares: &[
            "Reminder: {term} must be answered within 30 days. The new form routes them automatically.",
            "We updated {term} for the CRM; every field now has a lawful basis.",
            "GDPR refresher training is open. It covers {term} and {term2} in twenty minutes.",
        ],
        questions: &[
            "Do we need a DPIA before launching the new analytics tool?",
            "What is our {term} for support tickets?",
            "A customer asked for all their data. How do we handle {term}?",
        ],
        answers: &[
            "Yes, if it profiles users; start from {term} and involve legal early.",
            "Tickets are kept two years, then anonymised; see {term} in the wiki.",
            "Log it in the privacy portal; {term} are handled by the privacy team within the deadline.",
        ],
    },
    Subject {
        tag: "data privacy",
        hashtag: "privacy",
        terms: &[
            "pseudonymisation",
            "privacy by design",
            "data minimisation",
            "access logging",
            "the privacy review",
            "data classification",
            "vendor assessments",
        ],
        shares: &[
            "Privacy tip: {term} beats deleting data later. Collect less in the first place.",
            "The privacy review is now part of every launch checklist.",
            "We classified every warehouse table; {term} labels drive access automatically.",
        ],
        questions: &[
            "Can we use production data for testing if we apply {term}?",
            "Who signs off {term} for a new vendor?",
            "Is customer email address data classified as confidential?",
        ],
        answers: &[
            "Only with {term} and a documented exception; synthetic data is the default.",
            "The privacy team runs {term}; allow two weeks.",
            "Yes, it is personal data, so {term} applies and access is logged.",
        ],
    },
    Subject {
        tag: "contract law",
        hashtag: "legal",
        terms: &[
            "limitation of liability clauses",
            "the master services agreement",
            "indemnities",
            "redlines",
            "the standard NDA",
            "termination for convenience",
            "governing law",
        ],
        shares: &[
            "New version of {term} is live in the contract tool; it saves about a week of {term2}.",
            "Legal office hours on Wednesdays: bring your {term} questions.",
            "Please use {term} for partner talks; custom NDAs take weeks.",
        ],
        questions: &[
            "The customer wants unlimited liability. How do we respond to {term}?",
            "Can sales agree to {term} without legal?",
            "Which {term} do we accept for US customers?",
        ],
        answers: &[
            "Offer the fallback position in the playbook; {term} is capped at twelve months of fees.",
            "No, {term} always needs legal review.",
            "Delaware or New York are fine; anything else goes to legal.",
        ],
    },
    Subject {
        tag: "ux research",
        hashtag: "uxresearch",
        terms: &[
            "usability tests",
            "interview guides",
            "the research repository",
            "journey maps",
            "diary studies",
            "recruiting participants",
            "affinity mapping",
        ],
        shares: &[
            "Findings from last week's {term} are in {term2}. Three of five users missed the export button.",
            "We are running {term} with admins in November. Suggest questions!",
            "The research repository now has 200 tagged insights; search before you start a new study.",
        ],
        questions: &[
            "How do I get help recruiting participants for {term}?",
            "Is there a template for {term}?",
            "Has anyone researched how admins use {term}?",
        ],
        answers: &[
            "The research ops team handles {term}; fill in the request form two weeks ahead.",
            "Yes, start from the template in {term} and adapt the warm-up questions.",
            "Search the repository for admin {term}; we did a study in spring.",
        ],
    },
    Subject {
        tag: "accessibility",
        hashtag: "a11y",
        terms: &[
            "screen reader support",
            "keyboard navigation",
            "colour contrast",
            "WCAG 2.2",
            "focus order",
            "alt text",
            "the accessibility audit",
        ],
        shares: &[
            "We fixed {term} across the settings pages; every control is reachable without a mouse now.",
            "The accessibility audit is done: {term} issues are the top category.",
            "Tip: test {term} with the screen reader before asking for design review.",
        ],
        questions: &[
            "Which screen reader should I test {term} with?",
            "Does our design system meet {term} for colour contrast?",
            "How do we write good {term} for charts?",
        ],
        answers: &[
            "NVDA on Windows and VoiceOver on Mac cover most of our users for {term}.",
            "The core palette passes {term}; the muted greys do not on white.",
            "Describe the takeaway, not the pixels; {term} should say what the chart shows.",
        ],
    },
    Subject {
        tag: "design systems",
        hashtag: "designsystem",
        terms: &[
            "design tokens",
            "the component library",
            "Figma variants",
            "dark mode",
            "spacing scale",
            "the icon set",
            "contribution guidelines",
        ],
        shares: &[
            "Version 4 of the component library ships {term} and a new {term2}.",
            "We moved colours to {term}; dark mode comes almost for free now.",
            "Please follow {term} before proposing a new component.",
        ],
        questions: &[
            "Is there a component for {term} already?",
            "When will {term} land in the mobile library?",
            "How do I request a new icon in {term}?",
        ],
        answers: &[
            "Yes, check the data table in {term}; it supports sorting and sticky headers.",
            "{term} for mobile is planned for next quarter.",
            "Open a request in the design system board; {term} are reviewed weekly.",
        ],
    },
    Subject {
        tag: "pricing",
        hashtag: "pricing",
        terms: &[
            "the new pricing tiers",
            "discount approvals",
            "usage-based billing",
            "annual prepay",
            "price localisation",
            "the enterprise plan",
            "packaging",
        ],
        shares: &[
            "{term} go live on the first of the month. Existing customers keep their price for a year.",
            "We simplified {term}: three plans instead of seven.",
            "Win rates improved after the change to {term}; details in the deck.",
        ],
        questions: &[
            "Who approves a 30% discount under {term}?",
            "How should we explain {term} to a customer upset about the change?",
            "Is {term} available in Brazil?",
        ],
        answers: &[
            "Up to 20% the sales lead approves; beyond that {term} go to the pricing committee.",
            "Lead with value and the grandfathering period; the FAQ covers {term}.",
            "Not yet; {term} for Latin America is planned for Q2.",
        ],
    },
    Subject {
        tag: "localization",
        hashtag: "l10n",
        terms: &[
            "translation memory",
            "string freezes",
            "right-to-left layouts",
            "pluralisation rules",
            "the Japanese launch",
            "locale fallbacks",
        ],
        shares: &[
            "String freeze for the release is Friday; after that {term} handle the rest.",
            "We now support {term} in the web app.",
            "The Japanese launch went well; {term} saved us weeks.",
        ],
        questions: &[
            "Why does the German text overflow the button again?",
            "How do we handle {term} in notifications?",
            "Who reviews translations before {term}?",
        ],
        answers: &[
            "German runs about 30% longer; design with {term} in mind.",
            "Use the ICU message format; {term} are built in.",
            "Native-speaking reviewers sign off after {term}.",
        ],
    },
    Subject {
        tag: "content strategy",
        hashtag: "content",
        terms: &[
            "the editorial calendar",
            "SEO briefs",
            "case studies",
            "the style guide",
            "webinar recordings",
            "the customer newsletter",
        ],
        shares: &[
            "The editorial calendar for Q4 is up; pitch your {term} ideas.",
            "Our best-performing piece this quarter was a case study. More of those, please.",
            "Updated {term}: plain words, short sentences, no jargon.",
        ],
        questions: &[
            "Can someone review my draft against {term}?",
            "Who owns {term}?",
            "How far ahead do we plan {term}?",
        ],
        answers: &[
            "Happy to review; the checklist in {term} covers most of it.",
            "The content team owns {term}; send ideas to their intake form.",
            "About six weeks; {term} locks two weeks before publishing.",
        ],
    },
    Subject {
        tag: "sales enablement",
        hashtag: "salesenablement",
        terms: &[
            "battlecards",
            "the demo script",
            "discovery calls",
            "objection handling",
            "the sales playbook",
            "onboarding for new reps",
            "the competitor comparison",
        ],
        shares: &[
            "New {term} for the top three competitors are in the playbook.",
            "Recording of last week's {term} session is online.",
            "Tip from the top performers: spend more time on {term}, less on slides.",
        ],
        questions: &[
            "Is there an updated {term} for the enterprise plan?",
            "How do I handle the objection that we are too expensive?",
            "Where do I find {term} for healthcare prospects?",
        ],
        answers: &[
            "Yes, {term} was refreshed this month; it is pinned in the sales channel.",
            "Anchor on the cost of doing nothing; {term} has three proven answers.",
            "Check {term} under industries; healthcare has its own section.",
        ],
    },
];
