//! Privacy, design, product and go-to-market subjects: what people who know them write about.
//! `{term}` and `{term2}` are filled from `terms`.

use super::{Subject, pl, sg};

/// Business, design and community subjects.
pub const BUSINESS: &[Subject] = &[
    Subject {
        tag: "gdpr",
        hashtag: "gdpr",
        terms: &[
            pl("data subject requests"),
            pl("the records of processing"),
            sg("lawful basis"),
            pl("data processing agreements"),
            pl("retention schedules"),
            sg("cookie consent"),
            sg("the DPIA template"),
        ],
        shares: &[
            "Reminder: {term} must be answered within 30 days. The new form routes them automatically.",
            "We updated {term} for the CRM; every field now has a lawful basis.",
            "GDPR refresher training is open. It covers {term} and {term2} in twenty minutes.",
        ],
        questions: &[
            "Do we need a DPIA before launching the new analytics tool?",
            "What is our approach to {term} for support tickets?",
            "A customer asked for all their data. How do we handle {term}?",
        ],
        answers: &[
            "Yes, if it profiles users; start from {term} and involve legal early.",
            "Tickets are kept two years, then anonymised; see {term} in the wiki.",
            "Log it in the privacy portal; {term} {are} handled by the privacy team within the deadline.",
        ],
    },
    Subject {
        tag: "data privacy",
        hashtag: "privacy",
        terms: &[
            sg("pseudonymisation"),
            sg("privacy by design"),
            sg("data minimisation"),
            sg("access logging"),
            sg("the privacy review"),
            sg("data classification"),
            pl("vendor assessments"),
        ],
        shares: &[
            "Privacy tip: {term} beat{s} deleting data later. Collect less in the first place.",
            "The privacy review is now part of every launch checklist.",
            "We classified every warehouse table for {term}; the labels drive access automatically.",
        ],
        questions: &[
            "Can we use production data for testing if we apply {term}?",
            "Who signs off {term} for a new vendor?",
            "Is customer email address data classified as confidential?",
        ],
        answers: &[
            "Only with {term} and a documented exception; synthetic data is the default.",
            "The privacy team runs {term}; allow two weeks.",
            "Yes, it is personal data, so {term} {is} required and access is logged.",
        ],
    },
    Subject {
        tag: "contract law",
        hashtag: "legal",
        terms: &[
            pl("limitation of liability clauses"),
            sg("the master services agreement"),
            pl("indemnities"),
            pl("redlines"),
            sg("the standard NDA"),
            sg("termination for convenience"),
            sg("governing law"),
        ],
        shares: &[
            "{term} {has} a new version in the contract tool; it saves about a week of back-and-forth.",
            "Legal office hours on Wednesdays: bring your questions about {term}.",
            "Please use {term} for partner talks; custom NDAs take weeks.",
        ],
        questions: &[
            "The customer wants unlimited liability. How do we respond to {term}?",
            "Can sales agree to {term} without legal?",
            "What do we accept on {term} for US customers?",
        ],
        answers: &[
            "Offer the fallback position for {term} in the playbook; liability is capped at twelve months of fees.",
            "No, {term} always need{s} legal review.",
            "Delaware or New York are fine; anything else goes to legal.",
        ],
    },
    Subject {
        tag: "ux research",
        hashtag: "uxresearch",
        terms: &[
            pl("usability tests"),
            pl("interview guides"),
            sg("the research repository"),
            pl("journey maps"),
            pl("diary studies"),
            sg("recruiting participants"),
            sg("affinity mapping"),
        ],
        shares: &[
            "Findings from last week's study of {term} are in the research repository. Three of five users missed the export button.",
            "We are running {term} with admins in November. Suggest questions!",
            "The research repository now has 200 tagged insights; search before you start a new study.",
        ],
        questions: &[
            "How do I get help finding users for {term}?",
            "Is there a template for {term}?",
            "Has anyone researched how admins use {term}?",
        ],
        answers: &[
            "The research ops team handles {term}; fill in the request form two weeks ahead.",
            "Yes, start from the template in {term} and adapt the warm-up questions.",
            "Search the repository for {term} with admins; we did a study in spring.",
        ],
    },
    Subject {
        tag: "accessibility",
        hashtag: "a11y",
        terms: &[
            sg("screen reader support"),
            sg("keyboard navigation"),
            sg("colour contrast"),
            sg("WCAG 2.2"),
            sg("focus order"),
            sg("alt text"),
            sg("the accessibility audit"),
        ],
        shares: &[
            "We fixed {term} across the settings pages; every control is reachable without a mouse now.",
            "The accessibility audit is done: issues with {term} are the top category.",
            "Tip: test {term} with the screen reader before asking for design review.",
        ],
        questions: &[
            "Which screen reader should I test {term} with?",
            "Does our design system meet {term} for colour contrast?",
            "How do we get {term} right for charts?",
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
            pl("design tokens"),
            sg("the component library"),
            pl("Figma variants"),
            sg("dark mode"),
            sg("the spacing scale"),
            sg("the icon set"),
            pl("contribution guidelines"),
        ],
        shares: &[
            "Version 4 of the component library ships {term} and {term2}.",
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
            "{term} for mobile {is} planned for next quarter.",
            "Open a request in the design system board; {term} {are} reviewed weekly.",
        ],
    },
    Subject {
        tag: "pricing",
        hashtag: "pricing",
        terms: &[
            pl("the new pricing tiers"),
            pl("discount approvals"),
            sg("usage-based billing"),
            sg("annual prepay"),
            sg("price localisation"),
            sg("the enterprise plan"),
            sg("packaging"),
        ],
        shares: &[
            "{term} go{es} live on the first of the month. Existing customers keep their price for a year.",
            "We simplified {term}: three plans instead of seven.",
            "Win rates improved after the change to {term}; details in the deck.",
        ],
        questions: &[
            "Who approves a 30% discount under {term}?",
            "How should we explain {term} to a customer upset about the change?",
            "Can customers in Brazil get {term}?",
        ],
        answers: &[
            "Up to 20% the sales lead approves; beyond that {term} go{es} to the pricing committee.",
            "Lead with value and the grandfathering period; the FAQ covers {term}.",
            "Not yet; {term} for Latin America {is} planned for Q2.",
        ],
    },
    Subject {
        tag: "localization",
        hashtag: "l10n",
        terms: &[
            sg("translation memory"),
            pl("string freezes"),
            pl("right-to-left layouts"),
            pl("pluralisation rules"),
            sg("the Japanese launch"),
            pl("locale fallbacks"),
        ],
        shares: &[
            "String freeze for the release is Friday; after that {term} handle{s} the rest.",
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
            "Use the ICU message format; {term} {are} built in.",
            "Native-speaking reviewers sign off after {term}.",
        ],
    },
    Subject {
        tag: "content strategy",
        hashtag: "content",
        terms: &[
            sg("the editorial calendar"),
            pl("SEO briefs"),
            pl("case studies"),
            sg("the style guide"),
            pl("webinar recordings"),
            sg("the customer newsletter"),
        ],
        shares: &[
            "The editorial calendar for Q4 is up; pitch your ideas for {term}.",
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
            "About six weeks; {term} lock{s} two weeks before publishing.",
        ],
    },
    Subject {
        tag: "sales enablement",
        hashtag: "salesenablement",
        terms: &[
            pl("battlecards"),
            sg("the demo script"),
            pl("discovery calls"),
            sg("objection handling"),
            sg("the sales playbook"),
            sg("onboarding for new reps"),
            sg("the competitor comparison"),
        ],
        shares: &[
            "New {term:bare:pl} for the top three competitors are in the playbook.",
            "The recording of last week's session on {term} is online.",
            "Tip from the top performers: spend more time on {term}, less on slides.",
        ],
        questions: &[
            "Do we have updated {term:bare} for the enterprise plan?",
            "How do I handle the objection that we are too expensive?",
            "Where do I find {term} for healthcare prospects?",
        ],
        answers: &[
            "Yes, {term} {was} refreshed this month; {it} {is} pinned in the sales channel.",
            "Anchor on the cost of doing nothing; {term} {has} three proven answers.",
            "Check {term} under industries; healthcare has its own section.",
        ],
    },
];
